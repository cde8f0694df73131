package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/report"
)

// TrendData is what the trends (history.TrendsFromRows) read of a window
// of Complete runs, oldest first, from the store's rows: no report is
// decoded, so a history of a 20,000-repository organisation is read in
// the size of its failures, not of its reports.
type TrendData struct {
	Runs []TrendRun
}

// TrendRun is one run of the window.
type TrendRun struct {
	Run
	// Results are the run's results for the fingerprints that fail in at
	// least one run of the window — the only ones a failure episode can
	// be about.
	Results []TrendResult
	// Gaps are the run's not_collected scopes (report.evidence.not_collected).
	Gaps []evidence.NotCollected
	// Risks are the run's risk scores, ordered by risk ID.
	Risks []RiskScore
	// References are the run's framework references in report order.
	References []ReferenceResult
}

// TrendResult is one fingerprint's result in a run.
type TrendResult struct {
	Fingerprint  string
	ControlID    string
	ResourceType string
	ResourceID   string
	System       string
	Status       finding.Status
}

// RiskScore is a risk's scores in a run.
type RiskScore struct {
	ID, Title          string
	Inherent, Residual int
	Appetite           string
}

// ReferenceResult is a framework reference in a run: Passed results of
// Judged (pass + fail + error + not_evaluated; waived left out).
type ReferenceResult struct {
	Framework, Ref, Status string
	Passed, Judged         int
}

// Trends reads the newest n Complete runs (0: all), oldest first. The
// queries are the same on SQLite and PostgreSQL.
func (s *sqlStore) Trends(ctx context.Context, n int) (*TrendData, error) {
	runs, err := s.Latest(ctx, n)
	if err != nil {
		return nil, fmt.Errorf("trends: %w", err)
	}
	out := &TrendData{Runs: make([]TrendRun, len(runs))}
	if len(runs) == 0 {
		return out, nil
	}
	index := make(map[RunID]int, len(runs))
	for i, r := range runs {
		at := len(runs) - 1 - i // oldest first
		out.Runs[at].Run = r
		index[r.ID] = at
	}
	// The window is a subquery, not a list of IDs: a history of any
	// length stays within the dialects' parameter limits. Every IN takes
	// the oldest and newest run's IDs; a run between them that completes
	// meanwhile is not in the window and is skipped.
	in := `(SELECT id FROM runs WHERE state = '` + string(Complete) + `' AND id BETWEEN ? AND ?)`
	ids := []any{int64(runs[len(runs)-1].ID), int64(runs[0].ID)}
	twice := append(append([]any{}, ids...), ids...)

	// The keys once, then each run's (key, result) rows: a fingerprint's
	// strings are read and held once, not once per run.
	failing := `SELECT key_id FROM run_failures WHERE run_id IN ` + in
	keys := map[int64]*TrendResult{}
	err = s.eachRow(ctx, `SELECT id, fingerprint, control_id, resource_type, resource_id FROM finding_keys
		WHERE id IN (`+failing+`)`, ids, func(rows *sql.Rows) error {
		var id int64
		var k TrendResult
		if err := rows.Scan(&id, &k.Fingerprint, &k.ControlID, &k.ResourceType, &k.ResourceID); err != nil {
			return err
		}
		keys[id] = &k
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("trends: finding keys: %w", err)
	}
	systems := map[string]string{} // one string per system
	err = s.eachRow(ctx, `SELECT rf.run_id, rf.key_id, r.system, r.status
		FROM run_findings rf JOIN finding_results r ON r.id = rf.result_id
		WHERE rf.run_id IN `+in+` AND rf.key_id IN (`+failing+`)`, twice, func(rows *sql.Rows) error {
		var id, key int64
		var system, status string
		if err := rows.Scan(&id, &key, &system, &status); err != nil {
			return err
		}
		at, ok := index[RunID(id)]
		if !ok {
			return nil // completed after the window was read
		}
		k := keys[key]
		if k == nil {
			// Its failure is in a run that completed after the keys were
			// read, outside the window: no episode of the window.
			return nil
		}
		if s, ok := systems[system]; ok {
			system = s
		} else {
			systems[system] = system
		}
		t := *k
		t.System, t.Status = system, finding.Status(status)
		run := &out.Runs[at]
		run.Results = append(run.Results, t)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("trends: results: %w", err)
	}
	err = s.eachRow(ctx, `SELECT run_id, resource_type, platform, org, repo, account_id, region, path, scope_id, reason
		FROM run_gaps WHERE run_id IN `+in+` ORDER BY run_id, seq`, ids, func(rows *sql.Rows) error {
		var id int64
		var g evidence.NotCollected
		if err := rows.Scan(&id, &g.ResourceType, &g.Scope.Platform, &g.Scope.Org, &g.Scope.Repo, &g.Scope.AccountID,
			&g.Scope.Region, &g.Scope.Path, &g.ScopeID, &g.Reason); err != nil {
			return err
		}
		at, ok := index[RunID(id)]
		if !ok {
			return nil // completed after the window was read
		}
		run := &out.Runs[at]
		run.Gaps = append(run.Gaps, g)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("trends: gaps: %w", err)
	}
	err = s.eachRow(ctx, `SELECT run_id, risk_id, title, inherent, residual, appetite
		FROM run_risks WHERE run_id IN `+in+` ORDER BY run_id, risk_id`, ids, func(rows *sql.Rows) error {
		var id int64
		var k RiskScore
		if err := rows.Scan(&id, &k.ID, &k.Title, &k.Inherent, &k.Residual, &k.Appetite); err != nil {
			return err
		}
		at, ok := index[RunID(id)]
		if !ok {
			return nil // completed after the window was read
		}
		run := &out.Runs[at]
		run.Risks = append(run.Risks, k)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("trends: risks: %w", err)
	}
	err = s.eachRow(ctx, `SELECT run_id, framework, ref, status, passed, judged
		FROM run_references WHERE run_id IN `+in+` ORDER BY run_id, seq`, ids, func(rows *sql.Rows) error {
		var id int64
		var f ReferenceResult
		if err := rows.Scan(&id, &f.Framework, &f.Ref, &f.Status, &f.Passed, &f.Judged); err != nil {
			return err
		}
		at, ok := index[RunID(id)]
		if !ok {
			return nil // completed after the window was read
		}
		run := &out.Runs[at]
		run.References = append(run.References, f)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("trends: framework references: %w", err)
	}
	return out, nil
}

// EvidenceMap returns a Complete run's content hash and scope of every
// resource, by ResourceKey: what a trend needs to tell a resource that is
// gone from one that was not looked for, without the run's report.
func (s *sqlStore) EvidenceMap(ctx context.Context, id RunID) (map[string]string, map[string]evidence.Scope, error) {
	var hash string
	err := s.db.QueryRowContext(ctx, s.d.rebind(`SELECT evidence_map FROM runs WHERE id = ? AND state = ?`), int64(id), string(Complete)).Scan(&hash)
	if err == sql.ErrNoRows {
		return nil, nil, fmt.Errorf("evidence map of run %d: no complete run: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("evidence map of run %d: %w", id, err)
	}
	var body []byte
	if err := s.db.QueryRowContext(ctx, s.d.rebind(`SELECT body FROM evidence_maps WHERE hash = ?`), hash).Scan(&body); err != nil {
		return nil, nil, fmt.Errorf("evidence map of run %d: %w", id, err)
	}
	hashes, scopes, err := decodeEvidenceMap(body)
	if err != nil {
		return nil, nil, fmt.Errorf("evidence map of run %d: %w", id, err)
	}
	return hashes, scopes, nil
}

func (s *sqlStore) eachRow(ctx context.Context, query string, args []any, each func(*sql.Rows) error) error {
	rows, err := s.db.QueryContext(ctx, s.d.rebind(query), args...)
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

// insertTrendRows writes what Trends reads of a run besides its findings
// and risks: its failures by key, its gaps and its framework references.
// keyIDs are the run's finding keys by fingerprint.
func (s *sqlStore) insertTrendRows(ctx context.Context, tx *sql.Tx, id RunID, r *report.Report, keyIDs map[string]int64) error {
	var failures [][]any
	if keyIDs != nil {
		for _, f := range r.Findings {
			if f.Status == finding.Fail {
				failures = append(failures, []any{int64(id), keyIDs[f.Fingerprint]})
			}
		}
		if err := s.insertRows(ctx, tx, `INSERT INTO run_failures (run_id, key_id) VALUES `, 2, failures, ""); err != nil {
			return fmt.Errorf("failures: %w", err)
		}
	}
	gaps := make([][]any, 0, len(r.Evidence.NotCollected))
	for i, g := range r.Evidence.NotCollected {
		gaps = append(gaps, []any{int64(id), i, g.ResourceType, g.Scope.Platform, g.Scope.Org, g.Scope.Repo, g.Scope.AccountID,
			g.Scope.Region, g.Scope.Path, g.ScopeID, g.Reason})
	}
	if err := s.insertRows(ctx, tx, `INSERT INTO run_gaps (run_id, seq, resource_type, platform, org, repo, account_id, region, path, scope_id, reason) VALUES `, 11, gaps, ""); err != nil {
		return fmt.Errorf("gaps: %w", err)
	}
	var refs [][]any
	for i, rf := range ReferenceResults(r) {
		refs = append(refs, []any{int64(id), i, rf.Framework, rf.Ref, rf.Status, rf.Passed, rf.Judged})
	}
	if err := s.insertRows(ctx, tx, `INSERT INTO run_references (run_id, seq, framework, ref, status, passed, judged) VALUES `, 7, refs, ""); err != nil {
		return fmt.Errorf("framework references: %w", err)
	}
	return nil
}

// backfillTrendRows fills the trend rows of the runs recorded before
// schema 2 from their reports, once: each run in its own transaction,
// claimed by setting trend_rows first, so two processes opening the store
// do not both fill one. Their failures were filled by the migration.
func (s *sqlStore) backfillTrendRows(ctx context.Context) error {
	var ids []int64
	err := s.eachRow(ctx, `SELECT id FROM runs WHERE state = ? AND trend_rows = 0 ORDER BY id`, []any{string(Complete)}, func(rows *sql.Rows) error {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		ids = append(ids, id)
		return nil
	})
	if err != nil {
		return fmt.Errorf("fill trend rows: %w", err)
	}
	for _, id := range ids {
		if err := s.backfillRun(ctx, RunID(id)); err != nil {
			return fmt.Errorf("fill trend rows of run %d: %w", id, err)
		}
	}
	return nil
}

func (s *sqlStore) backfillRun(ctx context.Context, id RunID) error {
	rec, err := s.Get(ctx, id)
	if err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, s.d.rebind(`UPDATE runs SET trend_rows = 1 WHERE id = ? AND trend_rows = 0`), int64(id))
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return err // another process filled it
	}
	if err := s.insertTrendRows(ctx, tx, id, rec.Report, nil); err != nil {
		return err
	}
	for _, k := range rec.Report.Risks {
		if err := s.exec(ctx, tx, `UPDATE run_risks SET title = ? WHERE run_id = ? AND risk_id = ?`, k.Title, int64(id), k.ID); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// ReferenceResults are a report's framework references with their counts,
// in report order: what run_references holds.
func ReferenceResults(r *report.Report) []ReferenceResult {
	var out []ReferenceResult
	for _, fw := range r.Frameworks {
		for _, rf := range fw.References {
			var passed, judged int
			for _, c := range rf.Controls {
				passed += c.Results.Pass
				judged += c.Results.Pass + c.Results.Fail + c.Results.Error + c.Results.NotEvaluated
			}
			out = append(out, ReferenceResult{Framework: fw.Name, Ref: rf.Ref, Status: rf.Status, Passed: passed, Judged: judged})
		}
	}
	return out
}

// TrendRunOf is a recorded run as Trends returns it, with every result
// (Trends keeps only the fingerprints failing in its window; the trends
// are the same either way): for stores that hold reports, not rows.
func TrendRunOf(rec *Recorded) TrendRun {
	tr := TrendRun{Run: rec.Run}
	if rec.Report == nil {
		return tr
	}
	for _, f := range rec.Report.Findings {
		tr.Results = append(tr.Results, TrendResult{Fingerprint: f.Fingerprint, ControlID: f.ControlID, ResourceType: f.Resource.Type,
			ResourceID: f.Resource.ID, System: f.Resource.System, Status: f.Status})
	}
	tr.Gaps = rec.Report.Evidence.NotCollected
	for _, k := range rec.Report.Risks {
		tr.Risks = append(tr.Risks, RiskScore{ID: k.ID, Title: k.Title, Inherent: k.Inherent, Residual: k.Residual, Appetite: string(k.AppetiteStatus)})
	}
	sort.Slice(tr.Risks, func(i, j int) bool { return tr.Risks[i].ID < tr.Risks[j].ID })
	tr.References = ReferenceResults(rec.Report)
	return tr
}
