package worker

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/rampart-audit/rampart/internal/store"
)

// Forget deletes the job-queue rows (rampart_dist_run and, by cascade,
// the parts with their collected snapshots) of runs the store pruned. Only
// settled runs are touched: a run still planning, collecting or
// evaluating keeps its rows whatever the caller asks. A database where no
// worker ever ran has no such table and nothing to forget.
func Forget(ctx context.Context, pool *pgxpool.Pool, runs []store.RunID) (int64, error) {
	if len(runs) == 0 {
		return 0, nil
	}
	var exists bool
	if err := pool.QueryRow(ctx, `SELECT to_regclass('rampart_dist_run') IS NOT NULL`).Scan(&exists); err != nil {
		return 0, fmt.Errorf("forget runs: %w", err)
	}
	if !exists {
		return 0, nil
	}
	ids := make([]int64, len(runs))
	for i, id := range runs {
		ids[i] = int64(id)
	}
	tag, err := pool.Exec(ctx, `DELETE FROM rampart_dist_run WHERE run_id = ANY($1) AND state IN ($2, $3)`, ids, stateDone, stateAborted)
	if err != nil {
		return 0, fmt.Errorf("forget runs: %w", err)
	}
	return tag.RowsAffected(), nil
}
