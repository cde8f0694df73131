package serve

import (
	"fmt"
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/finding"
)

func TestMetrics(t *testing.T) {
	t.Parallel()
	_, first, _ := nightRuns(t)
	st := &memStore{}
	ts := newTestServer(t, st, func(o *Options) { o.Audit = recordingAuditor(st, o.Clock, first) })
	body := ts.get(t, "/metrics").Body.String()
	assert.Contains(t, body, `rampart_findings{severity="critical",status="fail"} 0`, "series exist at 0 before any run")
	assert.Contains(t, body, `rampart_runs_total{result="complete"} 0`)

	require.NoError(t, ts.Scheduler().Trigger(Job{Trigger: "api"}))
	ts.Scheduler().done.Wait()
	ts.Metrics().ObserveCollector("github", 120, 3)
	ts.Metrics().ObserveCollector("github", 30, 0)
	w := ts.get(t, "/metrics")
	require.Equal(t, http.StatusOK, w.Code)
	body = w.Body.String()
	want := map[[2]string]int{}
	for _, f := range first.Findings {
		want[[2]string{string(f.Status), string(f.Severity)}]++
	}
	for _, st := range finding.Statuses {
		for _, sev := range finding.Severities {
			assert.Contains(t, body, fmt.Sprintf("rampart_findings{severity=%q,status=%q} %d\n", sev, st, want[[2]string{string(st), string(sev)}]))
		}
	}
	assert.Contains(t, body, `rampart_runs_total{result="complete"} 1`)
	assert.Contains(t, body, "rampart_run_duration_seconds_count 1")
	assert.Contains(t, body, `rampart_collector_requests_total{collector="github"} 150`)
	assert.Contains(t, body, `rampart_collector_throttles_total{collector="github"} 3`)
	assert.Contains(t, body, "go_goroutines")
}

// TestMetricsAfterARestart: a new server reads the latest complete run's
// findings into the gauges before it serves.
func TestMetricsAfterARestart(t *testing.T) {
	t.Parallel()
	st, _, second := nightRuns(t)
	ts := newTestServer(t, st, nil)
	ts.primeMetrics(t.Context())
	fails := 0
	for _, f := range second.Findings {
		if f.Status == finding.Fail && f.Severity == finding.Critical {
			fails++
		}
	}
	body := ts.get(t, "/metrics").Body.String()
	assert.Contains(t, body, fmt.Sprintf("rampart_findings{severity=\"critical\",status=\"fail\"} %d\n", fails))
	assert.Contains(t, body, "rampart_latest_run_timestamp_seconds "+strconv.FormatFloat(float64(st.runs[1].StartedAt.Unix()), 'g', -1, 64)+"\n")
}
