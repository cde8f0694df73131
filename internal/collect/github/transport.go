package github

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/bradleyfalzon/ghinstallation/v2"
)

// ErrRateLimited means the primary rate limit is exhausted and its reset is
// further away than the collector may wait: collection stops and what was
// collected is written, marked incomplete.
var ErrRateLimited = errors.New("GitHub API rate limit exhausted")

// ErrUnauthorized means GitHub rejected the credentials (401): nothing that
// follows could be trusted, so the collection fails.
var ErrUnauthorized = errors.New("GitHub rejected the credentials (401 Bad credentials): check GITHUB_TOKEN or the GitHub App settings")

// Stats counts what the collection cost; read them only after it ends, or
// through Snapshot for a live progress line.
type Stats struct {
	Requests      atomic.Int64 // sent to GitHub, retries included
	NotModified   atomic.Int64 // answered 304 and served from the ETag cache
	Retries       atomic.Int64 // 5xx, network errors and secondary limits retried
	RateWaits     atomic.Int64 // waits for a primary or secondary rate limit
	QuotaLeft     atomic.Int64 // X-RateLimit-Remaining of the last response, -1 before any
	RateResetUnix atomic.Int64
	// GraphQL: requests (also counted in Requests) and the points GitHub
	// charged for them (rateLimit.cost); quota units = Requests −
	// GraphQLRequests − NotModified + GraphQLPoints.
	GraphQLRequests atomic.Int64
	GraphQLPoints   atomic.Int64

	pool atomic.Pointer[pool]
}

// Credentials is what each credential of the pool spent and has left
// (labels only: "token 1", "app 12/34"), nil before the collection starts.
func (s *Stats) Credentials() []CredentialUse {
	if p := s.pool.Load(); p != nil {
		return p.uses()
	}
	return nil
}

// Units is what the collection cost the quota: REST requests not answered
// 304 plus GraphQL points.
func (s *Stats) Units() int64 {
	return s.Requests.Load() - s.GraphQLRequests.Load() - s.NotModified.Load() + s.GraphQLPoints.Load()
}

// limiter is the outermost RoundTripper: it owns the rate limits and
// retries, so go-github only ever sees final answers. It keeps the primary
// quota from response headers and, when it is nearly gone, waits for the
// reset (if that is within maxWait) or fails with ErrRateLimited.
type limiter struct {
	next    http.RoundTripper
	stats   *Stats
	log     func(format string, args ...any)
	sleep   func(ctx context.Context, d time.Duration) error
	now     func() time.Time
	maxWait time.Duration
	// reserve is how many requests may be in flight when the quota is
	// read: waiting starts when remaining <= reserve.
	reserve    int64
	maxRetries int
	backoff    time.Duration

	// pool keeps each credential's budgets: REST requests and GraphQL
	// points are two primary limits, one exhausted must not stall the other.
	pool *pool
}

func newLimiter(next http.RoundTripper, o *options, stats *Stats, p *pool) *limiter {
	stats.QuotaLeft.Store(-1)
	return &limiter{
		next: next, stats: stats, log: o.logf, sleep: o.sleep, now: o.now,
		maxWait: o.maxRateWait, reserve: int64(o.concurrency), maxRetries: o.maxRetries,
		backoff: o.backoff, pool: p,
	}
}

func (l *limiter) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	secondaryWait := time.Duration(0)
	for attempt := 0; ; attempt++ {
		cred, err := l.awaitQuota(ctx, isGraphQL(req))
		if err != nil {
			return nil, err
		}
		resp, err := l.next.RoundTrip(req.Clone(withCredential(ctx, cred)))
		if err != nil {
			// A GitHub App whose token request GitHub refuses is a
			// credentials problem, not a network one: no retry.
			var he *ghinstallation.HTTPError
			if errors.As(err, &he) && he.Response != nil && he.Response.StatusCode/100 == 4 {
				return nil, fmt.Errorf("%w (the GitHub App installation token request got %s)", ErrUnauthorized, he.Response.Status)
			}
			if ctx.Err() != nil || attempt >= l.maxRetries {
				return nil, err
			}
			l.stats.Retries.Add(1)
			if err := l.sleep(ctx, l.backoffFor(attempt)); err != nil {
				return nil, err
			}
			continue
		}
		l.observe(cred, resp)
		switch {
		case resp.StatusCode == http.StatusUnauthorized:
			drain(resp)
			return nil, ErrUnauthorized
		case isPrimaryExhausted(resp):
			drain(resp)
			if attempt >= l.maxRetries {
				return nil, fmt.Errorf("%w (still exhausted after %d waits)", ErrRateLimited, attempt)
			}
			continue // awaitQuota waits for the reset, or gives up
		case resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusTooManyRequests:
			body := peekBody(resp)
			after, secondary := secondaryLimit(resp, body)
			if !secondary {
				resp.Header.Set("X-From-Cache", "1")
				return resp, nil // a permission problem: the caller records it
			}
			drain(resp)
			if attempt >= l.maxRetries {
				return nil, fmt.Errorf("%w: secondary rate limit persisted after %d retries", ErrRateLimited, attempt)
			}
			// Without Retry-After GitHub asks for at least a minute, then
			// exponentially longer.
			if after == 0 {
				if secondaryWait == 0 {
					secondaryWait = time.Minute
				} else {
					secondaryWait *= 2
				}
				after = secondaryWait
			}
			l.stats.RateWaits.Add(1)
			l.stats.Retries.Add(1)
			l.log("secondary rate limit on %s: waiting %s", req.URL.Path, after.Round(time.Second))
			if err := l.sleep(ctx, after); err != nil {
				return nil, err
			}
		case resp.StatusCode >= 500 && attempt < l.maxRetries:
			drain(resp)
			l.stats.Retries.Add(1)
			if err := l.sleep(ctx, l.backoffFor(attempt)); err != nil {
				return nil, err
			}
		case resp.StatusCode == http.StatusOK && (req.Method == http.MethodGet || isGraphQL(req)) && emptyBody(resp):
			// go-github decodes an empty body as "no error, nothing":
			// an empty page of members or an organization with every
			// setting unset. Every GET the collector sends answers with a
			// JSON document, so an empty one is a failure, retried like a 5xx.
			drain(resp)
			if attempt >= l.maxRetries {
				return nil, fmt.Errorf("GET %s: %w after %d attempts", req.URL.Path, errEmptyBody, attempt+1)
			}
			l.stats.Retries.Add(1)
			if err := l.sleep(ctx, l.backoffFor(attempt)); err != nil {
				return nil, err
			}
		default:
			// The limiter owns the quota. Marking the answer as cached keeps
			// go-github from recording it and refusing later requests on its
			// own (it would fail fast where we wait for the reset).
			resp.Header.Set("X-From-Cache", "1")
			return resp, nil
		}
	}
}

func (l *limiter) backoffFor(attempt int) time.Duration {
	d := l.backoff << attempt
	return d + rand.N(d/2+1) // jitter keeps parallel workers from retrying in lockstep
}

// observe records the primary quota of the credential from a response's
// headers.
func (l *limiter) observe(cred int, resp *http.Response) {
	rem, reset, core := l.pool.observe(cred, resp)
	if core {
		l.stats.QuotaLeft.Store(rem)
		l.stats.RateResetUnix.Store(reset)
	}
}

// awaitQuota picks the credential for the next request, waiting for the
// earliest reset when every credential's budget is (nearly) gone.
func (l *limiter) awaitQuota(ctx context.Context, graphQL bool) (int, error) {
	for {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		cred, reset, rem := l.pool.pick(graphQL, l.reserve)
		if reset.IsZero() {
			return cred, nil
		}
		wait := reset.Sub(l.now()) + time.Second
		if wait <= 0 {
			return cred, nil
		}
		what, all := "requests", ""
		if graphQL {
			what = "GraphQL points"
		}
		if n := len(l.pool.creds); n > 1 {
			all = fmt.Sprintf(" on every one of the %d credentials", n)
		}
		if wait > l.maxWait {
			return 0, fmt.Errorf("%w: %d %s left%s, reset at %s is %s away (more than --max-rate-wait %s)",
				ErrRateLimited, rem, what, all, reset.UTC().Format(time.RFC3339), wait.Round(time.Second), l.maxWait)
		}
		l.stats.RateWaits.Add(1)
		l.log("rate limit: %d %s left%s, waiting %s for the reset at %s", rem, what, all, wait.Round(time.Second), reset.UTC().Format(time.RFC3339))
		if err := l.sleep(ctx, wait); err != nil {
			return 0, err
		}
		l.pool.forget(cred, graphQL, reset)
	}
}

func isPrimaryExhausted(resp *http.Response) bool {
	return (resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusTooManyRequests) &&
		resp.Header.Get("X-RateLimit-Remaining") == "0"
}

// secondaryLimit tells a secondary rate limit (Retry-After, or GitHub's
// documented message) from a permission 403.
func secondaryLimit(resp *http.Response, body []byte) (time.Duration, bool) {
	if s := resp.Header.Get("Retry-After"); s != "" {
		if secs, err := strconv.Atoi(s); err == nil && secs >= 0 {
			return time.Duration(secs) * time.Second, true
		}
	}
	lower := bytes.ToLower(body)
	if bytes.Contains(lower, []byte("secondary rate limit")) || bytes.Contains(lower, []byte("abuse detection")) {
		return 0, true
	}
	return 0, resp.StatusCode == http.StatusTooManyRequests
}

// errEmptyBody: a 200 without the JSON document it must carry.
var errEmptyBody = errors.New("GitHub answered 200 with an empty body")

// emptyBody reports whether resp's body holds nothing but whitespace,
// leaving what it peeked in the body for the caller.
func emptyBody(resp *http.Response) bool {
	if resp.Body == nil || resp.Body == http.NoBody {
		return true
	}
	br := bufio.NewReaderSize(resp.Body, 4096)
	resp.Body = readCloser{Reader: br, Closer: resp.Body}
	for n := 1; n <= br.Size(); n++ {
		b, err := br.Peek(n)
		if len(b) < n {
			return err == io.EOF
		}
		if !isJSONSpace(b[n-1]) {
			return false
		}
	}
	return false
}

func isJSONSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

type readCloser struct {
	io.Reader
	io.Closer
}

// peekBody reads the body (bounded) and puts it back for the caller.
func peekBody(resp *http.Response) []byte {
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(b))
	return b
}

func drain(resp *http.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
}

// sleepCtx waits for d or until ctx is done.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// counter counts every request that reaches the network.
type counter struct {
	next  http.RoundTripper
	stats *Stats
}

func (c counter) RoundTrip(req *http.Request) (*http.Response, error) {
	c.stats.Requests.Add(1)
	if isGraphQL(req) {
		c.stats.GraphQLRequests.Add(1) // retries included, so Units never counts one as REST
	}
	return c.next.RoundTrip(req)
}

// bearer adds the token. It sits below the cache so cached files never
// hold the header, and it never formats the token into an error.
type bearer struct {
	next  http.RoundTripper
	token string
}

func (b bearer) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	r.Header.Set("Authorization", "Bearer "+b.token)
	return b.next.RoundTrip(r)
}

// redact removes a secret from a message, for errors from libraries that
// might echo a request.
func redact(s, secret string) string {
	if secret == "" {
		return s
	}
	return strings.ReplaceAll(s, secret, "[REDACTED]")
}
