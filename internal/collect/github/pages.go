package github

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// DefaultMaxPages bounds the pages of one list: 10,000 pages of 100 is a
// million items, far beyond any organisation's members or repositories, and
// reached in minutes rather than never when GitHub (or something between)
// keeps sending next links.
const DefaultMaxPages = 10000

var (
	// errPageCycle: a next link leads to a page of the same list already
	// read. Following it would loop for ever (one such loop sent 124,833
	// requests in a minute).
	errPageCycle = errors.New("pagination loops")
	// errPageLimit: the list is longer than maxPages pages.
	errPageLimit = errors.New("pagination page limit reached")
	// errBadNextLink: the answer has a next link that cannot be followed.
	errBadNextLink = errors.New("next page link cannot be followed")
)

// nextLink returns the rel="next" URL of resp's Link header, nil when
// there is none. The link must stay on the API's scheme, host and path
// prefix: the bearer token goes with every request, and a link elsewhere
// would hand it to another server.
func nextLink(resp *http.Response, api *url.URL) (*url.URL, error) {
	links := resp.Header.Values("Link")
	if len(links) == 0 {
		return nil, nil
	}
	base := api
	if resp.Request != nil && resp.Request.URL != nil {
		base = resp.Request.URL // RFC 8288: relative targets resolve against the request
	}
	var next *url.URL
	for _, h := range links {
		targets, err := parseLink(h)
		if err != nil {
			return nil, fmt.Errorf("%w: Link header %q: %v", errBadNextLink, h, err)
		}
		raw, ok := targets["next"]
		if !ok {
			continue
		}
		u, err := url.Parse(raw)
		if err != nil {
			return nil, fmt.Errorf("%w: %q is not a URL: %v", errBadNextLink, raw, err)
		}
		u = base.ResolveReference(u)
		if !strings.EqualFold(u.Scheme, api.Scheme) || !strings.EqualFold(hostPort(u), hostPort(api)) || !strings.HasPrefix(u.Path, api.Path) {
			return nil, fmt.Errorf("%w: %s is outside the API at %s (the credentials would be sent there)", errBadNextLink, u.Redacted(), api.Redacted())
		}
		if next != nil && canonicalURL(next) != canonicalURL(u) {
			return nil, fmt.Errorf("%w: two different next links, %s and %s", errBadNextLink, next.RequestURI(), u.RequestURI())
		}
		next = u
	}
	return next, nil
}

// parseLink reads an RFC 8288 Link header value into rel → target. It is
// strict: a value it cannot read might hide a next link, and guessing
// would either truncate the list or follow the wrong page.
func parseLink(h string) (map[string]string, error) {
	out := map[string]string{}
	rest := strings.TrimSpace(h)
	for rest != "" {
		if rest[0] != '<' {
			return nil, fmt.Errorf("expected '<' at %q", rest)
		}
		end := strings.IndexByte(rest, '>')
		if end < 0 {
			return nil, errors.New("unterminated '<'")
		}
		target := rest[1:end]
		rest = rest[end+1:]
		// Parameters run to the next link ('<' cannot appear in them unquoted).
		params := rest
		if i := strings.IndexByte(rest, '<'); i >= 0 {
			params, rest = rest[:i], rest[i:]
		} else {
			rest = ""
		}
		params = strings.TrimSpace(params)
		params = strings.TrimSuffix(params, ",")
		rels := 0
		for _, p := range strings.Split(params, ";") {
			p = strings.TrimSpace(p)
			if p == "" {
				continue
			}
			k, v, ok := strings.Cut(p, "=")
			if !ok {
				return nil, fmt.Errorf("parameter %q has no value", p)
			}
			if !strings.EqualFold(strings.TrimSpace(k), "rel") {
				continue
			}
			v = strings.Trim(strings.TrimSpace(v), `"`)
			for _, rel := range strings.Fields(strings.ToLower(v)) {
				if prev, dup := out[rel]; dup && prev != target {
					return nil, fmt.Errorf("two %q links", rel)
				}
				out[rel] = target
				rels++
			}
		}
		if rels == 0 {
			return nil, fmt.Errorf("link <%s> has no rel", target)
		}
		rest = strings.TrimSpace(rest)
	}
	return out, nil
}

// hostPort is u's host with the scheme's default port made explicit, so
// "api.github.com" and "api.github.com:443" compare equal.
func hostPort(u *url.URL) string {
	port := u.Port()
	if port == "" {
		switch strings.ToLower(u.Scheme) {
		case "https":
			port = "443"
		case "http":
			port = "80"
		}
	}
	return strings.ToLower(u.Hostname()) + ":" + port
}

// canonicalURL identifies a page for cycle detection: the same query
// parameters in another order are the same page.
func canonicalURL(u *url.URL) string {
	return strings.ToLower(u.Scheme) + "://" + hostPort(u) + u.EscapedPath() + "?" + u.Query().Encode()
}
