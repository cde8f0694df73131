package serve

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/rampart-audit/rampart/internal/store"
	"github.com/rampart-audit/rampart/internal/worker"
)

// Queue hands a server's runs to `rampart worker` processes: with a
// PostgreSQL store, a run that collects live evidence is enqueued
// (worker.Enqueue) and followed to its end instead of being run in the
// server's process.
type Queue struct {
	// Pool reaches the PostgreSQL database Store is in: the job queue
	// lives beside the runs.
	Pool  *pgxpool.Pool
	Store store.Store
	// Workspace, Controls and Policies are what the server loaded; the
	// run carries their content hash, and workers judge it only with the
	// same files.
	Workspace string
	Controls  []string
	Policies  string
	// GitHubShards splits each organisation into this many jobs (0: the
	// workers' default).
	GitHubShards int
	// Poll is how often the run's progress is read (default 1s).
	Poll time.Duration
	Now  func() time.Time
	// Log receives the line that says why a run stays in-process.
	Log io.Writer
}

// Distributable says whether the workers can run job, and if not, why:
// a distributed run collects live evidence and reads nothing else from
// the server's disk, so recorded evidence and training records (files the
// workers do not have) keep a run in the server's process.
func Distributable(job Job) (bool, string) {
	switch {
	case len(job.Collect) == 0:
		return false, "it audits recorded evidence, which rampart worker does not read"
	case len(job.Evidence) > 0:
		return false, "it adds recorded evidence files, which rampart worker does not read"
	case job.TrainingRecords != "":
		return false, "it reads training records, which rampart worker does not read"
	}
	return true, ""
}

// Auditor enqueues each distributable job and waits until the workers
// have finished it; any other job runs through inProcess. The scheduler's
// one-at-a-time rule holds across both: a job is "running" while it is
// followed. When ctx ends (the server's grace period is over) the server
// stops following, but the run goes on: it belongs to the workers, and
// the returned error says so.
func (q Queue) Auditor(inProcess Auditor) Auditor {
	if q.Poll <= 0 {
		q.Poll = time.Second
	}
	if q.Now == nil {
		q.Now = time.Now
	}
	if q.Log == nil {
		q.Log = io.Discard
	}
	return func(ctx context.Context, job Job) (store.RunID, error) {
		if ok, why := Distributable(job); !ok {
			fmt.Fprintf(q.Log, "serve: run %s: in this process, not on the workers: %s\n", job.Trigger, why)
			return inProcess(ctx, job)
		}
		id, err := worker.Enqueue(ctx, q.Pool, q.Store, worker.Spec{
			Trigger: job.Trigger, Workspace: q.Workspace, Controls: q.Controls, Policies: q.Policies,
			Frameworks: job.Frameworks, Collectors: job.Collect, GitHubShards: q.GitHubShards,
		}, q.Now())
		if err != nil {
			return id, fmt.Errorf("enqueue: %w", err)
		}
		fmt.Fprintf(q.Log, "serve: run %d (%s): queued for rampart worker\n", id, job.Trigger)
		prog, err := worker.Wait(ctx, q.Pool, id, q.Poll, nil)
		if err != nil {
			if ctx.Err() != nil {
				return id, fmt.Errorf("stopped following run %d; it goes on on the workers: %w", id, ctx.Err())
			}
			return id, fmt.Errorf("follow run %d: %w", id, err)
		}
		if prog.Aborted() {
			return id, fmt.Errorf("run %d aborted on the workers: %s", id, prog.Reason)
		}
		return id, nil
	}
}
