package serve

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/store"
)

// TestEveryRouteNeedsAuthentication walks the route table: only the
// probes and the login form answer without credentials.
func TestEveryRouteNeedsAuthentication(t *testing.T) {
	t.Parallel()
	st, _, _ := nightRuns(t)
	ts := newTestServer(t, st, nil)
	for _, rt := range routes {
		path := strings.NewReplacer("{id}", "1", "{fingerprint}", "abc", "{system}", "shop", "{$}", "").Replace(rt.pattern)
		t.Run(rt.method+" "+rt.pattern, func(t *testing.T) {
			for _, c := range []struct {
				name   string
				header string
			}{{"none", ""}, {"wrong token", "Bearer wrong"}, {"token as basic", "Basic " + testToken}, {"bare token", testToken}, {"prefix of the token", "Bearer " + testToken[:5]}} {
				r := httptest.NewRequest(rt.method, path, nil)
				if c.header != "" {
					r.Header.Set("Authorization", c.header)
				}
				w := ts.do(t, r, false)
				if openPaths[rt.pattern] {
					assert.Empty(t, w.Header().Get("WWW-Authenticate"), "%s is open", rt.pattern)
					continue
				}
				assert.Equal(t, http.StatusUnauthorized, w.Code, c.name)
				assert.Equal(t, `Bearer realm="rampart"`, w.Header().Get("WWW-Authenticate"))
				assert.NotContains(t, w.Body.String(), "ghp_", "nothing of the store before authentication")
			}
		})
	}
}

func TestBrowserLogsInWithTheToken(t *testing.T) {
	t.Parallel()
	st, _, _ := nightRuns(t)
	ts := newTestServer(t, st, nil)

	page := httptest.NewRequest(http.MethodGet, "/", nil)
	page.Header.Set("Accept", "text/html,application/xhtml+xml")
	w := ts.do(t, page, false)
	require.Equal(t, http.StatusSeeOther, w.Code)
	assert.Equal(t, "/login", w.Header().Get("Location"))

	form := func(token string) *http.Request {
		r := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(url.Values{"token": {token}}.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return r
	}
	w = ts.do(t, form("nope"), false)
	assert.Equal(t, http.StatusUnauthorized, w.Code)
	assert.Contains(t, w.Body.String(), `id="login-failed"`)
	assert.Empty(t, w.Result().Cookies())

	w = ts.do(t, form(testToken), false)
	require.Equal(t, http.StatusSeeOther, w.Code)
	cookies := w.Result().Cookies()
	require.Len(t, cookies, 1)
	c := cookies[0]
	assert.True(t, c.HttpOnly)
	assert.Equal(t, http.SameSiteStrictMode, c.SameSite)
	assert.NotContains(t, c.Value, testToken, "the cookie is an HMAC of the token, not the token")

	again := httptest.NewRequest(http.MethodGet, "/", nil)
	again.AddCookie(c)
	w = ts.do(t, again, false)
	require.Equal(t, http.StatusOK, w.Code)
	assert.Contains(t, w.Body.String(), "Run 2")

	forged := httptest.NewRequest(http.MethodGet, "/api/v1/runs", nil)
	forged.AddCookie(&http.Cookie{Name: sessionCookie, Value: c.Value[:len(c.Value)-1] + "0"})
	assert.Equal(t, http.StatusUnauthorized, ts.do(t, forged, false).Code)
}

func TestProxyHeaderAuth(t *testing.T) {
	t.Parallel()
	st, _, _ := nightRuns(t)
	ts := newTestServer(t, st, func(o *Options) { o.Auth = ProxyAuth{Header: "X-Forwarded-User"} })
	r := httptest.NewRequest(http.MethodGet, "/api/v1/runs", nil)
	assert.Equal(t, http.StatusUnauthorized, ts.do(t, r, false).Code)
	r = httptest.NewRequest(http.MethodGet, "/api/v1/runs", nil)
	r.Header.Set("X-Forwarded-User", "   ")
	assert.Equal(t, http.StatusUnauthorized, ts.do(t, r, false).Code, "a blank user is no user")
	r = httptest.NewRequest(http.MethodGet, "/api/v1/runs", nil)
	r.Header.Set("X-Forwarded-User", "alice@acme.example")
	assert.Equal(t, http.StatusOK, ts.do(t, r, false).Code)
	r = httptest.NewRequest(http.MethodGet, "/login", nil)
	assert.Equal(t, http.StatusNotFound, ts.do(t, r, false).Code, "no token login behind a proxy")
}

func TestNewRefusesNoAuth(t *testing.T) {
	t.Parallel()
	_, err := New(Options{Store: &memStore{}, Audit: func(context.Context, Job) (store.RunID, error) { return 0, nil }})
	require.Error(t, err)
}
