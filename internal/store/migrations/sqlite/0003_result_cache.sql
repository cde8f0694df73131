-- Schema 3 (SQLite): incremental audits. The PostgreSQL file of the same
-- number is the same.

-- The results a run keeps for the next (engine.Cache): one compressed set
-- per run, found by the judge's digest (engine.CacheDigest). Only the
-- newest Complete run of a digest keeps its set (Finish drops the older
-- ones of that digest); a pruned run's set goes with it.
CREATE TABLE run_result_cache (
	run_id  INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
	digest  TEXT    NOT NULL,
	entries INTEGER NOT NULL,
	body    BLOB    NOT NULL
);
CREATE INDEX run_result_cache_digest ON run_result_cache (digest, run_id);

-- Whether a run was evaluated incrementally, and how many of its results
-- were reused instead of evaluated. Runs before schema 3: 0 and 0.
ALTER TABLE runs ADD COLUMN incremental INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN results_reused INTEGER NOT NULL DEFAULT 0;
