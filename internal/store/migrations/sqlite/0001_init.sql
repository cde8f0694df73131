-- Schema 1 of the run store (SQLite). The PostgreSQL file of the same
-- number declares the same tables and columns in its own types.
CREATE TABLE runs (
	id                  INTEGER PRIMARY KEY AUTOINCREMENT,
	state               TEXT    NOT NULL,
	reason              TEXT    NOT NULL DEFAULT '',
	run_trigger         TEXT    NOT NULL DEFAULT '',
	workspace           TEXT    NOT NULL DEFAULT '',
	collectors          TEXT    NOT NULL DEFAULT '[]',
	started_at          INTEGER NOT NULL,
	finished_at         INTEGER NOT NULL DEFAULT 0,
	owner               TEXT    NOT NULL DEFAULT '',
	catalog_version     TEXT    NOT NULL DEFAULT '',
	summary             TEXT    NOT NULL DEFAULT '{}',
	evidence_incomplete INTEGER NOT NULL DEFAULT 0,
	resources           INTEGER NOT NULL DEFAULT 0,
	evidence_map        TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX runs_state ON runs (state, started_at);

CREATE TABLE findings (
	run_id        INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
	fingerprint   TEXT    NOT NULL,
	control_id    TEXT    NOT NULL,
	resource_type TEXT    NOT NULL,
	resource_id   TEXT    NOT NULL,
	system        TEXT    NOT NULL DEFAULT '',
	status        TEXT    NOT NULL,
	severity      TEXT    NOT NULL,
	message       TEXT    NOT NULL DEFAULT '',
	PRIMARY KEY (run_id, fingerprint)
);
CREATE INDEX findings_fingerprint ON findings (fingerprint);
CREATE INDEX findings_control ON findings (control_id, status);

CREATE TABLE run_risks (
	run_id   INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
	risk_id  TEXT    NOT NULL,
	inherent INTEGER NOT NULL,
	residual INTEGER NOT NULL,
	appetite TEXT    NOT NULL DEFAULT '',
	PRIMARY KEY (run_id, risk_id)
);

CREATE TABLE reports (
	run_id INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
	body   BLOB    NOT NULL
);

CREATE TABLE resources (
	hash TEXT PRIMARY KEY,
	body BLOB NOT NULL
);

CREATE TABLE evidence_maps (
	hash TEXT PRIMARY KEY,
	body BLOB NOT NULL
);
