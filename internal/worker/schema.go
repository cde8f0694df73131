package worker

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"
)

// schemaLock is the advisory lock key under which the worker tables are
// created, so that workers starting together do not race on DDL.
const schemaLock = 0x72616d70 // "ramp"

// schema is the state of distributed runs beside River's own tables:
//
//   - rampart_dist_run: one row per run — its spec (what the enqueuer
//     asked for, with the inputs' content hash) and where it is. Every
//     transaction that finishes a part locks this row first, which is what
//     makes "the last part is done" visible to exactly one of them.
//   - rampart_dist_part: one row per collection job — unique (run, part),
//     so a job retried after a crash overwrites nothing and adds nothing:
//     the first completion stores the snapshot, later ones find the row
//     no longer pending.
//   - rampart_budget: the shared token buckets (budget.go).
const schema = `
CREATE TABLE IF NOT EXISTS rampart_dist_run (
	run_id     bigint PRIMARY KEY,
	spec       jsonb NOT NULL,
	state      text NOT NULL,
	reason     text NOT NULL DEFAULT '',
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS rampart_dist_part (
	run_id   bigint NOT NULL REFERENCES rampart_dist_run (run_id) ON DELETE CASCADE,
	part     text NOT NULL,
	job      jsonb NOT NULL,
	state    text NOT NULL,
	snapshot bytea,
	reason   text NOT NULL DEFAULT '',
	done_at  timestamptz,
	PRIMARY KEY (run_id, part)
);
CREATE TABLE IF NOT EXISTS rampart_budget (
	name       text PRIMARY KEY,
	tokens     double precision NOT NULL,
	capacity   double precision NOT NULL,
	per_second double precision NOT NULL,
	updated_at timestamptz NOT NULL
);
`

// Migrate applies River's migrations (rivermigrate) and creates the worker
// tables; both are idempotent, so every worker and enqueuer calls it on
// start.
func Migrate(ctx context.Context, pool *pgxpool.Pool) error {
	// Workers starting together would race on DDL: one session lock
	// serialises every migrator, River's included.
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, schemaLock); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, schemaLock) //nolint:errcheck // the session ends with the connection anyway
	m, err := rivermigrate.New(riverpgxv5.New(pool), nil)
	if err != nil {
		return fmt.Errorf("migrate river: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("migrate river: %w", err)
	}
	if _, err := conn.Exec(ctx, schema); err != nil {
		return fmt.Errorf("migrate worker tables: %w", err)
	}
	return nil
}
