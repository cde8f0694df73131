package serve

import (
	"context"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/store"
)

// blockingAuditor reports each job it is given and runs until released
// (or until its context is cancelled, as a shutdown's grace ends).
type blockingAuditor struct {
	started  chan Job
	release  chan struct{}
	finished chan error
}

func newBlockingAuditor() *blockingAuditor {
	return &blockingAuditor{started: make(chan Job, 8), release: make(chan struct{}), finished: make(chan error, 8)}
}

func (b *blockingAuditor) audit(ctx context.Context, job Job) (store.RunID, error) {
	b.started <- job
	var err error
	select {
	case <-b.release:
	case <-ctx.Done():
		err = ctx.Err()
	}
	b.finished <- err
	return 0, err
}

func TestSchedulerRunsDueSchedulesOneAtATime(t *testing.T) {
	t.Parallel()
	a := newBlockingAuditor()
	ts := newTestServer(t, &memStore{}, func(o *Options) {
		o.Schedules = append(o.Schedules, schedule(t, "nightly", "0 2 * * *", "github", "aws"), schedule(t, "half-hourly", "*/30 * * * *"))
		o.Audit = a.audit
	})
	s := ts.Scheduler()
	at := func(hm string) time.Time {
		tm, err := time.Parse("2006-01-02 15:04", "2026-12-01 "+hm)
		require.NoError(t, err)
		return tm
	}
	s.Start(at("01:00"))
	s.Tick(at("01:29"))
	assert.Empty(t, a.started, "nothing is due before 01:30")

	s.Tick(at("01:30"))
	job := <-a.started
	assert.Equal(t, "schedule:half-hourly", job.Trigger)
	assert.Empty(t, job.Collect, "no collect: the recorded evidence")

	// 02:00: both are due while the 01:30 run is still going: skipped and
	// counted, not stacked.
	s.Tick(at("02:00"))
	assert.Empty(t, a.started)
	assert.Equal(t, 1.0, testutil.ToFloat64(ts.Metrics().scheduleSkips.WithLabelValues("nightly")))
	assert.Equal(t, 1.0, testutil.ToFloat64(ts.Metrics().scheduleSkips.WithLabelValues("half-hourly")))
	assert.Contains(t, ts.log.String(), "schedule nightly: skipped, the run schedule:half-hourly begun")
	assert.ErrorIs(t, s.Trigger(Job{Trigger: "api"}), ErrBusy, "an API run waits its turn too")

	a.release <- struct{}{}
	require.NoError(t, <-a.finished)
	s.Shutdown(0) // waits for the run's bookkeeping; no new run may start after it

	plan := s.Plan()
	require.Len(t, plan, 2)
	assert.Equal(t, at("02:30"), plan[0].Next, "planned from the tick, once, not once per missed time")
	assert.Equal(t, at("02:00").Add(24*time.Hour), plan[1].Next)
	assert.Error(t, s.Trigger(Job{Trigger: "api"}), "no run after shutdown")
}

func TestSchedulerLoopFollowsTheClock(t *testing.T) {
	t.Parallel()
	a := newBlockingAuditor()
	ts := newTestServer(t, &memStore{}, func(o *Options) {
		o.Schedules = append(o.Schedules, schedule(t, "nightly", "0 2 * * *"))
		o.Audit = a.audit
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { ts.Scheduler().Run(ctx); close(done) }()

	deadline := <-ts.clock.added // the loop waits for 02:00
	assert.Equal(t, time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC), deadline)
	ts.clock.Advance(59 * time.Minute)
	assert.Empty(t, a.started)
	ts.clock.Advance(time.Minute)
	assert.Equal(t, "schedule:nightly", (<-a.started).Trigger)
	assert.Equal(t, time.Date(2026, 12, 2, 2, 0, 0, 0, time.UTC), <-ts.clock.added, "then waits for the next night")
	cancel()
	<-done
	close(a.release)
	<-a.finished
	ts.Scheduler().Shutdown(0)
}

func TestShutdownCancelsARunPastItsGrace(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name      string
		finishes  bool
		cancelled bool
	}{{"finishes within the grace", true, false}, {"outlasts the grace", false, true}} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			a := newBlockingAuditor()
			ts := newTestServer(t, &memStore{}, func(o *Options) { o.Audit = a.audit })
			require.NoError(t, ts.Scheduler().Trigger(Job{Trigger: "api"}))
			<-a.started
			result := make(chan bool)
			go func() { result <- ts.Scheduler().Shutdown(time.Minute) }()
			<-ts.clock.added // the grace timer
			if c.finishes {
				a.release <- struct{}{}
				require.NoError(t, <-a.finished)
			} else {
				ts.clock.Advance(time.Minute)
				assert.ErrorIs(t, <-a.finished, context.Canceled, "the auditor's context ends with the grace")
			}
			assert.Equal(t, c.cancelled, <-result)
		})
	}
}
