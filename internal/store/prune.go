package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Retention says which finished runs to keep. A run is deleted only when
// no rule given keeps it; a run still Running (in progress, or queued for
// the workers) and the newest Complete run (what the next diff compares
// with) are always kept.
type Retention struct {
	// KeepLast keeps the newest KeepLast Complete runs and every run begun
	// after the oldest of them (0: no such rule).
	KeepLast int
	// Before keeps the runs begun at or after it (zero: no such rule):
	// `--older-than 90d` is now minus 90 days.
	Before time.Time
	// DryRun finds what would be deleted and deletes nothing.
	DryRun bool
}

func (r Retention) String() string {
	var parts []string
	if r.KeepLast > 0 {
		parts = append(parts, fmt.Sprintf("keep the last %d complete runs", r.KeepLast))
	}
	if !r.Before.IsZero() {
		parts = append(parts, "keep runs begun since "+r.Before.UTC().Format(time.RFC3339))
	}
	return strings.Join(parts, ", ")
}

// Pruned is what a Prune deleted (or, for a dry run, would delete).
type Pruned struct {
	Runs []RunID
	// Resources, EvidenceMaps, FindingKeys and FindingResults are the
	// content-addressed rows no remaining run references any more.
	Resources, EvidenceMaps, FindingKeys, FindingResults int
	// The compressed bytes of the deleted reports, resources and evidence
	// maps. A dry run counts reports only: what else becomes unreferenced
	// is known once the runs are gone.
	ReportBytes, ResourceBytes, EvidenceMapBytes int64
}

// Bytes is every blob byte the prune deleted.
func (p Pruned) Bytes() int64 { return p.ReportBytes + p.ResourceBytes + p.EvidenceMapBytes }

// ErrNoRetentionRule is returned for a Retention without a rule: pruning
// everything is never what an empty flag set means.
var ErrNoRetentionRule = errors.New("no retention rule: give the number of complete runs to keep, or an age")

// pruneLock is the PostgreSQL advisory lock a prune holds exclusively and
// Finish shares: Finish reads which resources are stored and then
// references them, so the garbage collection must not run between the two.
// (SQLite's write transactions already run one at a time.)
const pruneLock = 0x72616d70 // "ramp"

// Prune deletes the runs no rule of keep keeps — their findings, risks,
// report and trend rows — and then every content-addressed row no
// remaining run references (resources, evidence maps, finding keys and
// results), all in one transaction: a failure deletes nothing.
func (s *sqlStore) Prune(ctx context.Context, keep Retention) (Pruned, error) {
	var out Pruned
	if keep.KeepLast <= 0 && keep.Before.IsZero() {
		return out, ErrNoRetentionRule
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return out, fmt.Errorf("prune: %w", err)
	}
	defer tx.Rollback()
	if s.d.name == postgresDialect.name {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, pruneLock); err != nil {
			return out, fmt.Errorf("prune: lock: %w", err)
		}
	}
	if out.Runs, err = s.pruneCandidates(ctx, tx, keep); err != nil {
		return out, fmt.Errorf("prune: %w", err)
	}
	if len(out.Runs) == 0 {
		return out, nil
	}
	ids := make([]any, len(out.Runs))
	for i, id := range out.Runs {
		ids[i] = int64(id)
	}
	if out.ReportBytes, err = s.sumInChunks(ctx, tx, `SELECT COALESCE(SUM(length(body)), 0) FROM reports WHERE run_id IN `, ids); err != nil {
		return out, fmt.Errorf("prune: %w", err)
	}
	if keep.DryRun {
		return out, nil
	}
	for _, table := range []string{"run_findings", "run_failures", "run_risks", "run_gaps", "run_references", "reports", "run_result_cache"} {
		if err := s.execInChunks(ctx, tx, `DELETE FROM `+table+` WHERE run_id IN `, ids); err != nil {
			return out, fmt.Errorf("prune: %s: %w", table, err)
		}
	}
	if err := s.execInChunks(ctx, tx, `DELETE FROM runs WHERE id IN `, ids); err != nil {
		return out, fmt.Errorf("prune: runs: %w", err)
	}
	if err := s.collectGarbage(ctx, tx, &out); err != nil {
		return out, fmt.Errorf("prune: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return out, fmt.Errorf("prune: commit: %w", err)
	}
	return out, nil
}

// pruneCandidates lists the finished runs no rule keeps, oldest first.
func (s *sqlStore) pruneCandidates(ctx context.Context, tx *sql.Tx, keep Retention) ([]RunID, error) {
	var complete []int64 // newest first
	err := s.eachRowTx(ctx, tx, `SELECT id FROM runs WHERE state = ? ORDER BY id DESC`, []any{string(Complete)}, func(rows *sql.Rows) error {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		complete = append(complete, id)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(complete) == 0 {
		return nil, nil // nothing is finished but incomplete runs; keep them beside no complete one
	}
	// Kept whatever the rules: the newest complete run and every run
	// after it.
	where := []string{`state <> ?`, `id < ?`}
	args := []any{string(Running), complete[0]}
	if keep.KeepLast > 0 {
		if len(complete) <= keep.KeepLast {
			return nil, nil
		}
		where = append(where, `id < ?`)
		args = append(args, complete[keep.KeepLast-1])
	}
	if !keep.Before.IsZero() {
		where = append(where, `started_at < ?`)
		args = append(args, keep.Before.UnixMicro())
	}
	var out []RunID
	err = s.eachRowTx(ctx, tx, `SELECT id FROM runs WHERE `+strings.Join(where, ` AND `)+` ORDER BY id`, args, func(rows *sql.Rows) error {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		out = append(out, RunID(id))
		return nil
	})
	return out, err
}

// collectGarbage deletes the content-addressed rows no run references.
func (s *sqlStore) collectGarbage(ctx context.Context, tx *sql.Tx, out *Pruned) error {
	// Anti-joins, not NOT IN or correlated NOT EXISTS: run_findings has no
	// index on result_id, and both planners make a LEFT JOIN one pass.
	n, err := s.execCount(ctx, tx, `DELETE FROM finding_keys WHERE id IN (SELECT k.id FROM finding_keys k
		LEFT JOIN run_findings rf ON rf.key_id = k.id WHERE rf.key_id IS NULL)`)
	if err != nil {
		return fmt.Errorf("finding keys: %w", err)
	}
	out.FindingKeys = n
	if out.FindingResults, err = s.execCount(ctx, tx, `DELETE FROM finding_results WHERE id IN (SELECT r.id FROM finding_results r
		LEFT JOIN run_findings rf ON rf.result_id = r.id WHERE rf.result_id IS NULL)`); err != nil {
		return fmt.Errorf("finding results: %w", err)
	}
	const orphanMaps = `SELECT m.hash FROM evidence_maps m LEFT JOIN runs r ON r.evidence_map = m.hash WHERE r.id IS NULL`
	var mapBytes sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT SUM(length(body)) FROM evidence_maps WHERE hash IN (`+orphanMaps+`)`).Scan(&mapBytes); err != nil {
		return fmt.Errorf("evidence maps: %w", err)
	}
	out.EvidenceMapBytes = mapBytes.Int64
	if out.EvidenceMaps, err = s.execCount(ctx, tx, `DELETE FROM evidence_maps WHERE hash IN (`+orphanMaps+`)`); err != nil {
		return fmt.Errorf("evidence maps: %w", err)
	}
	// A resource is referenced from inside the remaining evidence maps
	// (compressed), so the live set is read from them, once per map.
	live := map[string]bool{}
	err = s.eachRowTx(ctx, tx, `SELECT body FROM evidence_maps`, nil, func(rows *sql.Rows) error {
		var body []byte
		if err := rows.Scan(&body); err != nil {
			return err
		}
		hashes, _, err := decodeEvidenceMap(body)
		if err != nil {
			return err
		}
		for _, h := range hashes {
			live[h] = true
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("evidence maps: %w", err)
	}
	var dead []any
	err = s.eachRowTx(ctx, tx, `SELECT hash FROM resources`, nil, func(rows *sql.Rows) error {
		var h string
		if err := rows.Scan(&h); err != nil {
			return err
		}
		if !live[h] {
			dead = append(dead, h)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("resources: %w", err)
	}
	if out.ResourceBytes, err = s.sumInChunks(ctx, tx, `SELECT COALESCE(SUM(length(body)), 0) FROM resources WHERE hash IN `, dead); err != nil {
		return fmt.Errorf("resources: %w", err)
	}
	if err := s.execInChunks(ctx, tx, `DELETE FROM resources WHERE hash IN `, dead); err != nil {
		return fmt.Errorf("resources: %w", err)
	}
	out.Resources = len(dead)
	return nil
}

const pruneChunk = 500

func inList(n int) string {
	return "(" + strings.TrimSuffix(strings.Repeat("?, ", n), ", ") + ")"
}

func (s *sqlStore) execInChunks(ctx context.Context, tx *sql.Tx, prefix string, args []any) error {
	for start := 0; start < len(args); start += pruneChunk {
		chunk := args[start:min(start+pruneChunk, len(args))]
		if _, err := tx.ExecContext(ctx, s.d.rebind(prefix+inList(len(chunk))), chunk...); err != nil {
			return err
		}
	}
	return nil
}

func (s *sqlStore) sumInChunks(ctx context.Context, tx *sql.Tx, prefix string, args []any) (int64, error) {
	var total int64
	for start := 0; start < len(args); start += pruneChunk {
		chunk := args[start:min(start+pruneChunk, len(args))]
		var n int64
		if err := tx.QueryRowContext(ctx, s.d.rebind(prefix+inList(len(chunk))), chunk...).Scan(&n); err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

func (s *sqlStore) execCount(ctx context.Context, tx *sql.Tx, query string) (int, error) {
	res, err := tx.ExecContext(ctx, s.d.rebind(query))
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

func (s *sqlStore) eachRowTx(ctx context.Context, tx *sql.Tx, query string, args []any, each func(*sql.Rows) error) error {
	rows, err := tx.QueryContext(ctx, s.d.rebind(query), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
