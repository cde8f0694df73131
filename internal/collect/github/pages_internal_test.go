package github

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNextLink(t *testing.T) {
	t.Parallel()
	api, err := url.Parse("https://ghe.example.com/api/v3/")
	require.NoError(t, err)
	req, err := url.Parse("https://ghe.example.com/api/v3/orgs/acme/members?per_page=100")
	require.NoError(t, err)
	for _, tc := range []struct {
		name, link string
		want       string // "" when there is no next page
		err        string
	}{
		{"no header", "", "", ""},
		{"page number", `<https://ghe.example.com/api/v3/orgs/acme/members?page=2>; rel="next", <https://ghe.example.com/api/v3/orgs/acme/members?page=3>; rel="last"`,
			"https://ghe.example.com/api/v3/orgs/acme/members?page=2", ""},
		{"since cursor go-github cannot read", `<https://ghe.example.com/api/v3/orgs/acme/members?since=100>; rel="next"`,
			"https://ghe.example.com/api/v3/orgs/acme/members?since=100", ""},
		{"comma inside the URL", `<https://ghe.example.com/api/v3/x?labels=a,b&page=2>; rel="next"`, "https://ghe.example.com/api/v3/x?labels=a,b&page=2", ""},
		{"several rels, unquoted", `<https://ghe.example.com/api/v3/x?page=2>; rel=next`, "https://ghe.example.com/api/v3/x?page=2", ""},
		{"relative", `</api/v3/orgs/acme/members?page=2>; rel="next"`, "https://ghe.example.com/api/v3/orgs/acme/members?page=2", ""},
		{"explicit default port", `<https://ghe.example.com:443/api/v3/x?page=2>; rel="next"`, "https://ghe.example.com:443/api/v3/x?page=2", ""},
		{"only prev and last", `<https://ghe.example.com/api/v3/x?page=1>; rel="prev"`, "", ""},
		{"no angle brackets", `https://ghe.example.com/api/v3/x?page=2; rel="next"`, "", "expected '<'"},
		{"unterminated", `<https://ghe.example.com/api/v3/x?page=2; rel="next"`, "", "unterminated"},
		{"no rel", `<https://ghe.example.com/api/v3/x?page=2>`, "", "has no rel"},
		{"two different next links", `<https://ghe.example.com/api/v3/x?page=2>; rel="next", <https://ghe.example.com/api/v3/x?page=9>; rel="next"`, "", `two "next" links`},
		{"other host", `<https://evil.example/api/v3/x?page=2>; rel="next"`, "", "outside the API"},
		{"plain http", `<http://ghe.example.com/api/v3/x?page=2>; rel="next"`, "", "outside the API"},
		{"outside the API path", `<https://ghe.example.com/login?page=2>; rel="next"`, "", "outside the API"},
		{"not a URL", `<https://[::1/api/v3/x?page=2>; rel="next"`, "", "is not a URL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			resp := &http.Response{Header: http.Header{}, Request: &http.Request{URL: req}}
			if tc.link != "" {
				resp.Header.Set("Link", tc.link)
			}
			u, err := nextLink(resp, api)
			if tc.err != "" {
				require.Error(t, err)
				assert.ErrorIs(t, err, errBadNextLink)
				assert.Contains(t, err.Error(), tc.err)
				return
			}
			require.NoError(t, err)
			if tc.want == "" {
				assert.Nil(t, u)
				return
			}
			require.NotNil(t, u)
			assert.Equal(t, tc.want, u.String())
		})
	}
}

func TestCanonicalURLIgnoresParameterOrder(t *testing.T) {
	t.Parallel()
	a, _ := url.Parse("https://api.github.com/orgs/acme/members?page=2&per_page=100")
	b, _ := url.Parse("https://API.github.com:443/orgs/acme/members?per_page=100&page=2")
	assert.Equal(t, canonicalURL(a), canonicalURL(b))
}
