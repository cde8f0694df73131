package serve

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/store"
)

// Metrics are the server's Prometheus collectors, on a registry of their
// own (not the global one), so two servers in one test process do not mix.
type Metrics struct {
	registry      *prometheus.Registry
	runs          *prometheus.CounterVec
	runDuration   prometheus.Histogram
	findings      *prometheus.GaugeVec
	latestRun     prometheus.Gauge
	requests      *prometheus.CounterVec
	throttles     *prometheus.CounterVec
	scheduleSkips *prometheus.CounterVec
	notifications *prometheus.CounterVec
	prunes        *prometheus.CounterVec
	prunedRuns    prometheus.Counter
}

// NewMetrics registers every collector, with the Go runtime's and the
// process's.
func NewMetrics() *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		runs: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "rampart_runs_total",
			Help: "Audit runs by result: complete, incomplete (begun, not recorded in full: a failed stage, an interruption), error (never begun: the store refused it) or queued (left to rampart worker processes when the server stopped following it)."}, []string{"result"}),
		runDuration: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "rampart_run_duration_seconds",
			Help:    "Wall time of an audit run, collection included.",
			Buckets: []float64{1, 5, 15, 30, 60, 120, 300, 600, 1200, 3600, 7200}}),
		findings: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "rampart_findings",
			Help: "Findings of the latest complete run by status and severity."}, []string{"status", "severity"}),
		latestRun: prometheus.NewGauge(prometheus.GaugeOpts{Name: "rampart_latest_run_timestamp_seconds",
			Help: "Start time of the latest complete run (0: none yet)."}),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "rampart_collector_requests_total",
			Help: "HTTP requests the live collectors sent, retries included."}, []string{"collector"}),
		throttles: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "rampart_collector_throttles_total",
			Help: "Rate-limit waits (GitHub) and throttling errors retried (AWS)."}, []string{"collector"}),
		scheduleSkips: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "rampart_schedule_skips_total",
			Help: "Scheduled runs skipped because an audit of the workspace was still running."}, []string{"schedule"}),
		notifications: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "rampart_notifications_total",
			Help: "Webhook notifications by notify block and result (sent, failed)."}, []string{"notify", "result"}),
		prunes: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "rampart_prunes_total",
			Help: "Retention prunes after a complete run by result (pruned, failed)."}, []string{"result"}),
		prunedRuns: prometheus.NewCounter(prometheus.CounterOpts{Name: "rampart_pruned_runs_total",
			Help: "Runs the retention deleted."}),
	}
	m.registry.MustRegister(m.runs, m.runDuration, m.findings, m.latestRun, m.requests, m.throttles, m.scheduleSkips, m.notifications,
		m.prunes, m.prunedRuns,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	// Every status × severity series exists from the start, at 0, so a
	// dashboard's "failures" panel shows 0, not "no data".
	for _, st := range finding.Statuses {
		for _, sev := range finding.Severities {
			m.findings.WithLabelValues(string(st), string(sev))
		}
	}
	for _, r := range []string{"complete", "incomplete", "error", "queued"} {
		m.runs.WithLabelValues(r)
	}
	return m
}

// ObserveCollector adds a collection's traffic (the collectors' Traffic).
func (m *Metrics) ObserveCollector(collector string, requests, throttles int64) {
	m.requests.WithLabelValues(collector).Add(float64(max(requests, 0)))
	m.throttles.WithLabelValues(collector).Add(float64(max(throttles, 0)))
}

// setLatest replaces the findings gauges with the latest complete run's.
func (m *Metrics) setLatest(rec *store.Recorded) {
	m.findings.Reset()
	for _, st := range finding.Statuses {
		for _, sev := range finding.Severities {
			m.findings.WithLabelValues(string(st), string(sev))
		}
	}
	for _, f := range rec.Report.Findings {
		m.findings.WithLabelValues(string(f.Status), string(f.Severity)).Inc()
	}
	m.latestRun.Set(float64(rec.StartedAt.Unix()))
}

func (m *Metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{ErrorHandling: promhttp.HTTPErrorOnError})
}
