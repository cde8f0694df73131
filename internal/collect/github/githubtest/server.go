package githubtest

import (
	"crypto/rsa"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	graphql "github.com/graph-gophers/graphql-go"
)

//go:embed testdata
var testdata embed.FS

// Faults are the failures the stand-in injects. Endpoint keys are request
// paths without the /api/v3 prefix, e.g. "/repos/acme/api/hooks"; a key
// ending in "*" matches every path with that prefix.
type Faults struct {
	// Token, when set, is the only accepted credential (Bearer): others get 401.
	Token string
	// MoreTokens are accepted too, each with a REST quota of its own (a
	// pool of credentials).
	MoreTokens []string
	// AppInstallation, when set, makes POST /app/installations/{id}/access_tokens
	// with an App JWT (RS256, verified against AppKey) hand out Token, as
	// GitHub does for a GitHub App installation.
	AppInstallation int64
	AppKey          *rsa.PublicKey
	// Forbidden answers 403 with this X-Accepted-GitHub-Permissions value.
	Forbidden map[string]string
	// ServerErrors answers 502 this many times before succeeding.
	ServerErrors map[string]int
	// Secondary answers 403 with Retry-After this many times first.
	Secondary  map[string]int
	RetryAfter int // seconds; default 1, negative sends no Retry-After (message only)
	// Quota is the primary rate limit: every non-304 answer costs one.
	// When it reaches 0 the stand-in answers 403 with X-RateLimit-Remaining 0
	// until QuotaReset passes (then the quota refills to QuotaRefill).
	// 0 means unlimited (headers still report 5000).
	Quota       int
	QuotaReset  time.Time
	QuotaRefill int
	// Latency is added to every answer.
	Latency time.Duration

	// Broken answers and pagination, by path as above.
	//
	// EmptyBody answers 200 with no body this many times first.
	EmptyBody map[string]int
	// Truncated answers 200 with the first half of the JSON body (and a
	// Content-Length that matches it) this many times first.
	Truncated map[string]int
	// LoopPages makes the last page of a list link back to the first, so
	// a client that follows every next link never ends.
	LoopPages map[string]bool
	// EndlessPages links every page to the next one for ever (pages past
	// the items are empty), each with a new URL.
	EndlessPages map[string]bool
	// SincePages pages the list with ?since=<offset> links, which
	// go-github cannot turn into a page number (NextPage stays 0).
	SincePages map[string]bool
	// NextLink replaces the target of every next link of the list with
	// this raw value (a malformed URL, another host).
	NextLink map[string]string

	// GraphQL (graphql.go); the path of the faults above is "/graphql".
	//
	// GraphQLQuota is the points per hour of the GraphQL budget (0:
	// unlimited, headers report 5000).
	GraphQLQuota int
	// GraphQLLimitedStatus is the status of a query refused for the
	// exhausted budget: 403 (default) or 200, both seen from GitHub, with
	// a RATE_LIMITED error and X-RateLimit-Remaining 0.
	GraphQLLimitedStatus int
	// GraphQLPointsPerMinute is the secondary limit on points per minute;
	// 0 means GitHub's 2,000, negative none.
	GraphQLPointsPerMinute int
	// GraphQLFieldErrors makes a field resolve to an error beside the
	// data: "Repository.codeowners" (every repository) or
	// "api:Repository.codeowners", valued with GitHub's error type
	// (FORBIDDEN, INTERNAL …).
	GraphQLFieldErrors map[string]string
	// GraphQLMissingFields ("Repository.codeowners") are fields this
	// server's schema lacks, as an older GitHub Enterprise Server: a query
	// selecting one is refused with undefinedField.
	GraphQLMissingFields []string
	// MaxConcurrent is the secondary limit on requests in flight (REST
	// and GraphQL together); 0 means GitHub's 100.
	MaxConcurrent int
}

// Server is the running stand-in.
type Server struct {
	*httptest.Server
	org    Org
	faults Faults

	mu        sync.Mutex
	quotas    map[string]int // REST quota left by token
	served    map[string]int // remaining injected failures by kind+path
	requests  atomic.Int64
	notModded atomic.Int64
	byPath    map[string]int
	// notModByPath counts the 304s by path, so ChargedByEndpoint can
	// say what each endpoint cost.
	notModByPath map[string]int
	memo         sync.Map // answers by path and query: the org is fixed

	inflight    atomic.Int64
	gqlRequests atomic.Int64
	gqlPoints   atomic.Int64
	gqlBind     sync.Once
	gqlBound    *graphql.Schema
	gqlBudgets  map[string]*gqlBudget // by token, guarded by mu
}

// gqlBudget is one token's GraphQL points: the hour's primary budget and
// the minute's secondary one.
type gqlBudget struct {
	reset       time.Time
	used        int
	minuteStart time.Time
	minute      int
}

// New starts a stand-in for org; Close it when done.
func New(org Org, f Faults) *Server {
	s := &Server{org: org, faults: f, quotas: map[string]int{}, gqlBudgets: map[string]*gqlBudget{}, served: map[string]int{}, byPath: map[string]int{}, notModByPath: map[string]int{}}
	if s.faults.RetryAfter == 0 {
		s.faults.RetryAfter = 1
	}
	s.Server = httptest.NewServer(http.HandlerFunc(s.handle))
	return s
}

// Requests is how many requests reached the stand-in.
func (s *Server) Requests() int64 { return s.requests.Load() }

// NotModified is how many were answered 304.
func (s *Server) NotModified() int64 { return s.notModded.Load() }

// PathCount is how many requests hit path (query excluded).
func (s *Server) PathCount(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.byPath[path]
}

// ChargedByEndpoint is what each REST endpoint cost (requests not
// answered 304), with each repository's name in the path replaced by
// {repo}, so a benchmark can say where the units per repository go.
// GraphQL is GraphQLPoints.
func (s *Server) ChargedByEndpoint() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]int{}
	for path, n := range s.byPath {
		if isGraphQLPath(path) {
			continue
		}
		parts := strings.Split(path, "/")
		if len(parts) > 3 && parts[1] == "repos" {
			parts[3] = "{repo}"
		}
		if n -= s.notModByPath[path]; n > 0 {
			out[strings.Join(parts, "/")] += n
		}
	}
	return out
}

func match(m map[string]string, path string) (string, bool) {
	for k, v := range m {
		if k == path || (strings.HasSuffix(k, "*") && strings.HasPrefix(path, strings.TrimSuffix(k, "*"))) {
			return v, true
		}
	}
	return "", false
}

func matchCount(m map[string]int, path string) (string, int) {
	for k, v := range m {
		if k == path || (strings.HasSuffix(k, "*") && strings.HasPrefix(path, strings.TrimSuffix(k, "*"))) {
			return k, v
		}
	}
	return "", 0
}

func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	path := strings.TrimPrefix(r.URL.Path, "/api/v3")
	s.mu.Lock()
	s.byPath[path]++
	s.mu.Unlock()

	if s.faults.AppInstallation != 0 && r.Method == http.MethodPost && path == fmt.Sprintf("/app/installations/%d/access_tokens", s.faults.AppInstallation) {
		s.installationToken(w, r)
		return
	}
	tok := tokenOf(r)
	if s.faults.Token != "" && tok != s.faults.Token && !slices.Contains(s.faults.MoreTokens, tok) {
		s.rateHeaders(w, tok, false)
		writeJSON(w, http.StatusUnauthorized, map[string]any{"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"})
		return
	}
	limit := int64(s.faults.MaxConcurrent)
	if limit <= 0 {
		limit = 100
	}
	if n := s.inflight.Add(1); n > limit {
		s.inflight.Add(-1)
		s.secondary(w, tok, 1)
		return
	}
	defer s.inflight.Add(-1)
	if s.faults.Latency > 0 {
		time.Sleep(s.faults.Latency) // in flight while it waits, as a slow answer is
	}
	if isGraphQLPath(r.URL.Path) || isGraphQLPath(path) {
		s.serveGraphQL(w, r, tok, "/graphql")
		return
	}
	if s.exhausted(tok) {
		s.rateHeaders(w, tok, false)
		writeJSON(w, http.StatusForbidden, map[string]any{"message": "API rate limit exceeded for user ID 1.", "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"})
		return
	}
	if n := s.take("secondary", s.faults.Secondary, path); n {
		if s.faults.RetryAfter >= 0 {
			w.Header().Set("Retry-After", strconv.Itoa(s.faults.RetryAfter))
		}
		s.rateHeaders(w, tok, false)
		writeJSON(w, http.StatusForbidden, map[string]any{"message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"})
		return
	}
	if n := s.take("5xx", s.faults.ServerErrors, path); n {
		s.rateHeaders(w, tok, true)
		writeJSON(w, http.StatusBadGateway, map[string]any{"message": "Server Error"})
		return
	}
	if perm, ok := match(s.faults.Forbidden, path); ok {
		w.Header().Set("X-Accepted-GitHub-Permissions", perm)
		s.rateHeaders(w, tok, true)
		writeJSON(w, http.StatusForbidden, map[string]any{"message": "Resource not accessible by personal access token", "documentation_url": "https://docs.github.com/rest"})
		return
	}
	status, body, items := s.route(r, path)
	switch {
	case status == http.StatusNoContent:
		s.rateHeaders(w, tok, true)
		w.WriteHeader(status)
		return
	case status != http.StatusOK:
		s.rateHeaders(w, tok, true)
		writeRaw(w, status, body)
		return
	}
	if items != nil {
		body = s.paginate(w, r, path, items)
	}
	etag := `"` + hash(body) + `"`
	if s.take("empty", s.faults.EmptyBody, path) {
		// The ETag stays that of the real body, as a proxy that lost it would leave it.
		w.Header().Set("ETag", etag)
		s.rateHeaders(w, tok, true)
		w.Header().Set("Content-Length", "0")
		w.WriteHeader(http.StatusOK)
		return
	}
	if s.take("truncated", s.faults.Truncated, path) {
		w.Header().Set("ETag", etag)
		s.rateHeaders(w, tok, true)
		writeRaw(w, http.StatusOK, body[:len(body)/2])
		return
	}
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		// GitHub does not charge a conditional request answered 304.
		s.notModded.Add(1)
		s.mu.Lock()
		s.notModByPath[path]++
		s.mu.Unlock()
		s.rateHeaders(w, tok, false)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	s.rateHeaders(w, tok, true)
	writeRaw(w, http.StatusOK, body)
}

// take consumes one injected failure of kind for path.
func (s *Server) take(kind string, m map[string]int, path string) bool {
	key, n := matchCount(m, path)
	if n == 0 {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id := kind + " " + key + " " + path
	used := s.served[id]
	if used >= n {
		return false
	}
	s.served[id] = used + 1
	return true
}

func tokenOf(r *http.Request) string {
	auth := r.Header.Get("Authorization")
	if t, ok := strings.CutPrefix(auth, "Bearer "); ok {
		return t
	}
	t, _ := strings.CutPrefix(auth, "token ")
	return t
}

// quotaLocked is tok's REST quota left; mu held.
func (s *Server) quotaLocked(tok string) int {
	q, ok := s.quotas[tok]
	if !ok {
		q = s.faults.Quota
		s.quotas[tok] = q
	}
	return q
}

// QuotaLeft is the REST quota tok has left (with Faults.Quota set).
func (s *Server) QuotaLeft(tok string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.quotaLocked(tok)
}

func (s *Server) exhausted(tok string) bool {
	if s.faults.Quota == 0 {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.quotaLocked(tok) <= 0 && !s.faults.QuotaReset.IsZero() && time.Now().After(s.faults.QuotaReset) {
		for k := range s.quotas {
			s.quotas[k] = s.faults.QuotaRefill
		}
		s.faults.QuotaReset = time.Now().Add(time.Hour)
	}
	return s.quotaLocked(tok) <= 0
}

func (s *Server) rateHeaders(w http.ResponseWriter, tok string, charge bool) {
	s.mu.Lock()
	remaining := 5000
	reset := time.Now().Add(time.Hour)
	if s.faults.Quota != 0 {
		q := s.quotaLocked(tok)
		if charge && q > 0 {
			q--
			s.quotas[tok] = q
		}
		remaining = max(q, 0)
		if !s.faults.QuotaReset.IsZero() {
			reset = s.faults.QuotaReset
		}
	}
	s.mu.Unlock()
	h := w.Header()
	h.Set("X-RateLimit-Limit", "5000")
	h.Set("X-RateLimit-Remaining", strconv.Itoa(remaining))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(reset.Unix(), 10))
	h.Set("X-RateLimit-Resource", "core")
}

// paginate serves one page of items with GitHub's Link header.
func (s *Server) paginate(w http.ResponseWriter, r *http.Request, path string, items []any) []byte {
	q := r.URL.Query()
	per, _ := strconv.Atoi(q.Get("per_page"))
	if per <= 0 || per > 100 {
		per = 30
	}
	_, since := matchBool(s.faults.SincePages, path)
	switch {
	case since:
		return s.paginateSince(w, r, path, items, per)
	case strings.HasSuffix(r.URL.Path, "/alerts"):
		// GitHub pages the organization alert lists by cursor (?after=…);
		// everything else by page number.
		return s.paginateCursor(w, r, items, per)
	}
	page, _ := strconv.Atoi(q.Get("page"))
	if page <= 0 {
		page = 1
	}
	last := max((len(items)+per-1)/per, 1)
	start := min((page-1)*per, len(items))
	end := min(start+per, len(items))
	link := func(p int, rel string) string {
		u := *r.URL
		u.Scheme, u.Host = "http", r.Host
		v := u.Query()
		v.Set("page", strconv.Itoa(p))
		u.RawQuery = v.Encode()
		return fmt.Sprintf("<%s>; rel=%q", u.String(), rel)
	}
	_, loop := matchBool(s.faults.LoopPages, path)
	_, endless := matchBool(s.faults.EndlessPages, path)
	var links []string
	switch {
	case page < last || endless:
		links = append(links, s.next(path, link(page+1, "next")), link(last, "last"))
	case loop:
		links = append(links, s.next(path, link(1, "next")))
	}
	if page > 1 {
		links = append(links, link(1, "first"), link(page-1, "prev"))
	}
	if len(links) > 0 {
		w.Header().Set("Link", strings.Join(links, ", "))
	}
	if field := wrappedList(path); field != "" {
		b, _ := json.Marshal(map[string]any{"total_count": len(items), field: items[start:end]})
		return b
	}
	b, _ := json.Marshal(items[start:end])
	return b
}

// next applies the NextLink fault to a next link.
func (s *Server) next(path, link string) string {
	if raw, ok := match(s.faults.NextLink, path); ok {
		return "<" + raw + `>; rel="next"`
	}
	return link
}

// paginateSince pages by offset in ?since=, as GitHub does for some lists
// (GET /users, /organizations): a link go-github reads no page number from.
func (s *Server) paginateSince(w http.ResponseWriter, r *http.Request, path string, items []any, per int) []byte {
	start, _ := strconv.Atoi(r.URL.Query().Get("since"))
	start = min(max(start, 0), len(items))
	end := min(start+per, len(items))
	if end < len(items) {
		u := *r.URL
		u.Scheme, u.Host = "http", r.Host
		v := u.Query()
		v.Set("since", strconv.Itoa(end))
		u.RawQuery = v.Encode()
		w.Header().Set("Link", s.next(path, fmt.Sprintf("<%s>; rel=\"next\"", u.String())))
	}
	b, _ := json.Marshal(items[start:end])
	return b
}

func matchBool(m map[string]bool, path string) (string, bool) {
	for k, v := range m {
		if v && (k == path || (strings.HasSuffix(k, "*") && strings.HasPrefix(path, strings.TrimSuffix(k, "*")))) {
			return k, true
		}
	}
	return "", false
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, _ := json.Marshal(v)
	writeRaw(w, status, b)
}

func writeRaw(w http.ResponseWriter, status int, b []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

func hash(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:16])
}

// example loads an extracted body; a missing file is a bug in the stand-in.
func example(name string) any {
	b, err := testdata.ReadFile("testdata/" + name)
	if err != nil {
		panic(fmt.Sprintf("githubtest: %v (run scripts/octokit-extract)", err))
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		panic(fmt.Sprintf("githubtest: %s: %v", name, err))
	}
	return v
}

// first is a deep copy of the first item of a list example.
func first(name string) map[string]any {
	return example(name).([]any)[0].(map[string]any)
}

func object(name string) map[string]any { return example(name).(map[string]any) }

// installationToken answers an App's token request when its JWT verifies.
func (s *Server) installationToken(w http.ResponseWriter, r *http.Request) {
	raw := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	if err := verifyJWT(raw, s.faults.AppKey); err != nil {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"message": "A JSON web token could not be decoded: " + err.Error()})
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{
		"token": s.faults.Token, "expires_at": time.Now().Add(time.Hour).UTC().Format(time.RFC3339),
		"permissions": map[string]string{"administration": "read", "metadata": "read"},
	})
}

func (s *Server) paginateCursor(w http.ResponseWriter, r *http.Request, items []any, per int) []byte {
	start := 0
	if after := r.URL.Query().Get("after"); after != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(after, "cursor-"))
		if err != nil || n < 0 || n > len(items) {
			n = len(items)
		}
		start = n
	}
	end := min(start+per, len(items))
	if end < len(items) {
		u := *r.URL
		u.Scheme, u.Host = "http", r.Host
		v := u.Query()
		v.Set("after", fmt.Sprintf("cursor-%d", end))
		u.RawQuery = v.Encode()
		w.Header().Set("Link", fmt.Sprintf("<%s>; rel=\"next\"", u.String()))
	}
	b, _ := json.Marshal(items[start:end])
	return b
}
