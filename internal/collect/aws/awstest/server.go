package awstest

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/template"
	"time"
)

//go:embed testdata/*.tmpl
var templateFS embed.FS

var templates = template.Must(template.New("").Funcs(template.FuncMap{
	"json": func(v any) (string, error) {
		b, err := json.Marshal(v)
		return string(b), err
	},
	"pctencode":  rfc3986,
	"rdsPort":    rdsDefaultPort,
	"base64":     b64,
	"policyName": func(arn string) string { return arn[strings.LastIndex(arn, "/")+1:] },
	"time":       func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	"sortedKeys": func(m map[string]string) []string { return slices.Sorted(maps.Keys(m)) },
	"xml": func(s string) string {
		var b bytes.Buffer
		_ = xmlEscape(&b, s)
		return b.String()
	},
}).ParseFS(templateFS, "testdata/*.tmpl"))

// Faults are the failures the stand-in injects. Keys of the maps are
// "service:Operation" ("iam:ListMFADevices", "s3:GetBucketPolicy",
// "s3control:GetPublicAccessBlock"), optionally "@region"-suffixed, or
// "service:*" for every operation of a service.
type Faults struct {
	// Deny answers with the protocol's access-denied error.
	Deny map[string]bool
	// ThrottleEvery throttles every Nth request of the service ("ec2") or of
	// every service ("*"), with the service's own throttling code.
	ThrottleEvery map[string]int
	// ServerErrorEvery answers every Nth request of the service with a 5xx.
	ServerErrorEvery map[string]int
	// FailAlways answers the operation with a 500 on every attempt.
	FailAlways map[string]bool
	// EmptyBody answers the operation with 200 and no body at all, on every
	// attempt: what a broken proxy or load balancer sends.
	EmptyBody map[string]bool
	// Truncate cuts the operation's successful answer to its first half,
	// with a Content-Length that matches what is sent: a document that
	// ends early, not a dropped connection.
	Truncate map[string]bool
	// LoopPages makes the last page of the operation's listing hand out
	// the first page's token again (a pagination cycle).
	LoopPages map[string]bool
	// Latency is added to every request.
	Latency time.Duration
	// PageSize bounds every paginated answer (default 2, so tests page).
	PageSize int
}

// Server is a running stand-in.
type Server struct {
	*httptest.Server
	estate *Estate
	faults Faults

	byKey   map[string]*Account
	byRole  map[string]*Account
	mu      sync.Mutex
	counts  map[string]int64           // requests per service, for ThrottleEvery
	calls   map[string]int64           // requests per operation key, for assertions
	hosts   map[string]map[string]bool // Host headers seen per operation key
	reports map[string]int             // credential reports generated per account
	reqs    atomic.Int64
	throttl atomic.Int64
	badReg  atomic.Int64
}

// New starts a stand-in serving estate with faults. Close it when done.
func New(estate *Estate, faults Faults) *Server {
	if faults.PageSize <= 0 {
		faults.PageSize = 2
	}
	s := &Server{estate: estate, faults: faults, byKey: map[string]*Account{}, byRole: map[string]*Account{},
		counts: map[string]int64{}, calls: map[string]int64{}, hosts: map[string]map[string]bool{}, reports: map[string]int{}}
	for _, a := range estate.Accounts {
		s.byKey[a.AccessKeyID] = a
		s.byKey["ASIA"+a.ID] = a // the key AssumeRole hands out
		for _, r := range a.Roles {
			s.byRole[r] = a
		}
	}
	s.Server = httptest.NewServer(s)
	return s
}

// Endpoint is the base URL to give the SDK (AWS_ENDPOINT_URL). It names
// the host "localhost", as an emulator's URL does, not an IP address: for
// an IP address the SDK's S3 rules never put a bucket or account name in
// front of the host, which would hide a client that does so for names.
// Every request must arrive at this host exactly (Hosts).
func (s *Server) Endpoint() string {
	_, port, _ := net.SplitHostPort(s.Listener.Addr().String())
	return "http://localhost:" + port
}

// Requests is the number of requests served, Throttled how many of them
// were throttled, and DisabledRegionRequests how many went to a region the
// account has not enabled.
func (s *Server) Requests() int64               { return s.reqs.Load() }
func (s *Server) Throttled() int64              { return s.throttl.Load() }
func (s *Server) DisabledRegionRequests() int64 { return s.badReg.Load() }

// Calls returns how often "service:Operation" was requested.
func (s *Server) Calls(op string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[op]
}

// Hosts returns the Host headers "service:Operation" was sent with, sorted.
func (s *Server) Hosts(op string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Sorted(maps.Keys(s.hosts[op]))
}

// Operations returns every "service:Operation" requested so far, sorted:
// what a run needed, for comparing with the documented IAM policy.
func (s *Server) Operations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Sorted(maps.Keys(s.calls))
}

// call is one parsed request.
type call struct {
	w       http.ResponseWriter
	r       *http.Request
	service string // signing name, or s3control
	op      string
	region  string
	account *Account
	form    map[string]string // query protocol parameters
	body    []byte
	loop    bool // the LoopPages fault applies
}

var credRE = regexp.MustCompile(`Credential=([^/]+)/\d{8}/([^/]+)/([^/]+)/aws4_request`)

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.reqs.Add(1)
	if d := s.faults.Latency; d > 0 {
		select {
		case <-time.After(d):
		case <-r.Context().Done():
			return
		}
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	c := &call{w: w, r: r, body: body}
	m := credRE.FindStringSubmatch(r.Header.Get("Authorization"))
	if m == nil || r.Header.Get("X-Amz-Date") == "" {
		// Every SDK request is SigV4-signed; an unsigned one is a bug in the client setup.
		c.service = "sts"
		s.queryError(c, http.StatusForbidden, "MissingAuthenticationToken", "Request is missing Authentication Token")
		return
	}
	key := m[1]
	c.region, c.service = m[2], m[3]
	if c.service == "s3" && strings.HasPrefix(r.URL.Path, "/v20180820/") {
		c.service = "s3control"
	}
	c.op = s.operation(c)
	s.mu.Lock()
	s.calls[c.service+":"+c.op]++
	if s.hosts[c.service+":"+c.op] == nil {
		s.hosts[c.service+":"+c.op] = map[string]bool{}
	}
	s.hosts[c.service+":"+c.op][r.Host] = true
	n := s.counts[c.service] + 1
	s.counts[c.service] = n
	all := s.counts["*"] + 1
	s.counts["*"] = all
	s.mu.Unlock()

	c.account = s.byKey[key]
	if c.account == nil {
		s.fail(c, http.StatusForbidden, "InvalidClientTokenId", "The security token included in the request is invalid.")
		return
	}
	for _, d := range c.account.DisabledRegions {
		if d == c.region {
			s.badReg.Add(1)
			s.fail(c, http.StatusUnauthorized, "AuthFailure", "AWS was not able to validate the provided access credentials")
			return
		}
	}
	if every(s.faults.ThrottleEvery, c.service, n) || every(s.faults.ThrottleEvery, "*", all) {
		s.throttl.Add(1)
		s.throttle(c)
		return
	}
	if every(s.faults.ServerErrorEvery, c.service, n) || every(s.faults.ServerErrorEvery, "*", all) || s.match(s.faults.FailAlways, c) {
		s.fail(c, http.StatusInternalServerError, "InternalFailure", "We encountered an internal error. Please try again.")
		return
	}
	if s.match(s.faults.Deny, c) {
		s.deny(c)
		return
	}
	c.loop = s.match(s.faults.LoopPages, c)
	if s.match(s.faults.EmptyBody, c) {
		w.Header().Set("Content-Type", contentType(c.service))
		w.Header().Set("X-Amzn-RequestId", requestID)
		w.Header().Set("Content-Length", "0")
		w.WriteHeader(http.StatusOK)
		return
	}
	if s.match(s.faults.Truncate, c) {
		buf := &bufferedWriter{header: http.Header{}, status: http.StatusOK}
		c.w = buf
		s.dispatch(c)
		body := buf.body.Bytes()
		if buf.status == http.StatusOK {
			body = body[:len(body)/2]
		}
		for k, v := range buf.header {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(buf.status)
		_, _ = w.Write(body)
		return
	}
	s.dispatch(c)
}

// bufferedWriter holds an answer so that Truncate can cut it.
type bufferedWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedWriter) Header() http.Header         { return b.header }
func (b *bufferedWriter) WriteHeader(status int)      { b.status = status }
func (b *bufferedWriter) Write(p []byte) (int, error) { return b.body.Write(p) }

func every(m map[string]int, k string, n int64) bool {
	e := m[k]
	return e > 0 && n%int64(e) == 0
}

func (s *Server) match(m map[string]bool, c *call) bool {
	return m[c.service+":"+c.op] || m[c.service+":"+c.op+"@"+c.region] || m[c.service+":*"]
}

func parseForm(body string) map[string]string {
	out := map[string]string{}
	for _, kv := range strings.Split(body, "&") {
		k, v, _ := strings.Cut(kv, "=")
		k, _ = unescape(k)
		v, _ = unescape(v)
		out[k] = v
	}
	return out
}

// render executes a template into the response with status 200.
func render(c *call, contentType, name string, data any) error {
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, name, data); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	c.w.Header().Set("Content-Type", contentType)
	c.w.Header().Set("X-Amzn-RequestId", requestID)
	_, err := c.w.Write(b.Bytes())
	return err
}

const requestID = "c6104cbe-af31-11e0-8154-cbc7ccf896c7"

// page cuts items at the token (an offset) and returns the next token.
// Under the LoopPages fault the last page hands out the first page's
// token again, so a client that follows every token never ends.
func page[T any](c *call, items []T, token string, size int) ([]T, string) {
	start, _ := strconv.Atoi(strings.TrimPrefix(token, "page-"))
	if start > len(items) {
		start = len(items)
	}
	end := min(start+size, len(items))
	next := ""
	if end < len(items) {
		next = "page-" + strconv.Itoa(end)
	} else if c.loop {
		next = "page-0"
	}
	return items[start:end], next
}

func (s *Server) queryError(c *call, status int, code, msg string) {
	typ := "Sender"
	if status >= 500 {
		typ = "Receiver"
	}
	writeTemplate(c, status, "text/xml", "query-error", map[string]string{"Type": typ, "Code": code, "Message": msg})
}

func writeTemplate(c *call, status int, contentType, name string, data any) {
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, name, data); err != nil {
		http.Error(c.w, err.Error(), http.StatusInternalServerError)
		return
	}
	c.w.Header().Set("Content-Type", contentType)
	c.w.Header().Set("X-Amzn-RequestId", requestID)
	c.w.WriteHeader(status)
	_, _ = c.w.Write(b.Bytes())
}
