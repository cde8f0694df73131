package serve

import (
	"context"
	"time"

	"github.com/rampart-audit/rampart/internal/history"
	"github.com/rampart-audit/rampart/internal/store"
)

// afterRunTimeout bounds the bookkeeping after a run (reading it back,
// webhooks), which also runs when a shutdown cancelled the run.
const afterRunTimeout = 2 * time.Minute

// runJob runs one audit to its end and does what follows it: metrics,
// then, for a complete run with a complete predecessor, notifications.
func (s *Server) runJob(ctx context.Context, job Job) {
	began := s.opts.Clock.Now()
	s.log.printf("run %s: started", job.Trigger)
	id, err := s.opts.Audit(ctx, job)
	s.metrics.runDuration.Observe(s.opts.Clock.Now().Sub(began).Seconds())

	after, cancel := context.WithTimeout(context.WithoutCancel(ctx), afterRunTimeout)
	defer cancel()
	if id == 0 {
		s.metrics.runs.WithLabelValues("error").Inc()
		s.log.printf("run %s: not begun: %v", job.Trigger, err)
		return
	}
	rec, gerr := s.opts.Store.Get(after, id)
	switch {
	case gerr != nil:
		s.metrics.runs.WithLabelValues("error").Inc()
		s.log.printf("run %d (%s): cannot read it back: %v", id, job.Trigger, gerr)
		return
	case rec.State == store.Running && rec.Queued:
		// The server stopped following a run the workers still have: it
		// is not lost, and not complete either.
		s.metrics.runs.WithLabelValues("queued").Inc()
		s.log.printf("run %d (%s): still queued or running on the workers: %v", id, job.Trigger, err)
		return
	case rec.State != store.Complete || rec.Report == nil:
		s.metrics.runs.WithLabelValues("incomplete").Inc()
		s.log.printf("run %d (%s): %s: %s", id, job.Trigger, rec.State, rec.Reason)
		return
	}
	s.metrics.runs.WithLabelValues("complete").Inc()
	s.metrics.setLatest(rec)
	if err != nil {
		s.log.printf("run %d (%s): recorded, with: %v", id, job.Trigger, err)
	}
	s.log.printf("run %d (%s): complete: %d findings, %d fail, %d not evaluated, %d error", id, job.Trigger,
		rec.Summary.Total, rec.Summary.Fail, rec.Summary.NotEvaluated, rec.Summary.Error)
	defer s.prune(after) // after the notifications, which read the previous run
	if len(s.opts.Notifies) == 0 {
		return
	}
	prev, err := s.previousComplete(after, id)
	if err != nil || prev == nil {
		if err != nil {
			s.log.printf("run %d: no notifications: the previous run could not be read: %v", id, err)
		}
		return
	}
	safe, err := s.recorded(after, id)
	if err != nil {
		s.log.printf("run %d: no notifications: %v", id, err)
		return
	}
	s.notifier.notifyAll(after, s.metrics, s.opts.Notifies, s.opts.Workspace, safe, history.Compute(prev, safe))
}

// prune applies the retention after a complete run. A failed prune fails
// nothing else: it deletes nothing (one transaction), and says so.
func (s *Server) prune(ctx context.Context) {
	r := s.opts.Retention
	if !r.enabled() {
		return
	}
	keep := store.Retention{KeepLast: r.KeepLast}
	if r.OlderThan > 0 {
		keep.Before = s.opts.Clock.Now().Add(-r.OlderThan)
	}
	p, err := s.opts.Store.Prune(ctx, keep)
	if err != nil {
		s.metrics.prunes.WithLabelValues("failed").Inc()
		s.log.printf("retention: nothing pruned: %v", err)
		return
	}
	s.metrics.prunes.WithLabelValues("pruned").Inc()
	s.metrics.prunedRuns.Add(float64(len(p.Runs)))
	if len(p.Runs) == 0 {
		return
	}
	s.log.printf("retention (%s): deleted %d runs, %d bytes freed (reports %d, resources %d, evidence maps %d)",
		keep, len(p.Runs), p.Bytes(), p.ReportBytes, p.ResourceBytes, p.EvidenceMapBytes)
	if r.Forget != nil {
		if err := r.Forget(ctx, p.Runs); err != nil {
			s.log.printf("retention: the job-queue rows of the deleted runs stay: %v", err)
		}
	}
}

// previousComplete is the newest complete run before id, redacted; nil
// when id is the first.
func (s *Server) previousComplete(ctx context.Context, id store.RunID) (*store.Recorded, error) {
	runs, err := s.opts.Store.Latest(ctx, 10)
	if err != nil {
		return nil, err
	}
	for _, r := range runs {
		if r.ID < id {
			return s.recorded(ctx, r.ID)
		}
	}
	return nil, nil
}
