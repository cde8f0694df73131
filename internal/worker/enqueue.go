package worker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/collect/github"
	"github.com/rampart-audit/rampart/internal/store"
)

// Enqueue starts a distributed run: it records the run in the store as
// Running, and its spec (with the inputs' content hash, computed here
// from the enqueuer's files) and plan job in one transaction. Workers do
// the rest; Wait follows it. `rampart audit --distributed` and `rampart
// serve` (to enqueue a scheduled run instead of running it in-process)
// call it. The store must be the PostgreSQL database pool connects to.
func Enqueue(ctx context.Context, pool *pgxpool.Pool, st store.Store, spec Spec, now time.Time) (store.RunID, error) {
	if len(spec.Collectors) == 0 {
		return 0, errors.New("a distributed run collects live evidence: name at least one collector (github, aws)")
	}
	for _, c := range spec.Collectors {
		if c != github.CollectorName && c != aws.CollectorName {
			return 0, fmt.Errorf("collector %q cannot run distributed (available: github, aws)", c)
		}
	}
	if spec.Trigger == "" {
		spec.Trigger = "audit"
	}
	hash, err := InputsHash(spec)
	if err != nil {
		return 0, err
	}
	spec.InputsHash = hash
	if err := Migrate(ctx, pool); err != nil {
		return 0, err
	}
	raw, err := json.Marshal(spec)
	if err != nil {
		return 0, fmt.Errorf("enqueue: %w", err)
	}
	// An insert-only client: no queues, so it works no jobs.
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{})
	if err != nil {
		return 0, fmt.Errorf("enqueue: %w", err)
	}
	id, err := st.Begin(ctx, store.Start{Trigger: spec.Trigger, Workspace: spec.Workspace, Collectors: slices.Clone(spec.Collectors), StartedAt: now, Queued: true})
	if err != nil {
		return 0, fmt.Errorf("enqueue: %w", err)
	}
	err = pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO rampart_dist_run (run_id, spec, state) VALUES ($1, $2, $3)`, int64(id), raw, statePlanning); err != nil {
			return err
		}
		_, err := client.InsertTx(ctx, tx, PlanArgs{RunID: int64(id)}, nil)
		return err
	})
	if err != nil {
		reason := "the run could not be enqueued: " + err.Error()
		if aerr := st.Abort(context.WithoutCancel(ctx), id, reason); aerr != nil {
			return 0, errors.Join(fmt.Errorf("enqueue run %d: %w", id, err), aerr)
		}
		return 0, fmt.Errorf("enqueue run %d: %w", id, err)
	}
	return id, nil
}

// Progress is where a distributed run is.
type Progress struct {
	RunID store.RunID
	// State: planning, collecting, evaluating, done, aborted.
	State  string
	Reason string
	// Parts planned, collected and failed so far.
	Parts, Collected, Failed int
}

// Finished says the run will not change any more.
func (p Progress) Finished() bool { return p.State == stateDone || p.State == stateAborted }

// Aborted says the run ended without a report.
func (p Progress) Aborted() bool { return p.State == stateAborted }

func (p Progress) String() string {
	s := fmt.Sprintf("run %d: %s, %d/%d parts collected", p.RunID, p.State, p.Collected, p.Parts)
	if p.Failed > 0 {
		s += fmt.Sprintf(", %d failed", p.Failed)
	}
	if p.Reason != "" {
		s += ": " + p.Reason
	}
	return s
}

// Status reads a run's progress.
func Status(ctx context.Context, pool *pgxpool.Pool, id store.RunID) (Progress, error) {
	p := Progress{RunID: id}
	err := pool.QueryRow(ctx, `SELECT r.state, r.reason,
			(SELECT count(*) FROM rampart_dist_part WHERE run_id = r.run_id),
			(SELECT count(*) FROM rampart_dist_part WHERE run_id = r.run_id AND state = 'collected'),
			(SELECT count(*) FROM rampart_dist_part WHERE run_id = r.run_id AND state = 'failed')
		FROM rampart_dist_run r WHERE r.run_id = $1`, int64(id)).Scan(&p.State, &p.Reason, &p.Parts, &p.Collected, &p.Failed)
	if errors.Is(err, pgx.ErrNoRows) {
		return p, fmt.Errorf("run %d is not a distributed run of this database", id)
	}
	if err != nil {
		return p, fmt.Errorf("run %d: %w", id, err)
	}
	return p, nil
}

// Wait polls the run every interval until it is finished or ctx is done,
// telling onChange each time its progress changes.
func Wait(ctx context.Context, pool *pgxpool.Pool, id store.RunID, every time.Duration, onChange func(Progress)) (Progress, error) {
	var last Progress
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		p, err := Status(ctx, pool, id)
		if err != nil {
			return last, err
		}
		if p != last && onChange != nil {
			onChange(p)
		}
		last = p
		if p.Finished() {
			return p, nil
		}
		select {
		case <-ctx.Done():
			return last, ctx.Err()
		case <-t.C:
		}
	}
}
