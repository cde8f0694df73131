package github

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

// etagCache makes every GET conditional on the ETag of its last 200, kept in
// one file per request under dir. GitHub does not count a 304 against the
// primary quota, so re-auditing an unchanged organisation costs almost
// nothing. The key includes a hash of the credential identity, because
// GitHub's answers differ by who asks (Vary: Authorization).
type etagCache struct {
	next     http.RoundTripper
	dir      string
	identity string
	stats    *Stats
}

// cachedResponse is one file of the cache. Only the headers the collector
// reads are kept; never Authorization or Set-Cookie.
type cachedResponse struct {
	ETag   string              `json:"etag"`
	Header map[string][]string `json:"header"`
	Body   []byte              `json:"body"`
}

var keptHeaders = []string{"Content-Type", "Link", "ETag", "X-Accepted-Github-Permissions", "X-Oauth-Scopes", "X-Accepted-Oauth-Scopes"}

func newETagCache(next http.RoundTripper, dir, identity string, stats *Stats) (*etagCache, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create cache dir: %w", err)
	}
	return &etagCache{next: next, dir: dir, identity: identity, stats: stats}, nil
}

func (c *etagCache) path(req *http.Request) string {
	h := sha256.New()
	fmt.Fprintf(h, "rampart-github-cache/v1\n%s\n%s %s\n%s\n", c.identity, req.Method, req.URL.String(), req.Header.Get("Accept"))
	name := hex.EncodeToString(h.Sum(nil))
	// 256 shards: one flat folder of tens of thousands of files makes
	// creating each new one slow on common filesystems.
	return filepath.Join(c.dir, name[:2], name+".json")
}

// cacheable excludes what must not rest on disk: secret scanning alerts
// carry the leaked secret itself in their body.
func cacheable(req *http.Request) bool {
	return req.Method == http.MethodGet && !strings.Contains(req.URL.Path, "/secret-scanning/") &&
		// Credential authorizations carry each token's last eight characters.
		!strings.HasSuffix(req.URL.Path, "/credential-authorizations")
}

func (c *etagCache) RoundTrip(req *http.Request) (*http.Response, error) {
	if !cacheable(req) {
		return c.next.RoundTrip(req)
	}
	file := c.path(req)
	cached, err := c.load(file)
	if err != nil {
		return nil, err
	}
	r := req
	if cached != nil {
		r = req.Clone(req.Context())
		r.Header.Set("If-None-Match", cached.ETag)
	}
	resp, err := c.next.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	switch {
	case resp.StatusCode == http.StatusNotModified && cached != nil:
		drain(resp)
		c.stats.NotModified.Add(1)
		return cached.response(req, resp.Header), nil
	case resp.StatusCode == http.StatusOK && resp.Header.Get("ETag") != "":
		body, err := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("read response body: %w", err)
		}
		resp.Body = io.NopCloser(bytes.NewReader(body))
		// An empty or cut-off body must not be kept: its ETag would make
		// every later run get 304 and be served the broken copy again.
		if !json.Valid(body) {
			return resp, nil
		}
		if err := c.store(file, resp.Header, body); err != nil {
			return nil, err
		}
		return resp, nil
	default:
		return resp, nil
	}
}

func (c *etagCache) load(file string) (*cachedResponse, error) {
	data, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read cache: %w", err)
	}
	var cr cachedResponse
	if err := json.Unmarshal(data, &cr); err != nil || cr.ETag == "" {
		// A damaged entry only costs one full request: refetch it.
		return nil, nil
	}
	return &cr, nil
}

func (c *etagCache) store(file string, h http.Header, body []byte) error {
	cr := cachedResponse{ETag: h.Get("ETag"), Header: map[string][]string{}, Body: body}
	for _, k := range keptHeaders {
		if v := h.Values(k); len(v) > 0 {
			cr.Header[k] = v
		}
	}
	data, err := json.Marshal(cr)
	if err != nil {
		return fmt.Errorf("encode cache entry: %w", err)
	}
	if err := writeEntry(file, data); err != nil {
		return fmt.Errorf("write cache: %w", err)
	}
	return nil
}

// writeEntry writes a temporary file and renames it over the entry, so a
// reader never sees half an entry. Unlike internal/atomicfile it does not
// fsync: a cache entry lost in a crash costs one full request, while a
// sync per entry made the cold run of a large organization disk-bound.
func writeEntry(file string, data []byte) (err error) {
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".entry-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(0o600); err != nil {
		return err
	}
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), file)
}

// response rebuilds a 200 from the cache, with the fresh rate-limit headers
// of the 304 so the quota stays accurate.
func (cr *cachedResponse) response(req *http.Request, fresh http.Header) *http.Response {
	h := http.Header{}
	for k, v := range cr.Header {
		h[http.CanonicalHeaderKey(k)] = v
	}
	for k, v := range fresh {
		if strings.HasPrefix(k, "X-Ratelimit-") {
			h[k] = v
		}
	}
	return &http.Response{
		Status: "200 OK", StatusCode: http.StatusOK, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: h, Body: io.NopCloser(bytes.NewReader(cr.Body)), ContentLength: int64(len(cr.Body)), Request: req,
	}
}
