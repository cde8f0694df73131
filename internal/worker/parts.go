package worker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
)

// Run states in rampart_dist_run.
const (
	statePlanning   = "planning"
	stateCollecting = "collecting"
	stateEvaluating = "evaluating"
	stateDone       = "done"
	stateAborted    = "aborted"
)

// Part states in rampart_dist_part.
const (
	partPending   = "pending"
	partCollected = "collected"
	partFailed    = "failed"
)

// errRunGone is a job of a run whose row no longer exists (deleted, or a
// job inserted by hand): nothing to do, and retrying would not help.
var errRunGone = errors.New("the run is not in the database")

// lockRun locks the run's row for the rest of tx and returns its state and
// spec. Every transaction that changes a run's parts goes through it, so
// they happen one after the other and the last one knows it is last.
func lockRun(ctx context.Context, tx pgx.Tx, runID int64) (string, Spec, error) {
	var state string
	var raw []byte
	err := tx.QueryRow(ctx, `SELECT state, spec FROM rampart_dist_run WHERE run_id = $1 FOR UPDATE`, runID).Scan(&state, &raw)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", Spec{}, river.JobCancel(fmt.Errorf("run %d: %w", runID, errRunGone))
	}
	if err != nil {
		return "", Spec{}, fmt.Errorf("lock run %d: %w", runID, err)
	}
	var spec Spec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return "", Spec{}, fmt.Errorf("run %d spec: %w", runID, err)
	}
	return state, spec, nil
}

// finishPart stores a part's outcome — its snapshot, or why it failed —
// if the part is still pending, and, when it was the run's last pending
// part, enqueues the evaluate job, all in tx. The caller completes its
// River job in the same tx, so a crash leaves either nothing (the job is
// retried) or everything (the job is done, the part stored). It reports
// whether this call stored the part: false means an earlier attempt did,
// and its snapshot stands.
func finishPart(ctx context.Context, tx pgx.Tx, runID int64, part, state string, snapshot []byte, reason string) (bool, error) {
	runState, _, err := lockRun(ctx, tx, runID)
	if err != nil {
		return false, err
	}
	tag, err := tx.Exec(ctx, `UPDATE rampart_dist_part SET state = $3, snapshot = $4, reason = $5, done_at = now()
		WHERE run_id = $1 AND part = $2 AND state = 'pending'`, runID, part, state, snapshot, reason)
	if err != nil {
		return false, fmt.Errorf("store part %s of run %d: %w", part, runID, err)
	}
	stored := tag.RowsAffected() == 1
	var pending int
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM rampart_dist_part WHERE run_id = $1 AND state = 'pending'`, runID).Scan(&pending); err != nil {
		return false, fmt.Errorf("count parts of run %d: %w", runID, err)
	}
	if pending > 0 || runState != stateCollecting {
		return stored, nil
	}
	if err := startEvaluation(ctx, tx, runID); err != nil {
		return false, err
	}
	return stored, nil
}

func startEvaluation(ctx context.Context, tx pgx.Tx, runID int64) error {
	if _, err := tx.Exec(ctx, `UPDATE rampart_dist_run SET state = $2 WHERE run_id = $1`, runID, stateEvaluating); err != nil {
		return fmt.Errorf("run %d: %w", runID, err)
	}
	client, err := river.ClientFromContextSafely[pgx.Tx](ctx)
	if err != nil {
		return fmt.Errorf("run %d: enqueue evaluation: %w", runID, err)
	}
	if _, err := client.InsertTx(ctx, tx, EvaluateArgs{RunID: runID}, nil); err != nil {
		return fmt.Errorf("run %d: enqueue evaluation: %w", runID, err)
	}
	return nil
}
