package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/model"
	"github.com/rampart-audit/rampart/internal/redact"
	"github.com/rampart-audit/rampart/internal/store"
)

const testToken = "s3rve-t0ken-for-tests"

// fakeClock is the scheduler's clock in tests: time moves only when the
// test says, and After fires when it has moved far enough.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	waiters []waiter
	// added receives the deadline of every timer set, so a test waits for
	// the scheduler to be waiting instead of sleeping.
	added chan time.Time
}

type waiter struct {
	at time.Time
	c  chan time.Time
}

func newFakeClock(t time.Time) *fakeClock { return &fakeClock{now: t, added: make(chan time.Time, 64)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	if d <= 0 {
		ch <- c.now
		return ch
	}
	c.waiters = append(c.waiters, waiter{at: c.now.Add(d), c: ch})
	select {
	case c.added <- c.now.Add(d):
	default:
	}
	return ch
}

// Advance moves the clock and fires the timers due.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	kept := c.waiters[:0]
	for _, w := range c.waiters {
		if !c.now.Before(w.at) {
			w.c <- c.now
			continue
		}
		kept = append(kept, w)
	}
	c.waiters = kept
}

type testServer struct {
	*Server
	store *memStore
	clock *fakeClock
	log   *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// newTestServer serves st with token authentication and a fake clock;
// edit changes the options first.
func newTestServer(t *testing.T, st *memStore, edit func(*Options)) *testServer {
	t.Helper()
	clock := newFakeClock(time.Date(2026, 12, 1, 1, 0, 0, 0, time.UTC))
	log := &syncBuffer{}
	opts := Options{
		Store: st, Workspace: "examples/acme", Auth: NewTokenAuth(testToken), Clock: clock, Log: log,
		Audit: func(context.Context, Job) (store.RunID, error) { return 0, context.Canceled },
		Sleep: func(context.Context, time.Duration) error { return nil },
	}
	if edit != nil {
		edit(&opts)
	}
	s, err := New(opts)
	require.NoError(t, err)
	return &testServer{Server: s, store: st, clock: clock, log: log}
}

// get requests path with the bearer token.
func (ts *testServer) get(t *testing.T, path string) *httptest.ResponseRecorder {
	t.Helper()
	return ts.do(t, httptest.NewRequest(http.MethodGet, path, nil), true)
}

func (ts *testServer) do(t *testing.T, r *http.Request, auth bool) *httptest.ResponseRecorder {
	t.Helper()
	if auth {
		r.Header.Set("Authorization", "Bearer "+testToken)
	}
	w := httptest.NewRecorder()
	ts.Handler().ServeHTTP(w, r)
	return w
}

func decode(t *testing.T, w *httptest.ResponseRecorder) map[string]any {
	t.Helper()
	require.Equal(t, "application/json", w.Header().Get("Content-Type"), w.Body.String())
	var v map[string]any
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &v), w.Body.String())
	return v
}

func post(path, body string) *http.Request {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	r := httptest.NewRequest(http.MethodPost, path, rd)
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	return r
}

func schedule(t *testing.T, name, expr string, collect ...string) *model.Schedule {
	t.Helper()
	spec, err := model.ParseCron(expr, "")
	require.NoError(t, err)
	return &model.Schedule{Name: name, Cron: expr, Spec: spec, Collect: collect}
}

func newRedactWriter(w io.Writer) *redact.Writer { return redact.NewWriter(w) }
