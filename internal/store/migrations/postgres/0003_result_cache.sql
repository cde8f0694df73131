-- Schema 3 (PostgreSQL): incremental audits. The SQLite file of the same
-- number is the same.

-- The results a run keeps for the next (engine.Cache): one compressed set
-- per run, found by the judge's digest (engine.CacheDigest). Only the
-- newest Complete run of a digest keeps its set (Finish drops the older
-- ones of that digest); a pruned run's set goes with it.
CREATE TABLE run_result_cache (
	run_id  BIGINT  PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
	digest  TEXT    NOT NULL,
	entries BIGINT  NOT NULL,
	body    BYTEA   NOT NULL
);
CREATE INDEX run_result_cache_digest ON run_result_cache (digest, run_id);

-- Whether a run was evaluated incrementally, and how many of its results
-- were reused instead of evaluated. Runs before schema 3: 0 and 0.
ALTER TABLE runs ADD COLUMN incremental BIGINT NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN results_reused BIGINT NOT NULL DEFAULT 0;
