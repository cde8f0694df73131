// Package store keeps every audit run — its report, the evidence's content
// hashes and the resources themselves, stored once per distinct content —
// in SQLite (the embedded default) or PostgreSQL (for teams), behind one
// schema with versioned migrations. It is what `rampart audit --store`,
// `rampart runs`, `rampart serve` and `rampart worker` share.
//
// This file is the contract the commands, the server and the workers code
// against; the SQL lives beside it (sqlite.go, postgres.go, migrations/).
package store

import (
	"context"
	"errors"
	"time"

	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/report"
)

// RunID identifies a run in one store: 1, 2, 3 … in the order runs began.
type RunID int64

// State is where a run is in its life.
type State string

const (
	// Running: begun, not finished. A run found Running when a store is
	// opened by a new process whose owner is gone was cut short: Recover
	// marks it Incomplete and says so.
	Running State = "running"
	// Complete: the report was recorded in full, in one transaction.
	Complete State = "complete"
	// Incomplete: the run stopped before its report was recorded (crash,
	// Ctrl-C, a failed collector, shutdown). Nothing of it is half-written:
	// it has no findings, only its Reason.
	Incomplete State = "incomplete"
)

// Start describes a run as it begins.
type Start struct {
	// Trigger says what started it: "audit" (the CLI), "schedule:NAME"
	// (rampart serve), "api" (a POST to the server).
	Trigger   string
	Workspace string
	// Collectors are the live collectors asked for ("github", "aws"); none
	// for an audit of recorded evidence.
	Collectors []string
	StartedAt  time.Time
	// Queued marks a run that a job queue finishes, not the process that
	// began it (rampart enqueue, internal/worker): Recover leaves it alone
	// when that process is gone; the workers finish or abort it.
	Queued bool
}

// QueuedOwner is the owner recorded for a Queued run.
const QueuedOwner = "queue"

// Run is one run's record without its findings.
type Run struct {
	ID         RunID
	State      State
	Reason     string // why it is Incomplete
	Trigger    string
	Workspace  string
	Collectors []string
	StartedAt  time.Time
	FinishedAt time.Time // zero while Running
	// CatalogVersion is a content hash of the control set that judged the
	// run (IDs and Rego sources): two runs with the same version were judged
	// by the same controls.
	CatalogVersion string
	Summary        finding.Summary
	// EvidenceIncomplete mirrors report.EvidenceInfo.Incomplete: the run
	// finished, but its evidence did not cover everything.
	EvidenceIncomplete bool
	Resources          int
	// Incremental: the run reused results of an earlier run where every
	// input of a control was unchanged (engine.Cache); Reused is how many
	// of its results were reused rather than evaluated.
	Incremental bool
	Reused      int
	// Queued: the run was begun with Start.Queued — rampart worker
	// processes, not the process that began it, finish it. A Running run
	// that is Queued waits for (or is being worked by) the workers.
	Queued bool
}

// Recorded is a finished run with its whole report as it was written
// (findings, pass included, risks, training gaps, policies, waivers,
// threats, frameworks, coverage) and the content hash of every resource it
// was evaluated against, keyed by "type\x00id".
type Recorded struct {
	Run
	Report      *report.Report
	ContentHash map[string]string
	// Scopes holds every resource's scope by the same key, so a diff can
	// tell a resource that is gone from a scope that was not collected.
	Scopes map[string]evidence.Scope
}

// FindingAt is one run's result for a fingerprint.
type FindingAt struct {
	Run       RunID
	StartedAt time.Time
	Status    finding.Status
	Severity  finding.Severity
	Message   string
}

// Store is a run history. Every method is safe for concurrent use; every
// write is one transaction.
type Store interface {
	// Begin records a run as Running and returns its ID.
	Begin(ctx context.Context, s Start) (RunID, error)
	// Finish records the run's report and evidence and marks it Complete,
	// all in one transaction. Resources whose content hash is already
	// stored are not stored again. catalogVersion is CatalogVersion.
	Finish(ctx context.Context, id RunID, r *report.Report, snap *evidence.Snapshot, catalogVersion string) error
	// FinishIncremental is Finish for an incremental run: in the same
	// transaction it keeps res (the results for the next run; the older
	// set of the same digest is dropped) and records res.Reused. A nil
	// res is Finish.
	FinishIncremental(ctx context.Context, id RunID, r *report.Report, snap *evidence.Snapshot, catalogVersion string, res *Results) error
	// PreviousResults returns the results kept by the newest Complete
	// run judged with digest (engine.CacheDigest) and its ID; none and 0
	// when no run kept any. A set that cannot be read is an error.
	PreviousResults(ctx context.Context, digest string) (map[engine.CacheKey]engine.CachedResult, RunID, error)
	// Abort marks a Running run Incomplete with its reason.
	Abort(ctx context.Context, id RunID, reason string) error
	// Recover marks every run still Running Incomplete ("the process that
	// ran it stopped before it finished") and returns them, so the next
	// start can say so.
	Recover(ctx context.Context) ([]Run, error)

	// Runs lists runs, newest first, at most limit (0: all).
	Runs(ctx context.Context, limit int) ([]Run, error)
	// Get returns a run with its report; ErrNotFound when there is none.
	Get(ctx context.Context, id RunID) (*Recorded, error)
	// Latest returns the newest Complete runs, newest first, at most n.
	Latest(ctx context.Context, n int) ([]Run, error)
	// History returns a fingerprint's result in every Complete run that
	// evaluated it, oldest first.
	History(ctx context.Context, fingerprint string) ([]FindingAt, error)
	// Resource returns a stored resource by its content hash.
	Resource(ctx context.Context, contentHash string) (*evidence.Resource, error)
	// Trends reads the newest n Complete runs (0: all), oldest first, as
	// rows: the failing fingerprints' results, gaps, risk scores and
	// framework references — no report decoded (trends.go).
	Trends(ctx context.Context, n int) (*TrendData, error)
	// EvidenceMap returns a Complete run's content hashes and scopes by
	// ResourceKey, without its report.
	EvidenceMap(ctx context.Context, id RunID) (map[string]string, map[string]evidence.Scope, error)
	// Prune deletes the finished runs keep does not keep and the stored
	// content no remaining run references, in one transaction (prune.go).
	Prune(ctx context.Context, keep Retention) (Pruned, error)

	Close() error
}

// ErrNotFound is returned for a run or resource the store does not hold.
var ErrNotFound = errors.New("not found in the store")
