package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/report"
)

// sqlStore is the Store of both backends: the SQL is the same, the dialect
// says what differs.
type sqlStore struct {
	db    *sql.DB
	d     dialect
	name  string
	owner owner
	now   func() time.Time
	alive func(pid int) bool
}

// owner names the process that began a run, so Recover can tell a run cut
// short (its process is gone) from one still going in another process.
type owner struct {
	host string
	pid  int
}

func (o owner) String() string { return o.host + ":" + strconv.Itoa(o.pid) }

func parseOwner(s string) (owner, bool) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return owner{}, false
	}
	pid, err := strconv.Atoi(s[i+1:])
	if err != nil {
		return owner{}, false
	}
	return owner{host: s[:i], pid: pid}, true
}

func (s *sqlStore) Close() error { return s.db.Close() }

func (s *sqlStore) exec(ctx context.Context, q sqlExecer, query string, args ...any) error {
	_, err := q.ExecContext(ctx, s.d.rebind(query), args...)
	return err
}

type sqlExecer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func (s *sqlStore) Begin(ctx context.Context, st Start) (RunID, error) {
	started := st.StartedAt
	if started.IsZero() {
		started = s.now()
	}
	collectors, err := json.Marshal(nonNilStrings(st.Collectors))
	if err != nil {
		return 0, fmt.Errorf("begin run: %w", err)
	}
	owner := s.owner.String()
	if st.Queued {
		owner = QueuedOwner
	}
	var id RunID
	err = s.db.QueryRowContext(ctx, s.d.rebind(`INSERT INTO runs (state, run_trigger, workspace, collectors, started_at, owner)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`),
		string(Running), st.Trigger, st.Workspace, string(collectors), started.UnixMicro(), owner).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("begin run: %w", err)
	}
	return id, nil
}

// FinishIncremental records everything of the run in one transaction —
// with res, the results it keeps for the next run and how many it
// reused: if any part fails, the run stays Running (and is marked
// Incomplete by Abort or the next Recover), never half-recorded.
func (s *sqlStore) FinishIncremental(ctx context.Context, id RunID, r *report.Report, snap *evidence.Snapshot, catalogVersion string, res *Results) error {
	if r == nil {
		return fmt.Errorf("finish run %d: no report", id)
	}
	ev, err := prepareEvidence(snap)
	if err != nil {
		return fmt.Errorf("finish run %d: %w", id, err)
	}
	body, err := compressJSON(r)
	if err != nil {
		return fmt.Errorf("finish run %d: report: %w", id, err)
	}
	summary, err := json.Marshal(r.Summary)
	if err != nil {
		return fmt.Errorf("finish run %d: %w", id, err)
	}
	var resultsBody []byte
	incremental, reused := 0, 0
	if res != nil {
		if resultsBody, err = encodeResults(res.Entries); err != nil {
			return fmt.Errorf("finish run %d: %w", id, err)
		}
		incremental, reused = 1, res.Reused
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("finish run %d: %w", id, err)
	}
	defer tx.Rollback()
	if s.d.name == postgresDialect.name {
		// Shared with other Finishes, exclusive with Prune's garbage
		// collection (prune.go): the resources this run finds stored stay
		// stored until it commits.
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock_shared($1)`, pruneLock); err != nil {
			return fmt.Errorf("finish run %d: %w", id, err)
		}
	}
	if err := s.requireRunning(ctx, tx, id, "finish"); err != nil {
		return err
	}
	keyIDs, err := s.insertFindings(ctx, tx, id, r.Findings)
	if err != nil {
		return fmt.Errorf("finish run %d: findings: %w", id, err)
	}
	if err := s.insertTrendRows(ctx, tx, id, r, keyIDs); err != nil {
		return fmt.Errorf("finish run %d: %w", id, err)
	}
	if err := s.insertRisks(ctx, tx, id, r); err != nil {
		return fmt.Errorf("finish run %d: risks: %w", id, err)
	}
	if err := s.exec(ctx, tx, `INSERT INTO reports (run_id, body) VALUES (?, ?)`, int64(id), body); err != nil {
		return fmt.Errorf("finish run %d: report: %w", id, err)
	}
	if err := s.storeEvidence(ctx, tx, ev); err != nil {
		return fmt.Errorf("finish run %d: evidence: %w", id, err)
	}
	if err := s.keepResults(ctx, tx, id, res, resultsBody); err != nil {
		return fmt.Errorf("finish run %d: results: %w", id, err)
	}
	err = s.exec(ctx, tx, `UPDATE runs SET state = ?, finished_at = ?, catalog_version = ?, summary = ?,
		evidence_incomplete = ?, resources = ?, evidence_map = ?, trend_rows = 1, incremental = ?, results_reused = ? WHERE id = ?`,
		string(Complete), s.now().UnixMicro(), catalogVersion, string(summary),
		boolInt(r.Evidence.Incomplete), r.Evidence.Resources, ev.mapHash, incremental, reused, int64(id))
	if err != nil {
		return fmt.Errorf("finish run %d: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("finish run %d: commit: %w", id, err)
	}
	return nil
}

type queryRower interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func (s *sqlStore) requireRunning(ctx context.Context, q queryRower, id RunID, verb string) error {
	var state string
	err := q.QueryRowContext(ctx, s.d.rebind(`SELECT state FROM runs WHERE id = ?`), int64(id)).Scan(&state)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s run %d: %w", verb, id, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("%s run %d: %w", verb, id, err)
	}
	if State(state) != Running {
		return fmt.Errorf("%s run %d: it is %s, not running", verb, id, state)
	}
	return nil
}

// insertRows inserts rows of cols columns in multi-row statements, as many
// rows each as the dialect's placeholder limit allows; the full-size
// statement is prepared once.
func (s *sqlStore) insertRows(ctx context.Context, tx *sql.Tx, prefix string, cols int, rows [][]any, suffix string) error {
	per := min(s.d.maxParams/cols, 1000)
	statement := func(n int) string {
		one := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
		return s.d.rebind(prefix + strings.TrimSuffix(strings.Repeat(one+", ", n), ", ") + suffix)
	}
	var full *sql.Stmt
	if len(rows) >= per {
		var err error
		if full, err = tx.PrepareContext(ctx, statement(per)); err != nil {
			return err
		}
		defer full.Close()
	}
	args := make([]any, 0, per*cols)
	for start := 0; start < len(rows); start += per {
		end := min(start+per, len(rows))
		args = args[:0]
		for _, row := range rows[start:end] {
			args = append(args, row...)
		}
		var err error
		if end-start == per {
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = tx.ExecContext(ctx, statement(end-start), args...)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// insertFindings records a run's results: one (run, key, result) row
// each, the keys and results themselves stored once across runs.
func (s *sqlStore) insertFindings(ctx context.Context, tx *sql.Tx, id RunID, fs []finding.Finding) (map[string]int64, error) {
	keys := make(map[string][]any, len(fs))
	results := map[string][]any{}
	resultOf := make([]string, len(fs))
	for i, f := range fs {
		if _, dup := keys[f.Fingerprint]; dup {
			// The engine gives every (control, resource) one result; a
			// duplicate would be a defect upstream, not something to hide.
			return nil, fmt.Errorf("fingerprint %s (%s on %s %s) appears twice in the report", f.Fingerprint, f.ControlID, f.Resource.Type, f.Resource.ID)
		}
		keys[f.Fingerprint] = []any{f.ControlID, f.Resource.Type, f.Resource.ID}
		h := resultHash(f)
		results[h] = []any{f.Resource.System, string(f.Status), string(f.Severity), f.Message}
		resultOf[i] = h
	}
	keyIDs, err := s.ids(ctx, tx, "finding_keys", "fingerprint", []string{"control_id", "resource_type", "resource_id"}, keys)
	if err != nil {
		return nil, err
	}
	resultIDs, err := s.ids(ctx, tx, "finding_results", "hash", []string{"system", "status", "severity", "message"}, results)
	if err != nil {
		return nil, err
	}
	rows := make([][]any, len(fs))
	for i, f := range fs {
		rows[i] = []any{int64(id), keyIDs[f.Fingerprint], resultIDs[resultOf[i]]}
	}
	if err := s.insertRows(ctx, tx, `INSERT INTO run_findings (run_id, key_id, result_id) VALUES `, 3, rows, ""); err != nil {
		return nil, err
	}
	return keyIDs, nil
}

// resultHash identifies a result's content (system, status, severity,
// message), the natural key of finding_results.
func resultHash(f finding.Finding) string {
	h := sha256.New()
	for _, part := range []string{f.Resource.System, string(f.Status), string(f.Severity), f.Message} {
		fmt.Fprintf(h, "%d:%s", len(part), part)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// ids returns the id of the row of every natural key in rows (key →
// the other columns), inserting the rows the table does not hold yet. A
// concurrent writer inserting the same key is no conflict: its row is
// read back.
func (s *sqlStore) ids(ctx context.Context, tx *sql.Tx, table, keyCol string, cols []string, rows map[string][]any) (map[string]int64, error) {
	keys := make([]string, 0, len(rows))
	for k := range rows {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	found, err := s.lookupIDs(ctx, tx, table, keyCol, keys)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", table, err)
	}
	var missing []string
	var insert [][]any
	for _, k := range keys {
		if _, ok := found[k]; !ok {
			missing = append(missing, k)
			insert = append(insert, append([]any{k}, rows[k]...))
		}
	}
	if len(insert) == 0 {
		return found, nil
	}
	q := `INSERT INTO ` + table + ` (` + keyCol + `, ` + strings.Join(cols, ", ") + `) VALUES `
	if err := s.insertRows(ctx, tx, q, 1+len(cols), insert, ` ON CONFLICT (`+keyCol+`) DO NOTHING`); err != nil {
		return nil, fmt.Errorf("%s: %w", table, err)
	}
	added, err := s.lookupIDs(ctx, tx, table, keyCol, missing)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", table, err)
	}
	for _, k := range missing {
		id, ok := added[k]
		if !ok {
			return nil, fmt.Errorf("%s: %s was inserted but cannot be read back", table, k)
		}
		found[k] = id
	}
	return found, nil
}

func (s *sqlStore) lookupIDs(ctx context.Context, tx *sql.Tx, table, keyCol string, keys []string) (map[string]int64, error) {
	out := make(map[string]int64, len(keys))
	const per = 500
	for start := 0; start < len(keys); start += per {
		chunk := keys[start:min(start+per, len(keys))]
		args := make([]any, len(chunk))
		for i, k := range chunk {
			args[i] = k
		}
		q := `SELECT ` + keyCol + `, id FROM ` + table + ` WHERE ` + keyCol + ` IN (` + strings.TrimSuffix(strings.Repeat("?, ", len(chunk)), ", ") + `)`
		rows, err := tx.QueryContext(ctx, s.d.rebind(q), args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var k string
			var id int64
			if err := rows.Scan(&k, &id); err != nil {
				rows.Close()
				return nil, err
			}
			out[k] = id
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *sqlStore) insertRisks(ctx context.Context, tx *sql.Tx, id RunID, r *report.Report) error {
	rows := make([][]any, 0, len(r.Risks))
	for _, k := range r.Risks {
		rows = append(rows, []any{int64(id), k.ID, k.Title, k.Inherent, k.Residual, string(k.AppetiteStatus)})
	}
	return s.insertRows(ctx, tx, `INSERT INTO run_risks (run_id, risk_id, title, inherent, residual, appetite) VALUES `, 6, rows, "")
}

// storeEvidence stores the resources the store does not hold yet and the
// run's (type, id) → hash map, itself content-addressed: an unchanged run
// adds no evidence bytes at all.
func (s *sqlStore) storeEvidence(ctx context.Context, tx *sql.Tx, ev *preparedEvidence) error {
	have, err := s.existing(ctx, tx, "resources", ev.hashes)
	if err != nil {
		return err
	}
	var rows [][]any
	for _, h := range ev.hashes {
		if have[h] {
			continue
		}
		body, err := compressBytes(ev.bodies[h])
		if err != nil {
			return err
		}
		rows = append(rows, []any{h, body})
		have[h] = true
	}
	if err := s.insertRows(ctx, tx, `INSERT INTO resources (hash, body) VALUES `, 2, rows, ` ON CONFLICT (hash) DO NOTHING`); err != nil {
		return err
	}
	return s.exec(ctx, tx, `INSERT INTO evidence_maps (hash, body) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING`, ev.mapHash, ev.mapBody)
}

// existing returns which of hashes the table holds.
func (s *sqlStore) existing(ctx context.Context, tx *sql.Tx, table string, hashes []string) (map[string]bool, error) {
	have := make(map[string]bool, len(hashes))
	const per = 500
	for start := 0; start < len(hashes); start += per {
		chunk := hashes[start:min(start+per, len(hashes))]
		args := make([]any, len(chunk))
		for i, h := range chunk {
			args[i] = h
		}
		q := `SELECT hash FROM ` + table + ` WHERE hash IN (` + strings.TrimSuffix(strings.Repeat("?, ", len(chunk)), ", ") + `)`
		rows, err := tx.QueryContext(ctx, s.d.rebind(q), args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var h string
			if err := rows.Scan(&h); err != nil {
				rows.Close()
				return nil, err
			}
			have[h] = true
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return have, nil
}

func (s *sqlStore) Abort(ctx context.Context, id RunID, reason string) error {
	if strings.TrimSpace(reason) == "" {
		reason = "aborted without a reason"
	}
	res, err := s.db.ExecContext(ctx, s.d.rebind(`UPDATE runs SET state = ?, reason = ?, finished_at = ? WHERE id = ? AND state = ?`),
		string(Incomplete), reason, s.now().UnixMicro(), int64(id), string(Running))
	if err != nil {
		return fmt.Errorf("abort run %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return s.requireRunning(ctx, s.db, id, "abort")
	}
	return nil
}

// RecoverReason is the Reason of a run Recover marked Incomplete.
const RecoverReason = "the process that ran it stopped before it finished"

func (s *sqlStore) Recover(ctx context.Context) ([]Run, error) {
	running, err := s.queryRuns(ctx, s.db, `WHERE state = ? ORDER BY id`, string(Running))
	if err != nil {
		return nil, fmt.Errorf("recover: %w", err)
	}
	var out []Run
	for _, r := range running {
		if !s.ownerGone(r.owner) {
			continue
		}
		res, err := s.db.ExecContext(ctx, s.d.rebind(`UPDATE runs SET state = ?, reason = ?, finished_at = ? WHERE id = ? AND state = ?`),
			string(Incomplete), RecoverReason, s.now().UnixMicro(), int64(r.ID), string(Running))
		if err != nil {
			return nil, fmt.Errorf("recover run %d: %w", r.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			continue // finished or aborted meanwhile
		}
		r.State, r.Reason = Incomplete, RecoverReason
		out = append(out, r.Run)
	}
	return out, nil
}

// ownerGone: a run of this process, or of a live process on this host, is
// still going; a run of a process of this host that is gone was cut short.
// A run begun on another host is left alone: this process cannot tell
// whether that host is still working on it.
func (s *sqlStore) ownerGone(o string) bool {
	if o == QueuedOwner {
		return false // the workers finish or abort it
	}
	own, ok := parseOwner(o)
	if !ok {
		return true // no owner recorded: nothing can be finishing it
	}
	if own.host != s.owner.host {
		return false
	}
	if own.pid == s.owner.pid {
		return false
	}
	return !s.alive(own.pid)
}

type runRow struct {
	Run
	owner   string
	evidMap string
}

const runColumns = `id, state, reason, run_trigger, workspace, collectors, started_at, finished_at, owner, catalog_version, summary, evidence_incomplete, resources, evidence_map, incremental, results_reused`

type rowQueryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func (s *sqlStore) queryRuns(ctx context.Context, q rowQueryer, where string, args ...any) ([]runRow, error) {
	rows, err := q.QueryContext(ctx, s.d.rebind(`SELECT `+runColumns+` FROM runs `+where), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []runRow
	for rows.Next() {
		var r runRow
		var state, collectors, summary string
		var started, finished, incomplete, incremental int64
		if err := rows.Scan(&r.ID, &state, &r.Reason, &r.Trigger, &r.Workspace, &collectors, &started, &finished,
			&r.owner, &r.CatalogVersion, &summary, &incomplete, &r.Resources, &r.evidMap, &incremental, &r.Reused); err != nil {
			return nil, err
		}
		r.Incremental = incremental != 0
		r.State = State(state)
		r.StartedAt = time.UnixMicro(started).UTC()
		if finished != 0 {
			r.FinishedAt = time.UnixMicro(finished).UTC()
		}
		r.EvidenceIncomplete = incomplete != 0
		r.Queued = r.owner == QueuedOwner
		if err := json.Unmarshal([]byte(collectors), &r.Collectors); err != nil {
			return nil, fmt.Errorf("run %d: collectors: %w", r.ID, err)
		}
		if err := json.Unmarshal([]byte(summary), &r.Summary); err != nil {
			return nil, fmt.Errorf("run %d: summary: %w", r.ID, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func (s *sqlStore) Runs(ctx context.Context, limit int) ([]Run, error) {
	return s.listRuns(ctx, `ORDER BY id DESC`, limit)
}

func (s *sqlStore) Latest(ctx context.Context, n int) ([]Run, error) {
	return s.listRuns(ctx, `WHERE state = '`+string(Complete)+`' ORDER BY id DESC`, n)
}

func (s *sqlStore) listRuns(ctx context.Context, where string, limit int) ([]Run, error) {
	var args []any
	if limit > 0 {
		where += ` LIMIT ?`
		args = append(args, limit)
	}
	rows, err := s.queryRuns(ctx, s.db, where, args...)
	if err != nil {
		return nil, fmt.Errorf("list runs: %w", err)
	}
	out := make([]Run, len(rows))
	for i, r := range rows {
		out[i] = r.Run
	}
	return out, nil
}

func (s *sqlStore) Get(ctx context.Context, id RunID) (*Recorded, error) {
	rows, err := s.queryRuns(ctx, s.db, `WHERE id = ?`, int64(id))
	if err != nil {
		return nil, fmt.Errorf("get run %d: %w", id, err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("run %d: %w", id, ErrNotFound)
	}
	rec := &Recorded{Run: rows[0].Run}
	if rec.State != Complete {
		return rec, nil // a running or incomplete run has no report
	}
	var body []byte
	if err := s.db.QueryRowContext(ctx, s.d.rebind(`SELECT body FROM reports WHERE run_id = ?`), int64(id)).Scan(&body); err != nil {
		return nil, fmt.Errorf("get run %d: report: %w", id, err)
	}
	rec.Report = &report.Report{}
	if err := decompressJSON(body, rec.Report); err != nil {
		return nil, fmt.Errorf("get run %d: report: %w", id, err)
	}
	finding.FillResources(rec.Report.Findings)
	var mapBody []byte
	if err := s.db.QueryRowContext(ctx, s.d.rebind(`SELECT body FROM evidence_maps WHERE hash = ?`), rows[0].evidMap).Scan(&mapBody); err != nil {
		return nil, fmt.Errorf("get run %d: evidence map: %w", id, err)
	}
	if rec.ContentHash, rec.Scopes, err = decodeEvidenceMap(mapBody); err != nil {
		return nil, fmt.Errorf("get run %d: evidence map: %w", id, err)
	}
	return rec, nil
}

func (s *sqlStore) History(ctx context.Context, fingerprint string) ([]FindingAt, error) {
	rows, err := s.db.QueryContext(ctx, s.d.rebind(`SELECT r.id, r.started_at, f.status, f.severity, f.message
		FROM findings f JOIN runs r ON r.id = f.run_id
		WHERE f.fingerprint = ? AND r.state = ? ORDER BY r.started_at, r.id`), fingerprint, string(Complete))
	if err != nil {
		return nil, fmt.Errorf("history of %s: %w", fingerprint, err)
	}
	defer rows.Close()
	var out []FindingAt
	for rows.Next() {
		var f FindingAt
		var started int64
		var status, severity string
		if err := rows.Scan(&f.Run, &started, &status, &severity, &f.Message); err != nil {
			return nil, fmt.Errorf("history of %s: %w", fingerprint, err)
		}
		f.StartedAt = time.UnixMicro(started).UTC()
		f.Status, f.Severity = finding.Status(status), finding.Severity(severity)
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("history of %s: %w", fingerprint, err)
	}
	return out, nil
}

func (s *sqlStore) Resource(ctx context.Context, contentHash string) (*evidence.Resource, error) {
	var body []byte
	err := s.db.QueryRowContext(ctx, s.d.rebind(`SELECT body FROM resources WHERE hash = ?`), contentHash).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("resource %s: %w", contentHash, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("resource %s: %w", contentHash, err)
	}
	var r evidence.Resource
	if err := decompressJSON(body, &r); err != nil {
		return nil, fmt.Errorf("resource %s: %w", contentHash, err)
	}
	return &r, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
