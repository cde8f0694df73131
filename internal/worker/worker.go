// Package worker is the distributed form of a live audit: with a
// PostgreSQL store, `rampart audit --distributed` enqueues a run and
// `rampart worker` processes on any number of machines collect and judge
// it as River jobs (github.com/riverqueue/river). A plan job lists the
// work — one collection job per (GitHub organisation, repository shard)
// and per (AWS account, region, service group) — each collection job
// stores its snapshot part, and the transaction that stores the last part
// enqueues the evaluate job, which merges the parts, runs the pipeline's
// evaluation on them and records the report with store.Finish. What a run
// hands the next stage is exactly what `rampart audit --collect` would:
// one snapshot and one report in the store.
//
// Guarantees, and where they are made:
//   - nothing lost or duplicated: parts are rows unique by (run, part),
//     written in the same transaction as River's JobCompleteTx (parts.go);
//     a job retried after its worker died finds its part still pending and
//     collects it again, a job whose part was stored cannot run again.
//   - completion without races: every part's transaction locks the run's
//     row, so exactly one sees "no part pending" and inserts the evaluate
//     job (also unique by its arguments in River).
//   - fail closed: a job that exhausts its retries is found by the sweep
//     (sweep.go), its scope becomes not_collected with the last error, and
//     the run still finishes, its evidence marked incomplete; a plan or
//     evaluate job that exhausts its retries aborts the run with the reason.
//   - shared limits: GitHub quota per token and AWS calls per account are
//     token buckets in PostgreSQL (budget.go), paced across all workers.
//   - the same judgement: the run carries the content hash of its
//     workspace, controls and policies; a worker whose checkout differs
//     refuses to plan or evaluate it (inputs.go).
package worker

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertype"

	"github.com/rampart-audit/rampart/internal/store"
)

// Options configure a worker process. The zero value of a field is its
// default.
type Options struct {
	// Store records the runs' reports (store.Finish) and aborts.
	Store store.Store
	// Concurrency is how many jobs the process works at once (default 4).
	Concurrency int
	// Env reads the worker's environment: credentials and endpoints of the
	// collectors stay on the worker, never in the database.
	Env func(string) string
	// Log receives one line per job started, finished or failed; nil
	// discards them.
	Log io.Writer
	// GitHubRate and AWSRate size the shared budgets when a worker is the
	// first to use one (defaults DefaultGitHubRate, DefaultAWSRate).
	GitHubRate, AWSRate Rate
	// GitHubShards is how many collection jobs one organisation is split
	// into when the run does not say (default 4).
	GitHubShards int

	// MaxAttempts is how often a job is tried before its scope is given up
	// (default 5); RetryBase the first backoff, doubled each retry up to
	// ten minutes (default 2s).
	MaxAttempts int
	RetryBase   time.Duration
	// JobTimeout bounds one job (default 30 minutes). RescueAfter is how
	// long a job may stay running before River rescues it as stuck — what
	// happens to the jobs of a worker that died (default JobTimeout + 5
	// minutes; must exceed JobTimeout).
	JobTimeout  time.Duration
	RescueAfter time.Duration
	// SweepEvery is how often the leader looks for jobs River gave up on
	// (default 30s).
	SweepEvery time.Duration
	// ShutdownGrace is how long a stopping worker lets its jobs finish
	// before it cancels them, which River then retries elsewhere
	// (default 30s).
	ShutdownGrace time.Duration
	// PollEvery is River's fetch poll interval (default 1s; LISTEN/NOTIFY
	// wakes workers sooner).
	PollEvery time.Duration
	// ID names the worker in River's job rows (attempted_by) and its
	// leader election; default "rampart-HOST-PID".
	ID string
	// Now stamps the worker's log lines.
	Now func() time.Time
}

func (o *Options) defaults() {
	if o.Concurrency <= 0 {
		o.Concurrency = 4
	}
	if o.Env == nil {
		o.Env = func(string) string { return "" }
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	if o.GitHubRate == (Rate{}) {
		o.GitHubRate = DefaultGitHubRate
	}
	if o.AWSRate == (Rate{}) {
		o.AWSRate = DefaultAWSRate
	}
	if o.GitHubShards <= 0 {
		o.GitHubShards = 4
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 5
	}
	if o.RetryBase <= 0 {
		o.RetryBase = 2 * time.Second
	}
	if o.JobTimeout <= 0 {
		o.JobTimeout = 30 * time.Minute
	}
	if o.RescueAfter <= o.JobTimeout {
		o.RescueAfter = o.JobTimeout + 5*time.Minute
	}
	if o.SweepEvery <= 0 {
		o.SweepEvery = 30 * time.Second
	}
	if o.ShutdownGrace <= 0 {
		o.ShutdownGrace = 30 * time.Second
	}
	if o.PollEvery <= 0 {
		o.PollEvery = time.Second
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.ID == "" {
		host, _ := os.Hostname()
		o.ID = fmt.Sprintf("rampart-%s-%d", host, os.Getpid())
	}
}

// Worker is one `rampart worker` process's River client and its jobs.
type Worker struct {
	pool   *pgxpool.Pool
	opts   Options
	client *river.Client[pgx.Tx]
}

// New migrates the database and builds a worker; Run starts it.
func New(ctx context.Context, pool *pgxpool.Pool, opts Options) (*Worker, error) {
	opts.defaults()
	if opts.Store == nil {
		return nil, errors.New("worker: no store")
	}
	if err := Migrate(ctx, pool); err != nil {
		return nil, err
	}
	w := &Worker{pool: pool, opts: opts}
	workers := river.NewWorkers()
	if err := river.AddWorkerSafely(workers, &planWorker{w: w}); err != nil {
		return nil, fmt.Errorf("worker: %w", err)
	}
	if err := river.AddWorkerSafely(workers, &collectWorker{w: w}); err != nil {
		return nil, fmt.Errorf("worker: %w", err)
	}
	if err := river.AddWorkerSafely(workers, &evaluateWorker{w: w}); err != nil {
		return nil, fmt.Errorf("worker: %w", err)
	}
	if err := river.AddWorkerSafely(workers, &sweepWorker{w: w}); err != nil {
		return nil, fmt.Errorf("worker: %w", err)
	}
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		ID:                   opts.ID,
		Queues:               map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: opts.Concurrency}},
		Workers:              workers,
		MaxAttempts:          opts.MaxAttempts,
		RetryPolicy:          backoff{base: opts.RetryBase},
		JobTimeout:           opts.JobTimeout,
		RescueStuckJobsAfter: opts.RescueAfter,
		FetchPollInterval:    opts.PollEvery,
		FetchCooldown:        min(100*time.Millisecond, opts.PollEvery),
		Logger:               slog.New(slog.NewTextHandler(opts.Log, &slog.HandlerOptions{Level: slog.LevelWarn})),
		PeriodicJobs: []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(opts.SweepEvery),
			func() (river.JobArgs, *river.InsertOpts) { return SweepArgs{}, nil }, &river.PeriodicJobOpts{RunOnStart: true})},
	})
	if err != nil {
		return nil, fmt.Errorf("worker: %w", err)
	}
	w.client = client
	return w, nil
}

// Run works jobs until ctx is done, then stops gracefully: running jobs
// get ShutdownGrace to finish; those still running after it are
// cancelled, and River retries them (on this or another worker).
func (w *Worker) Run(ctx context.Context) error {
	if err := w.client.Start(ctx); err != nil {
		return fmt.Errorf("start worker: %w", err)
	}
	<-ctx.Done()
	stopCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), w.opts.ShutdownGrace)
	defer cancel()
	if err := w.client.Stop(stopCtx); err != nil {
		cancelCtx, cancel2 := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel2()
		if err := w.client.StopAndCancel(cancelCtx); err != nil {
			return fmt.Errorf("stop worker: %w", err)
		}
	}
	return nil
}

func (w *Worker) logf(format string, args ...any) {
	fmt.Fprintf(w.opts.Log, "%s worker: %s\n", w.opts.Now().UTC().Format(time.TimeOnly), fmt.Sprintf(format, args...))
}

// backoff is exponential: base, 2×base, 4×base … up to ten minutes.
// River's default (attempt⁴ seconds) waits minutes by the third retry,
// too long for a collection a run is waiting on.
type backoff struct{ base time.Duration }

func (b backoff) NextRetry(job *rivertype.JobRow) time.Time {
	d := b.base
	for i := 1; i < job.Attempt && d < 10*time.Minute; i++ {
		d *= 2
	}
	return time.Now().Add(min(d, 10*time.Minute))
}
