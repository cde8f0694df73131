// Package runner runs one audit and records it in a run store: the run is
// begun before anything is collected, finished (report, evidence,
// catalogue version) in one transaction after evaluation, and aborted with
// its reason when the run fails or is interrupted. `rampart audit
// --store`, `rampart serve`'s schedules and `rampart worker` all record
// runs through Audit, so a run means the same thing whoever started it.
package runner

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/pipeline"
	"github.com/rampart-audit/rampart/internal/report"
	"github.com/rampart-audit/rampart/internal/store"
)

// InterruptedReason is the Reason of a run stopped by its context (SIGINT,
// SIGTERM, a server shutting down).
const InterruptedReason = "interrupted before every control was evaluated"

// recordTimeout bounds the abort that closes a run once its context is
// cancelled: the abort of an interrupted run must still reach the store.
const recordTimeout = 30 * time.Second

// Audit runs pipeline.Run with cfg and records it in st as one run.
//
//   - The run fails (a stage's error): it is recorded Incomplete with the
//     error as its reason and the error is returned; no report.
//   - ctx is cancelled while it runs: it is recorded Incomplete
//     (InterruptedReason) and the report, marked incomplete, is returned
//     with no error, for the caller to write or drop (the CLI drops it).
//   - Recording the finished run fails: it is recorded Incomplete with
//     that reason and the report is returned with the error, so the
//     caller can still write it but must not say the run was kept.
//
// The run is incremental unless FullEvaluation is given (or cfg sets its
// own Incremental hook): a (control, resource) result whose every input
// is unchanged since the newest Complete run of the same judge is reused
// (engine.EvaluateCached), and the run keeps its results for the next in
// Finish's transaction.
//
// The returned RunID is 0 only when the run could not even be begun.
func Audit(ctx context.Context, st store.Store, cfg pipeline.Config, start store.Start, opts ...Option) (r *report.Report, id store.RunID, err error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	var inc *Incremental
	if !o.full && cfg.Incremental == nil && !cfg.PullRequest {
		inc = NewIncremental(st)
		if o.told != nil {
			*o.told = Incremental{st: st}
			inc = o.told
		}
		cfg.Incremental = inc.Hook
	}
	if start.StartedAt.IsZero() {
		start.StartedAt = now(cfg)
	}
	id, err = st.Begin(ctx, start)
	if err != nil {
		return nil, 0, fmt.Errorf("record run: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			abort(ctx, st, id, fmt.Sprintf("the run stopped on an internal error: %v", p))
			panic(p)
		}
	}()
	var snap *evidence.Snapshot
	var in *pipeline.Inputs
	inner := cfg.OnEvidence
	cfg.OnEvidence = func(s *evidence.Snapshot, loaded *pipeline.Inputs) {
		snap, in = s, loaded
		if inner != nil {
			inner(s, loaded)
		}
	}
	r, err = pipeline.Run(ctx, cfg)
	switch {
	case err != nil && pipeline.Interrupted(ctx):
		return nil, id, errors.Join(err, abort(ctx, st, id, InterruptedReason))
	case err != nil:
		return nil, id, errors.Join(err, abort(ctx, st, id, err.Error()))
	case pipeline.Interrupted(ctx):
		return r, id, abort(ctx, st, id, InterruptedReason)
	case in == nil:
		// pipeline.Run returned a report without telling what judged it.
		return r, id, errors.Join(fmt.Errorf("record run %d: the pipeline did not report its evidence", id),
			abort(ctx, st, id, "the pipeline did not report its evidence"))
	}
	// Finish runs under the run's own context: a signal during it rolls
	// the transaction back, and the abort below records why.
	if ferr := st.FinishIncremental(ctx, id, r, snap, store.CatalogVersion(in.Engine), inc.Results()); ferr != nil {
		if pipeline.Interrupted(ctx) {
			return nil, id, errors.Join(fmt.Errorf("record run %d: %w", id, ferr), abort(ctx, st, id, InterruptedReason))
		}
		return r, id, errors.Join(fmt.Errorf("record run %d: %w", id, ferr), abort(ctx, st, id, "its report could not be recorded: "+ferr.Error()))
	}
	return r, id, nil
}

// abort marks the run Incomplete even when ctx is cancelled (that is
// often why it is aborted).
func abort(ctx context.Context, st store.Store, id store.RunID, reason string) error {
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), recordTimeout)
	defer cancel()
	if err := st.Abort(wctx, id, reason); err != nil {
		return fmt.Errorf("mark run %d incomplete: %w", id, err)
	}
	return nil
}

func now(cfg pipeline.Config) time.Time {
	if cfg.Now != nil {
		return cfg.Now()
	}
	return time.Now()
}
