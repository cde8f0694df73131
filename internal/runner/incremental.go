package runner

import (
	"context"

	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/store"
)

// Incremental connects one run to a store's result sets: Hook is the
// run's pipeline.Config.Incremental (it reads the set of the newest
// Complete run of the same judge), Results what the run's Finish keeps
// (store.FinishIncremental). runner.Audit uses one unless told not to;
// the worker's evaluation job uses one the same way.
type Incremental struct {
	st     store.Store
	digest string
	cache  *engine.Cache
	// From is the run whose results were offered (0: none).
	From store.RunID
}

// NewIncremental starts the incremental evaluation of one run over st.
func NewIncremental(st store.Store) *Incremental { return &Incremental{st: st} }

// Hook is pipeline.Config.Incremental. A set that cannot be read is an
// error for the pipeline to warn about; the run then evaluates every
// result and keeps a new set, which replaces the unreadable one.
func (inc *Incremental) Hook(ctx context.Context, digest string) (*engine.Cache, error) {
	inc.digest = digest
	entries, from, err := inc.st.PreviousResults(ctx, digest)
	if err != nil {
		inc.cache = engine.NewCache(nil)
		return inc.cache, err
	}
	inc.From = from
	inc.cache = engine.NewCache(entries)
	return inc.cache, nil
}

// Results is what the run keeps for the next; nil when the pipeline never
// asked (a gate's run, a build that cannot be identified).
func (inc *Incremental) Results() *store.Results {
	if inc == nil || inc.cache == nil {
		return nil
	}
	return &store.Results{Digest: inc.digest, Entries: inc.cache.Results(), Reused: inc.cache.Reused()}
}

// Reused is how many results the run reused.
func (inc *Incremental) Reused() int {
	if inc == nil || inc.cache == nil {
		return 0
	}
	return inc.cache.Reused()
}

// Option changes how Audit runs.
type Option func(*options)

type options struct {
	full bool
	told *Incremental
}

// FullEvaluation evaluates every result, reusing none and keeping none
// (`--no-incremental`).
func FullEvaluation() Option { return func(o *options) { o.full = true } }

// Tell hands the caller the run's Incremental (how many results were
// reused, from which run) once Audit returns; untouched for a full
// evaluation.
func Tell(inc **Incremental) Option {
	return func(o *options) { o.told = &Incremental{}; *inc = o.told }
}
