package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/spf13/cobra"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/store"
	"github.com/rampart-audit/rampart/internal/verdict"
	"github.com/rampart-audit/rampart/internal/worker"
)

// The distributed commands: `rampart worker` works the jobs of runs that
// `rampart enqueue` starts, both against one PostgreSQL store
// (internal/worker).

type workerFlags struct {
	store         string
	concurrency   int
	githubPerHour float64
	awsPerSecond  float64
	githubShards  int
	maxAttempts   int
	retryBackoff  time.Duration
	jobTimeout    time.Duration
	rescueAfter   time.Duration
	sweepEvery    time.Duration
	shutdownGrace time.Duration
	poll          time.Duration
}

func newWorkerCommand(p Params) *cobra.Command {
	var f workerFlags
	cmd := &cobra.Command{
		Use:   "worker --store postgres://…",
		Short: "Work the collection and evaluation jobs of distributed runs until SIGINT or SIGTERM",
		Long: `Work the jobs of runs started with rampart enqueue: plan a run, collect one
GitHub repository shard or one AWS (account, region, service group), or
evaluate a run whose collection is done and record it in the store. Any
number of workers on any number of machines share one PostgreSQL store.

Credentials come from the worker's own environment, as for rampart collect
(GITHUB_TOKEN or a GitHub App, the AWS default chain); they never enter the
database. A worker plans and evaluates a run only from a checkout whose
workspace, controls and policies have the content hash the run was started
with, and refuses otherwise.

GitHub requests (per token) and AWS calls (per account) are paced by
budgets shared by every worker through the database; the first worker to
use a budget sets its size (--github-rate, --aws-rate).

SIGINT or SIGTERM stops taking jobs and lets running ones finish for
--shutdown-grace; jobs still running then are cancelled and retried by
another worker. A worker that dies is replaced by River's rescue of its
jobs after --rescue-after.

Exit codes: 0 stopped by a signal after a clean shutdown; 2 usage error
(not a PostgreSQL store); 3 the store or queue could not be used.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runWorker(cmd.Context(), p, f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.store, "store", "", "the PostgreSQL store whose jobs to work (postgres://…; default RAMPART_STORE)")
	fl.IntVar(&f.concurrency, "concurrency", 4, "jobs worked at once")
	fl.Float64Var(&f.githubPerHour, "github-rate", 5000, "GitHub requests per hour per token, shared by all workers")
	fl.Float64Var(&f.awsPerSecond, "aws-rate", worker.DefaultAWSRate.PerSecond, "AWS calls per second per account, shared by all workers")
	fl.IntVar(&f.githubShards, "github-shards", 4, "collection jobs per GitHub organisation, when the run does not say")
	fl.IntVar(&f.maxAttempts, "max-attempts", 5, "attempts of a job before its scope is recorded as not collected")
	fl.DurationVar(&f.retryBackoff, "retry-backoff", 2*time.Second, "wait before a job's first retry, doubled for each further one")
	fl.DurationVar(&f.jobTimeout, "job-timeout", 30*time.Minute, "longest a job may run")
	fl.DurationVar(&f.rescueAfter, "rescue-after", 35*time.Minute, "how long a job may stay running before it is rescued as its worker's dead (more than --job-timeout)")
	fl.DurationVar(&f.sweepEvery, "sweep-every", 30*time.Second, "how often given-up jobs are settled (not collected, or the run aborted)")
	fl.DurationVar(&f.shutdownGrace, "shutdown-grace", 30*time.Second, "how long running jobs may finish after SIGINT or SIGTERM")
	fl.DurationVar(&f.poll, "poll", time.Second, "how often to look for jobs besides the database's notifications")
	return cmd
}

// openDistributed opens the store and the job queue's pool. A SQLite store
// has no queue other processes can reach: refused with the reason.
func openDistributed(ctx context.Context, p Params, flag, command string) (*pgxpool.Pool, store.Store, error) {
	dsn := flag
	if dsn == "" {
		dsn = p.Getenv("RAMPART_STORE")
	}
	if !isPostgresDSN(dsn) {
		what := "no --store was given"
		if dsn != "" {
			what = "--store " + dsn + " is a SQLite store"
		}
		return nil, nil, usageError("%s needs a PostgreSQL store (--store postgres://…): %s, and SQLite keeps runs for one process, while distributed runs share their job queue between machines", command, what)
	}
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, nil, exitWith(verdict.ExitNotEvaluated, err)
	}
	pool, err := pgxpool.New(ctx, dsn)
	if err == nil {
		err = pool.Ping(ctx)
	}
	if err != nil {
		st.Close()
		return nil, nil, exitWith(verdict.ExitNotEvaluated, fmt.Errorf("open the job queue: %w", err))
	}
	return pool, st, nil
}

func runWorker(ctx context.Context, p Params, f workerFlags) error {
	if f.concurrency < 1 || f.concurrency > 100 {
		return usageError("--concurrency %d: want 1–100", f.concurrency)
	}
	if f.githubPerHour <= 0 || f.awsPerSecond <= 0 {
		return usageError("--github-rate and --aws-rate must be positive")
	}
	if f.rescueAfter <= f.jobTimeout {
		return usageError("--rescue-after %s must be longer than --job-timeout %s, or running jobs would be rescued", f.rescueAfter, f.jobTimeout)
	}
	pool, st, err := openDistributed(ctx, p, f.store, "rampart worker")
	if err != nil {
		return err
	}
	defer pool.Close()
	defer st.Close()
	log := &lockedWriter{w: p.Stderr}
	w, err := worker.New(ctx, pool, worker.Options{
		Store: st, Concurrency: f.concurrency, Env: p.Getenv, Log: log, Now: p.Now,
		GitHubRate:   worker.Rate{PerSecond: f.githubPerHour / 3600, Burst: max(1, min(100, f.githubPerHour/60))},
		AWSRate:      worker.Rate{PerSecond: f.awsPerSecond, Burst: max(1, 2*f.awsPerSecond)},
		GitHubShards: f.githubShards, MaxAttempts: f.maxAttempts, RetryBase: f.retryBackoff,
		JobTimeout: f.jobTimeout, RescueAfter: f.rescueAfter, SweepEvery: f.sweepEvery,
		ShutdownGrace: f.shutdownGrace, PollEvery: f.poll,
	})
	if err != nil {
		return exitWith(verdict.ExitNotEvaluated, err)
	}
	fmt.Fprintf(log, "rampart worker: working jobs with concurrency %d until SIGINT or SIGTERM\n", f.concurrency)
	if err := w.Run(ctx); err != nil {
		return exitWith(verdict.ExitNotEvaluated, err)
	}
	fmt.Fprintln(log, "rampart worker: stopped")
	return nil
}

type enqueueFlags struct {
	load         loadFlags
	store        string
	collect      []string
	frameworks   []string
	githubShards int
	formats      []string
	output       string
	failOn       string
	noWait       bool
	poll         time.Duration
}

func newEnqueueCommand(p Params) *cobra.Command {
	var f enqueueFlags
	cmd := &cobra.Command{
		Use:   "enqueue [WORKSPACE] --store postgres://… --collect NAME…",
		Short: "Start a distributed audit run for rampart worker processes and follow it to its report",
		Long: `Start a live audit whose collection and evaluation run as jobs of the
rampart worker processes sharing the PostgreSQL store, wait for it, print
its progress, and write its report as rampart audit does.

The run carries the content hash of WORKSPACE, the controls and the
governance pack: workers judge it only with the same files.

A job that fails after its retries makes its scope not collected, with the
reason; the run still finishes, its evidence marked incomplete (exit 3).

Exit codes: as rampart audit — 0, 1 failures at or above --fail-on, 2
usage or workspace error (a SQLite store among them), 3 could not evaluate
(incomplete evidence, the run aborted), 130 interrupted while waiting (the
run goes on: rampart runs show RUN).`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runEnqueue(cmd, p, f, args) },
	}
	f.load.register(cmd)
	fl := cmd.Flags()
	fl.StringVar(&f.store, "store", "", "the PostgreSQL store the workers share (postgres://…; default RAMPART_STORE)")
	fl.StringArrayVar(&f.collect, "collect", nil, "collector whose evidence the workers collect (repeatable): github, aws")
	fl.StringArrayVar(&f.frameworks, "framework", nil, "add a per-reference view of this framework to the report (repeatable)")
	fl.IntVar(&f.githubShards, "github-shards", 0, "collection jobs per GitHub organisation (default: the workers')")
	fl.StringArrayVar(&f.formats, "format", nil, "output format of the report, repeatable, or NAME=FILE")
	fl.StringVarP(&f.output, "output", "o", "", "write the report to this file instead of standard output")
	fl.StringVar(&f.failOn, "fail-on", "low", "lowest severity whose failures make the exit code 1")
	fl.BoolVar(&f.noWait, "no-wait", false, "print the run's ID and return once it is enqueued")
	fl.DurationVar(&f.poll, "poll", time.Second, "how often to read the run's progress")
	return cmd
}

func runEnqueue(cmd *cobra.Command, p Params, f enqueueFlags, args []string) error {
	workspace := "."
	if len(args) == 1 {
		workspace = args[0]
	}
	if len(f.collect) == 0 {
		return usageError("rampart enqueue collects live evidence: pass --collect github and/or --collect aws")
	}
	failOn, err := finding.ParseSeverity(f.failOn)
	if err != nil {
		return usageError("--fail-on: %v", err)
	}
	outputs, err := parseOutputs(f.formats, f.output)
	if err != nil {
		return usageError("%v", err)
	}
	ctx := cmd.Context()
	// The workspace is checked here first: its diagnostics belong on this
	// terminal, not in a worker's log.
	if _, err := f.load.load(cmd, p, workspace); err != nil {
		return err
	}
	pool, st, err := openDistributed(ctx, p, f.store, "rampart enqueue")
	if err != nil {
		return err
	}
	defer pool.Close()
	defer st.Close()
	id, err := worker.Enqueue(ctx, pool, st, worker.Spec{
		Trigger: "audit", Workspace: workspace, Controls: f.load.controls, Policies: f.load.policies,
		Frameworks: f.frameworks, Collectors: f.collect, GitHubShards: f.githubShards,
	}, p.Now())
	if err != nil {
		return exitWith(verdict.ExitInput, err)
	}
	fmt.Fprintf(p.Stderr, "rampart enqueue: run %d enqueued\n", id)
	if f.noWait {
		fmt.Fprintln(p.Stdout, id)
		return nil
	}
	prog, err := worker.Wait(ctx, pool, id, f.poll, func(pr worker.Progress) { fmt.Fprintln(p.Stderr, pr) })
	if err != nil {
		if ctx.Err() != nil {
			return exitWith(verdict.ExitInterrupted, fmt.Errorf("stopped waiting; run %d goes on on the workers (rampart runs show %d)", id, id))
		}
		return exitWith(verdict.ExitNotEvaluated, err)
	}
	if prog.Aborted() {
		return exitWith(verdict.ExitNotEvaluated, fmt.Errorf("run %d aborted: %s", id, prog.Reason))
	}
	rec, err := st.Get(ctx, id)
	if err != nil {
		return exitWith(verdict.ExitNotEvaluated, fmt.Errorf("run %d: %w", id, err))
	}
	if rec.Report == nil {
		return exitWith(verdict.ExitNotEvaluated, fmt.Errorf("run %d is %s without a report: %s", id, rec.State, rec.Reason))
	}
	if err := writeOutputs(ctx, outputs, rec.Report, p.Stdout); err != nil {
		return interruptedOr(ctx, err)
	}
	code := verdict.Audit(rec.Report, failOn)
	if reason, nothing := verdict.NothingEvaluated(rec.Report); nothing {
		return exitWith(code, errors.New(reason))
	}
	return exitWith(code, nil)
}

// lockedWriter serialises the lines of a worker's concurrent jobs.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}
