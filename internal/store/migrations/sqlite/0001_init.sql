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

-- Findings are normalised: a run holds one small row per result
-- (run, key, result); the (fingerprint, control, resource) keys and the
-- (system, status, severity, message) results are stored once however
-- many runs repeat them. The findings view joins them back.
CREATE TABLE finding_keys (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	fingerprint   TEXT    NOT NULL UNIQUE,
	control_id    TEXT    NOT NULL,
	resource_type TEXT    NOT NULL,
	resource_id   TEXT    NOT NULL
);
CREATE INDEX finding_keys_control ON finding_keys (control_id);

CREATE TABLE finding_results (
	id       INTEGER PRIMARY KEY AUTOINCREMENT,
	hash     TEXT    NOT NULL UNIQUE,
	system   TEXT    NOT NULL DEFAULT '',
	status   TEXT    NOT NULL,
	severity TEXT    NOT NULL,
	message  TEXT    NOT NULL DEFAULT ''
);

CREATE TABLE run_findings (
	run_id    INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
	key_id    INTEGER NOT NULL REFERENCES finding_keys (id),
	result_id INTEGER NOT NULL REFERENCES finding_results (id),
	PRIMARY KEY (run_id, key_id)
) WITHOUT ROWID;
CREATE INDEX run_findings_key ON run_findings (key_id);

CREATE VIEW findings AS
	SELECT rf.run_id, k.fingerprint, k.control_id, k.resource_type, k.resource_id,
	       r.system, r.status, r.severity, r.message
	FROM run_findings rf
	JOIN finding_keys k ON k.id = rf.key_id
	JOIN finding_results r ON r.id = rf.result_id;

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
