package serve

import (
	"context"
	"errors"
	"sort"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/rampart-audit/rampart/internal/model"
	"github.com/rampart-audit/rampart/internal/store"
)

// Job is one audit to run: what a schedule or an API request asks for.
type Job struct {
	// Trigger is recorded with the run: "schedule:NAME" or "api".
	Trigger string
	// Schedule is the schedule's name, "" for a run without one.
	Schedule string
	// Collect names live collectors; none audits recorded evidence
	// (Evidence, or the workspace's evidence/ folder).
	Collect         []string
	Evidence        []string
	Frameworks      []string
	TrainingRecords string
}

// JobOf is the job a schedule block describes.
func JobOf(s *model.Schedule) Job {
	return Job{Trigger: "schedule:" + s.Name, Schedule: s.Name, Collect: s.Collect, Evidence: s.Evidence,
		Frameworks: s.Frameworks, TrainingRecords: s.TrainingRecords}
}

// Auditor runs one audit and records it in the store (runner.Audit). It
// returns the recorded run's ID whenever a run was begun — also with an
// error, when the run ended incomplete. Cancelling ctx must end the run
// promptly and leave it incomplete in the store.
type Auditor func(ctx context.Context, job Job) (store.RunID, error)

// Clock is the scheduler's time: tests drive it by hand.
type Clock interface {
	Now() time.Time
	// After is time.After; the scheduler waits for one timer at a time.
	After(d time.Duration) <-chan time.Time
}

type wallClock struct{}

func (wallClock) Now() time.Time                         { return time.Now() }
func (wallClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// ErrBusy is returned when an audit of the workspace is still running: one
// at a time per workspace, a run due meanwhile is skipped, not stacked.
var ErrBusy = errors.New("an audit of this workspace is still running")

type entry struct {
	job  Job
	spec cron.Schedule
	next time.Time
}

// Scheduler starts the workspace's scheduled audits, one at a time.
type Scheduler struct {
	clock   Clock
	run     func(ctx context.Context, job Job) // runs a job to its end
	metrics *Metrics
	log     *lineLog

	mu      sync.Mutex
	entries []*entry
	busy    bool
	current Job
	since   time.Time
	// runCtx is cancelled when the grace period of a shutdown is over.
	runCtx    context.Context
	cancelRun context.CancelFunc
	done      sync.WaitGroup
	stopped   bool
}

func newScheduler(schedules []*model.Schedule, clock Clock, run func(context.Context, Job), m *Metrics, log *lineLog) *Scheduler {
	ctx, cancel := context.WithCancel(context.Background())
	s := &Scheduler{clock: clock, run: run, metrics: m, log: log, runCtx: ctx, cancelRun: cancel}
	for _, sc := range schedules {
		s.entries = append(s.entries, &entry{job: JobOf(sc), spec: sc.Spec})
	}
	return s
}

// Start plans every schedule's first run after now. Run calls it; a test
// calls it with its own time.
func (s *Scheduler) Start(now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range s.entries {
		e.next = e.spec.Next(now)
	}
}

// Tick starts the runs due at now. A run due while another is going is
// skipped and counted; each schedule's next time is planned from now, so a
// server that was busy or asleep runs a missed schedule once, not once per
// missed time.
func (s *Scheduler) Tick(now time.Time) {
	s.mu.Lock()
	due := []Job{}
	for _, e := range s.entries {
		if !e.next.IsZero() && !now.Before(e.next) {
			due = append(due, e.job)
			e.next = e.spec.Next(now)
		}
	}
	s.mu.Unlock()
	for _, j := range due {
		if err := s.Trigger(j); errors.Is(err, ErrBusy) {
			s.metrics.scheduleSkips.WithLabelValues(j.Schedule).Inc()
			s.mu.Lock()
			cur, since := s.current.Trigger, s.since
			s.mu.Unlock()
			s.log.printf("schedule %s: skipped, the run %s begun %s is still going", j.Schedule, cur, since.UTC().Format(time.RFC3339))
		}
	}
}

// Trigger starts job now unless an audit is running (ErrBusy) or the
// server is shutting down.
func (s *Scheduler) Trigger(job Job) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped {
		return errors.New("the server is shutting down")
	}
	if s.busy {
		return ErrBusy
	}
	s.busy, s.current, s.since = true, job, s.clock.Now()
	s.done.Add(1)
	go func() {
		defer s.done.Done()
		s.run(s.runCtx, job)
		s.mu.Lock()
		s.busy = false
		s.mu.Unlock()
	}()
	return nil
}

// Running says whether an audit is running and which.
func (s *Scheduler) Running() (Job, time.Time, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.current, s.since, s.busy
}

// Planned is a schedule and its next run.
type Planned struct {
	Name string    `json:"name"`
	Next time.Time `json:"next"`
	Job  Job       `json:"-"`
}

// Plan lists the schedules by their next run.
func (s *Scheduler) Plan() []Planned {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Planned, 0, len(s.entries))
	for _, e := range s.entries {
		out = append(out, Planned{Name: e.job.Schedule, Next: e.next, Job: e.job})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Next.Before(out[j].Next) })
	return out
}

// Run plans the schedules from the clock and ticks until ctx ends.
func (s *Scheduler) Run(ctx context.Context) {
	s.Start(s.clock.Now())
	for {
		plan := s.Plan()
		if len(plan) == 0 {
			<-ctx.Done()
			return
		}
		wait := plan[0].Next.Sub(s.clock.Now())
		select {
		case <-ctx.Done():
			return
		case <-s.clock.After(max(wait, 0)):
			s.Tick(s.clock.Now())
		}
	}
}

// Shutdown refuses new runs and waits up to grace for the running audit;
// after that it cancels it (the auditor records it incomplete) and waits
// for it to stop. It reports whether a run had to be cancelled.
func (s *Scheduler) Shutdown(grace time.Duration) bool {
	s.mu.Lock()
	s.stopped = true
	s.mu.Unlock()
	finished := make(chan struct{})
	go func() { s.done.Wait(); close(finished) }()
	select {
	case <-finished:
		s.cancelRun()
		return false
	case <-s.clock.After(grace):
		s.cancelRun()
		<-finished
		return true
	}
}
