package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// migrations holds one folder per dialect, each with the same numbered
// files (NNNN_name.sql): schema N is what the files up to N create.
//
//go:embed migrations
var migrations embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// dialectMigrations lists a dialect's migrations in order, checking that
// the numbers run 1, 2, 3 … without a gap or a repeat.
func dialectMigrations(d dialect) ([]migration, error) {
	dir := path.Join("migrations", d.name)
	entries, err := fs.ReadDir(migrations, dir)
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("migration %s/%s: want NNNN_name.sql", dir, e.Name())
		}
		body, err := fs.ReadFile(migrations, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("read migration: %w", err)
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s/%s: expected number %d", dir, m.name, i+1)
		}
	}
	return out, nil
}

// SchemaVersion is the newest schema this build writes.
func SchemaVersion() int {
	ms, err := dialectMigrations(sqliteDialect)
	if err != nil {
		return 0
	}
	return len(ms)
}

// ErrNewerSchema is returned (wrapped) when the store was written by a
// newer build: reading or writing it could lose what that build recorded.
var ErrNewerSchema = fmt.Errorf("store schema is newer than this build")

// migrate brings the store to the newest schema, one transaction per
// migration, each recorded in schema_version. Two processes opening a new
// store at once do not both apply a migration: PostgreSQL takes an
// advisory lock, SQLite's transactions are immediate (one writer).
func migrate(ctx context.Context, db *sql.DB, d dialect) error {
	ms, err := dialectMigrations(d)
	if err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at `+d.bigint+` NOT NULL)`); err != nil {
		return fmt.Errorf("create schema_version: %w", err)
	}
	for {
		done, err := migrateOne(ctx, db, d, ms)
		if err != nil || done {
			return err
		}
	}
}

// migrateOne applies the next migration, or reports that none is left.
func migrateOne(ctx context.Context, db *sql.DB, d dialect, ms []migration) (bool, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback()
	if d.lockMigrations != "" {
		if _, err := tx.ExecContext(ctx, d.lockMigrations); err != nil {
			return false, fmt.Errorf("migrate: lock: %w", err)
		}
	}
	var current int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&current); err != nil {
		return false, fmt.Errorf("read schema_version: %w", err)
	}
	if current > len(ms) {
		return false, fmt.Errorf("%w: the store is at schema version %d, this build of rampart knows versions up to %d; use a newer rampart (it was written by one)", ErrNewerSchema, current, len(ms))
	}
	if current == len(ms) {
		return true, nil
	}
	m := ms[current]
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return false, fmt.Errorf("apply migration %s/%s: %w", d.name, m.name, err)
	}
	if _, err := tx.ExecContext(ctx, d.rebind(`INSERT INTO schema_version (version, applied_at) VALUES (?, ?)`), m.version, nowMicro()); err != nil {
		return false, fmt.Errorf("record migration %s: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("commit migration %s: %w", m.name, err)
	}
	return false, nil
}
