package serve

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/model"
	"github.com/rampart-audit/rampart/internal/report"
	"github.com/rampart-audit/rampart/internal/store"
)

// receiver is a webhook endpoint that answers with the statuses given, in
// turn (then 200), and keeps what it was sent.
type receiver struct {
	mu       sync.Mutex
	statuses []int
	bodies   []string
	types    []string
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.bodies = append(rc.bodies, string(b))
	rc.types = append(rc.types, r.Header.Get("Content-Type"))
	status := http.StatusOK
	if len(rc.statuses) > 0 {
		status, rc.statuses = rc.statuses[0], rc.statuses[1:]
	}
	w.WriteHeader(status)
}

func (rc *receiver) received() []string {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]string(nil), rc.bodies...)
}

// recordingAuditor records rep as the run of each job, as runner.Audit would.
func recordingAuditor(st *memStore, clock Clock, reps ...*report.Report) Auditor {
	var mu sync.Mutex
	return func(ctx context.Context, job Job) (store.RunID, error) {
		mu.Lock()
		rep := reps[0]
		reps = reps[1:]
		mu.Unlock()
		id, err := st.Begin(ctx, store.Start{Trigger: job.Trigger, Workspace: "examples/acme", StartedAt: clock.Now()})
		if err != nil {
			return 0, err
		}
		return id, st.Finish(ctx, id, rep, nil, "catalog-1")
	}
}

// TestNotificationsAfterARun: a run with a new critical failure, an
// expired waiver and lost coverage posts to the blocks subscribed to them,
// in their format, retrying a failing receiver; the URL's secret never
// reaches the log.
func TestNotificationsAfterARun(t *testing.T) {
	t.Parallel()
	_, first, second := nightRuns(t)
	ops, slack, broken, gone := &receiver{statuses: []int{503, 500}}, &receiver{}, &receiver{statuses: []int{404}}, &receiver{}
	srvs := map[string]*httptest.Server{}
	for name, rc := range map[string]*receiver{"ops": ops, "slack": slack, "broken": broken, "gone": gone} {
		srvs[name] = httptest.NewServer(rc)
		t.Cleanup(srvs[name].Close)
	}
	const secretPath = "/services/T0000/B0000/XXXXXXXXsecretXXXXXXXX"
	st := &memStore{}
	var slept []time.Duration
	ts := newTestServer(t, st, func(o *Options) {
		o.Audit = recordingAuditor(st, o.Clock, first, second)
		o.Notifies = []*model.Notify{
			{Name: "ops", Webhook: srvs["ops"].URL + secretPath, Format: "json", On: []string{"new_critical", "coverage_lost"}},
			{Name: "chat", WebhookEnv: "CHAT_WEBHOOK", Format: "slack", On: []string{"new_critical", "waiver_expired"}},
			{Name: "broken", Webhook: srvs["broken"].URL + secretPath, Format: "json", On: []string{"new_critical"}},
			{Name: "quiet", Webhook: srvs["gone"].URL, Format: "json", On: []string{"new_high"}},
		}
		o.Getenv = func(k string) string {
			if k == "CHAT_WEBHOOK" {
				return srvs["slack"].URL + secretPath
			}
			return ""
		}
		o.Sleep = func(_ context.Context, d time.Duration) error { slept = append(slept, d); return nil }
	})
	sched := ts.Scheduler()
	require.NoError(t, sched.Trigger(Job{Trigger: "api"}))
	sched.done.Wait()
	assert.Empty(t, ops.received(), "the first run has nothing to compare with")
	require.NoError(t, sched.Trigger(Job{Trigger: "api"}))
	sched.done.Wait()

	bodies := ops.received()
	require.Len(t, bodies, 3, "two 5xx answers retried, the third attempt delivered")
	assert.Equal(t, []time.Duration{2 * time.Second, 4 * time.Second}, slept, "doubling backoff")
	var n Notification
	require.NoError(t, json.Unmarshal([]byte(bodies[2]), &n))
	assert.Equal(t, NotificationSchema, n.Schema)
	assert.Equal(t, []string{"new_critical", "coverage_lost"}, n.Events)
	assert.Equal(t, store.RunID(2), n.Run)
	assert.Equal(t, store.RunID(1), n.Previous)
	require.Len(t, n.NewFailures, 1)
	assert.Equal(t, "critical", string(n.NewFailures[0].Severity))
	assert.Contains(t, n.NewFailures[0].Message, "[REDACTED:github-token]")
	assert.Len(t, n.CoverageLost, 1)
	assert.Empty(t, n.WaiversExpired, "ops did not subscribe to waiver_expired")
	assert.Equal(t, "application/json", ops.types[0])

	chat := slack.received()
	require.Len(t, chat, 1)
	var sb map[string]string
	require.NoError(t, json.Unmarshal([]byte(chat[0]), &sb))
	assert.Contains(t, sb["text"], "new_critical, waiver_expired")
	assert.Contains(t, sb["text"], "waiver `ledger-single-review`")
	assert.NotContains(t, sb["text"], secretInMessage)

	assert.Len(t, broken.received(), 1, "a 404 is final, not retried")
	assert.Empty(t, gone.received(), "no new high failure: quiet is not called")

	log := ts.log.String()
	assert.Contains(t, log, "notify broken: attempt 1 of 4: POST: the receiver answered 404 Not Found (not retried)")
	assert.Contains(t, log, "notify ops: sent new_critical, coverage_lost for run 2")
	assert.NotContains(t, log, "XXXXsecret", "the webhook URL is never logged")
	assert.Equal(t, 1.0, testutil.ToFloat64(ts.Metrics().notifications.WithLabelValues("broken", "failed")))
	assert.Equal(t, 1.0, testutil.ToFloat64(ts.Metrics().notifications.WithLabelValues("ops", "sent")))
	assert.Equal(t, 2.0, testutil.ToFloat64(ts.Metrics().runs.WithLabelValues("complete")))
}

func TestWebhookFailuresNeverQuoteTheURL(t *testing.T) {
	t.Parallel()
	const secret = "hooks.example.invalid/T0/B0/XXXXsecretXXXX"
	log := &syncBuffer{}
	n := newNotifier(&http.Client{Timeout: time.Second}, func(context.Context, time.Duration) error { return nil },
		func(string) string { return "" }, &lineLog{w: newRedactWriter(log)})
	err := n.send(context.Background(), &model.Notify{Name: "x", Webhook: "http://127.0.0.1:1/" + secret, Format: "json"}, Notification{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "attempt 4 of 4")
	assert.NotContains(t, err.Error(), "XXXXsecret")

	err = n.send(context.Background(), &model.Notify{Name: "x", WebhookEnv: "UNSET", Format: "json"}, Notification{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "webhook_env UNSET is not set")
}

func TestRedirectsAreNotFollowed(t *testing.T) {
	t.Parallel()
	target := &receiver{}
	dst := httptest.NewServer(target)
	t.Cleanup(dst.Close)
	redirect := httptest.NewServer(http.RedirectHandler(dst.URL, http.StatusTemporaryRedirect))
	t.Cleanup(redirect.Close)
	n := newNotifier(nil, func(context.Context, time.Duration) error { return nil }, func(string) string { return "" }, &lineLog{w: newRedactWriter(io.Discard)})
	err := n.send(context.Background(), &model.Notify{Name: "x", Webhook: redirect.URL, Format: "json"}, Notification{})
	require.Error(t, err)
	assert.True(t, strings.Contains(err.Error(), "307"), err.Error())
	assert.Empty(t, target.received())
}
