-- Schema 2 (SQLite): what the trends read, in rows, so that they never
-- decode a report. The PostgreSQL file of the same number is the same.

-- A run's failing results again, by key: the fingerprints whose episodes
-- the trends follow are the few that ever failed, found without reading
-- every pass.
CREATE TABLE run_failures (
	run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
	key_id INTEGER NOT NULL REFERENCES finding_keys (id),
	PRIMARY KEY (run_id, key_id)
) WITHOUT ROWID;
CREATE INDEX run_failures_key ON run_failures (key_id);
INSERT INTO run_failures (run_id, key_id)
	SELECT rf.run_id, rf.key_id FROM run_findings rf
	JOIN finding_results r ON r.id = rf.result_id WHERE r.status = 'fail';

-- The scopes a run could not collect (report.evidence.not_collected): a
-- failure whose resource is absent is resolved only where the run looked.
CREATE TABLE run_gaps (
	run_id        INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
	seq           INTEGER NOT NULL,
	resource_type TEXT    NOT NULL,
	platform      TEXT    NOT NULL DEFAULT '',
	org           TEXT    NOT NULL DEFAULT '',
	repo          TEXT    NOT NULL DEFAULT '',
	account_id    TEXT    NOT NULL DEFAULT '',
	region        TEXT    NOT NULL DEFAULT '',
	path          TEXT    NOT NULL DEFAULT '',
	scope_id      TEXT    NOT NULL DEFAULT '',
	reason        TEXT    NOT NULL DEFAULT '',
	PRIMARY KEY (run_id, seq)
);

-- Each framework reference's results in a run (report.frameworks): the
-- pass rate over time is a query.
CREATE TABLE run_references (
	run_id    INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
	seq       INTEGER NOT NULL,
	framework TEXT    NOT NULL,
	ref       TEXT    NOT NULL,
	status    TEXT    NOT NULL DEFAULT '',
	passed    INTEGER NOT NULL,
	judged    INTEGER NOT NULL,
	PRIMARY KEY (run_id, seq)
);

ALTER TABLE run_risks ADD COLUMN title TEXT NOT NULL DEFAULT '';

-- 1 once a run's gaps, references and risk titles are rows. Runs recorded
-- before schema 2 are filled from their reports once, when a store is
-- opened (store.backfillTrendRows).
ALTER TABLE runs ADD COLUMN trend_rows INTEGER NOT NULL DEFAULT 0;
