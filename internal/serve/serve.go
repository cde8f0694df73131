// Package serve is `rampart serve`: it runs the workspace's scheduled
// audits (scheduler.go) through an Auditor that records them in the store,
// and serves what the store holds — a server-rendered dashboard
// (dashboard.go), the versioned JSON API described by openapi.json
// (api.go), Prometheus metrics (metrics.go) and health probes — behind
// authentication (auth.go). After each run it compares the run with the
// previous complete one (diff.go) and posts the notify blocks' webhooks
// (notify.go).
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/rampart-audit/rampart/internal/model"
	"github.com/rampart-audit/rampart/internal/redact"
	"github.com/rampart-audit/rampart/internal/store"
)

// Options are everything a server depends on.
type Options struct {
	Store store.Store
	// Workspace is the workspace folder as the user named it.
	Workspace string
	// Schedules and Notifies are the workspace's schedule and notify blocks.
	Schedules []*model.Schedule
	Notifies  []*model.Notify
	// Audit runs and records one audit; the command wires runner.Audit.
	Audit Auditor
	Auth  Auth
	// Clock drives the scheduler; nil is the wall clock.
	Clock Clock
	// Log receives one line per event; it is wrapped in a redacting writer.
	Log io.Writer
	// Getenv resolves notify blocks' webhook_env.
	Getenv func(string) string
	// Webhook is the client notifications are posted with; nil is a client
	// with a 10 s timeout per attempt.
	Webhook *http.Client
	// Sleep waits between webhook retries; nil sleeps for real.
	Sleep func(ctx context.Context, d time.Duration) error
	// Retention prunes the store after each complete run; the zero value
	// keeps every run.
	Retention Retention
}

// Retention is `rampart serve --prune-keep-last N --prune-older-than D`.
type Retention struct {
	KeepLast  int
	OlderThan time.Duration
	// Forget is told the runs a prune deleted, for what lives outside the
	// store (the job queue's rows of distributed runs); nil for none.
	Forget func(ctx context.Context, runs []store.RunID) error
}

// enabled says whether a rule was given.
func (r Retention) enabled() bool { return r.KeepLast > 0 || r.OlderThan > 0 }

// Server is one `rampart serve` process.
type Server struct {
	opts      Options
	log       *lineLog
	metrics   *Metrics
	scheduler *Scheduler
	notifier  *notifier
	handler   http.Handler
}

// New builds a server; nothing runs until Serve (or Scheduler().Run).
func New(opts Options) (*Server, error) {
	if opts.Store == nil || opts.Audit == nil {
		return nil, errors.New("serve: a store and an auditor are required")
	}
	if opts.Auth == nil {
		return nil, errors.New("serve: no authentication configured")
	}
	if opts.Clock == nil {
		opts.Clock = wallClock{}
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.Getenv == nil {
		opts.Getenv = func(string) string { return "" }
	}
	s := &Server{opts: opts, log: &lineLog{w: redact.NewWriter(opts.Log)}, metrics: NewMetrics()}
	s.notifier = newNotifier(opts.Webhook, opts.Sleep, opts.Getenv, s.log)
	s.scheduler = newScheduler(opts.Schedules, opts.Clock, s.runJob, s.metrics, s.log)
	s.handler = s.routes()
	return s, nil
}

// Handler is the HTTP side: dashboard, API, metrics and probes.
func (s *Server) Handler() http.Handler { return s.handler }

// Scheduler is the scheduling side.
func (s *Server) Scheduler() *Scheduler { return s.scheduler }

// Metrics are the server's Prometheus collectors; the command's auditor
// reports collector traffic to them.
func (s *Server) Metrics() *Metrics { return s.metrics }

// Serve listens on ln until ctx is cancelled (SIGINT, SIGTERM), then shuts
// down in order: scheduling stops, a running audit gets grace to finish
// (then it is cancelled, and the store marks it incomplete), and the HTTP
// server drains its requests.
func (s *Server) Serve(ctx context.Context, ln net.Listener, grace time.Duration) error {
	s.primeMetrics(ctx)
	srv := &http.Server{Handler: s.handler, ReadHeaderTimeout: 10 * time.Second}
	schedCtx, stopScheduling := context.WithCancel(context.WithoutCancel(ctx))
	var wg sync.WaitGroup
	wg.Go(func() { s.scheduler.Run(schedCtx) })
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	var err error
	select {
	case <-ctx.Done():
	case err = <-served:
		err = fmt.Errorf("serve http: %w", err)
	}
	s.log.printf("shutting down: scheduling stopped, waiting up to %s for a running audit", grace)
	stopScheduling()
	wg.Wait()
	if aborted := s.scheduler.Shutdown(grace); aborted {
		s.log.printf("the running audit did not finish within %s: cancelled, recorded as incomplete", grace)
	}
	drain, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if e := srv.Shutdown(drain); e != nil && err == nil {
		err = fmt.Errorf("drain http: %w", e)
	}
	return err
}

// primeMetrics sets the findings gauges from the store's latest complete
// run: after a restart, /metrics must not read as "no failures" until the
// next run.
func (s *Server) primeMetrics(ctx context.Context) {
	rec, err := s.latest(ctx)
	switch {
	case err != nil:
		s.log.printf("metrics: the latest run could not be read: %v (rampart_latest_run_timestamp_seconds stays 0)", err)
	case rec != nil:
		s.metrics.setLatest(rec)
	}
}

// lineLog writes whole lines to the redacting writer, one at a time.
type lineLog struct {
	mu sync.Mutex
	w  *redact.Writer
}

func (l *lineLog) printf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.w, "serve: "+format+"\n", args...)
	_ = l.w.Flush() // a log that cannot be written has no one to tell
}
