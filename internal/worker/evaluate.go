package worker

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/pipeline"
	"github.com/rampart-audit/rampart/internal/runner"
	"github.com/rampart-audit/rampart/internal/store"
)

type evaluateWorker struct {
	river.WorkerDefaults[EvaluateArgs]
	w *Worker
}

// Work merges the run's parts, evaluates them with the run's workspace
// and controls (checked against its hash) through pipeline.Run, and
// records the report with store.Finish. A retry after Finish succeeded
// finds the run Complete in the store and only marks it done.
func (e *evaluateWorker) Work(ctx context.Context, job *river.Job[EvaluateArgs]) error {
	w := e.w
	runID := job.Args.RunID
	spec, err := w.spec(ctx, runID)
	if err != nil {
		return err
	}
	rec, err := w.opts.Store.Get(ctx, store.RunID(runID))
	if err != nil {
		return fmt.Errorf("run %d: %w", runID, err)
	}
	final, reason := stateDone, ""
	switch rec.State {
	case store.Running:
		if err := w.evaluate(ctx, runID, spec); err != nil {
			w.logf("run %d: evaluation failed: %s", runID, oneLine(err))
			return err
		}
	case store.Incomplete:
		// Aborted in the store meanwhile (by hand, or by an older build's
		// Recover): the queue follows the store.
		final, reason = stateAborted, rec.Reason
	}
	return pgx.BeginFunc(ctx, w.pool, func(tx pgx.Tx) error {
		if _, _, err := lockRun(ctx, tx, runID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE rampart_dist_run SET state = $2, reason = $3 WHERE run_id = $1`, runID, final, reason); err != nil {
			return fmt.Errorf("run %d: %w", runID, err)
		}
		_, err := river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx, job)
		return err
	})
}

func (w *Worker) evaluate(ctx context.Context, runID int64, spec Spec) error {
	if err := checkInputs(spec); err != nil {
		return err
	}
	parts, err := w.parts(ctx, runID)
	if err != nil {
		return err
	}
	snap, err := mergeParts(parts)
	if err != nil {
		return fmt.Errorf("run %d: %w", runID, err)
	}
	var catalog string
	// Incremental as runner.Audit is: results whose inputs are unchanged
	// since the newest complete run of the same judge are reused.
	inc := runner.NewIncremental(w.opts.Store)
	rep, err := pipeline.Run(ctx, pipeline.Config{
		Controls: spec.Controls, Policies: spec.Policies, Workspace: spec.Workspace,
		Evidence: []*evidence.Snapshot{snap}, Frameworks: spec.Frameworks,
		OnEvidence:  func(_ *evidence.Snapshot, in *pipeline.Inputs) { catalog = store.CatalogVersion(in.Engine) },
		Incremental: inc.Hook,
	})
	if err != nil {
		var pe *pipeline.Error
		if errors.As(err, &pe) && pe.Stage == pipeline.StageLoad {
			// The checkout matched the hash, so this is the run's own
			// workspace or controls: no retry will load them.
			return river.JobCancel(fmt.Errorf("run %d: %w", runID, err))
		}
		return fmt.Errorf("run %d: %w", runID, err)
	}
	if pipeline.Interrupted(ctx) {
		return fmt.Errorf("run %d: evaluation interrupted: %w", runID, ctx.Err())
	}
	if err := w.opts.Store.FinishIncremental(ctx, store.RunID(runID), rep, snap, catalog, inc.Results()); err != nil {
		return fmt.Errorf("run %d: record: %w", runID, err)
	}
	w.logf("run %d: recorded: %d resources, %d findings", runID, len(snap.Resources), len(rep.Findings))
	return nil
}

// parts reads a run's part rows with their snapshots.
func (w *Worker) parts(ctx context.Context, runID int64) ([]part, error) {
	rows, err := w.pool.Query(ctx, `SELECT part, job, state, snapshot, reason FROM rampart_dist_part WHERE run_id = $1 ORDER BY part`, runID)
	if err != nil {
		return nil, fmt.Errorf("run %d: read parts: %w", runID, err)
	}
	defer rows.Close()
	var out []part
	for rows.Next() {
		var p part
		var data []byte
		if err := rows.Scan(&p.Key, &p.Job, &p.State, &data, &p.Reason); err != nil {
			return nil, fmt.Errorf("run %d: read parts: %w", runID, err)
		}
		if p.State == partCollected {
			s, err := evidence.Decode(data)
			if err != nil {
				return nil, fmt.Errorf("run %d: part %s: %w", runID, p.Key, err)
			}
			p.Snapshot = s
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("run %d: read parts: %w", runID, err)
	}
	return out, nil
}
