package worker

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/rampart-audit/rampart/internal/store"
)

type sweepWorker struct {
	river.WorkerDefaults[SweepArgs]
	w *Worker
}

// Work finds the jobs of open runs that River gave up on — discarded
// after their last attempt (the rescuer discards a job whose worker died
// on its last attempt, too) or cancelled — and settles them: a collection
// job's part becomes failed with the job's last error, which may finish
// the run's collection; a plan or evaluate job aborts its run with the
// reason. Nothing a run waits for can be lost between River and the run.
func (s *sweepWorker) Work(ctx context.Context, _ *river.Job[SweepArgs]) error {
	return s.w.sweep(ctx)
}

type givenUp struct {
	kind   string
	runID  int64
	part   string
	reason string
}

func (w *Worker) sweep(ctx context.Context) error {
	rows, err := w.pool.Query(ctx, `
		SELECT j.kind, (j.args->>'run_id')::bigint, coalesce(j.args->>'part', ''), j.attempt,
		       coalesce(j.errors[array_upper(j.errors, 1)]->>'error', '')
		FROM river_job j
		JOIN rampart_dist_run r ON r.run_id = (j.args->>'run_id')::bigint
		WHERE j.kind = ANY($1) AND j.state IN ('discarded', 'cancelled') AND r.state NOT IN ('done', 'aborted')
		  AND (j.kind <> $2 OR EXISTS (SELECT 1 FROM rampart_dist_part p
		       WHERE p.run_id = r.run_id AND p.part = j.args->>'part' AND p.state = 'pending'))
		ORDER BY j.id`, []string{KindPlan, KindCollect, KindEvaluate}, KindCollect)
	if err != nil {
		return fmt.Errorf("sweep: %w", err)
	}
	var found []givenUp
	for rows.Next() {
		var g givenUp
		var attempts int
		if err := rows.Scan(&g.kind, &g.runID, &g.part, &attempts, &g.reason); err != nil {
			rows.Close()
			return fmt.Errorf("sweep: %w", err)
		}
		if g.reason == "" {
			g.reason = "the job was given up without an error (its worker stopped on the last attempt)"
		}
		g.reason = fmt.Sprintf("%s (after %d attempt(s))", g.reason, attempts)
		found = append(found, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sweep: %w", err)
	}
	// One run's trouble (a store that refuses a write) must not keep the
	// sweep from settling the others: errors are joined and the sweep goes on.
	var errs []error
	for _, g := range found {
		switch g.kind {
		case KindCollect:
			w.logf("run %d: %s given up: %s", g.runID, g.part, g.reason)
			err = pgx.BeginFunc(ctx, w.pool, func(tx pgx.Tx) error {
				_, err := finishPart(ctx, tx, g.runID, g.part, partFailed, nil, g.reason)
				return err
			})
		default:
			err = w.abort(ctx, g.runID, fmt.Sprintf("%s job given up: %s", g.kind, g.reason))
		}
		if err != nil {
			w.logf("run %d: sweep: %s", g.runID, oneLine(err))
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// abort records the run Incomplete in the store with the reason and marks
// its distributed state aborted.
func (w *Worker) abort(ctx context.Context, runID int64, reason string) error {
	rec, err := w.opts.Store.Get(ctx, store.RunID(runID))
	final := stateAborted
	switch {
	case errors.Is(err, store.ErrNotFound):
		// Nothing in the store to mark: the queue's row alone is settled.
	case err != nil:
		return fmt.Errorf("abort run %d: %w", runID, err)
	case rec.State == store.Complete:
		// The evaluation recorded the run and stopped before its job
		// completed: the run is done, not aborted.
		final, reason = stateDone, ""
	case rec.State == store.Running:
		w.logf("run %d: aborted: %s", runID, reason)
		if err := w.opts.Store.Abort(ctx, store.RunID(runID), reason); err != nil {
			return fmt.Errorf("abort run %d: %w", runID, err)
		}
	}
	return pgx.BeginFunc(ctx, w.pool, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `UPDATE rampart_dist_run SET state = $2, reason = $3 WHERE run_id = $1 AND state NOT IN ('done', 'aborted')`, runID, final, reason)
		if err != nil {
			return fmt.Errorf("abort run %d: %w", runID, err)
		}
		return nil
	})
}
