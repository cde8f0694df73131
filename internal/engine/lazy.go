package engine

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/rampart-audit/rampart/internal/regovm"
)

// Planning a query (rego's PrepareForEval: parse, compile against the
// catalogue, plan) costs about as much per control as compiling the
// control's module, and a run needs few of them: a gate over Terraform
// meets a handful of resource types of the dozens the catalogue covers,
// and the per-control fallback queries run only when a batch fails. So
// every query is planned the first time a resource needs it, once, and
// shared by every worker from then on.

// lazyQuery is one query of the engine, planned on first use.
type lazyQuery struct {
	name  string
	query string
	// build, when set, writes the query at planning time instead: a batch
	// query reads the compiled rules (ruleSet), and an engine loaded with
	// CompileNeeded has no compiler until CompileFor.
	build func() string
	extra []func(*rego.Rego)
	e     *Engine
	// controls are the controls the query evaluates, for the IR
	// evaluator's screen (evaluator.go: indexScreened).
	controls []*Control

	once    sync.Once
	planned bool
	pq      rego.PreparedEvalQuery
	err     error
	// fellBack is why the query runs on topdown although the engine's
	// evaluator is IR (evaluator.go), nil when it does not.
	fellBack error
	// vm is the query's IR program when it runs on the IR evaluator.
	vm *regovm.Program
	// stored, when set, is the query's plan in the plan index
	// (planindex.go), loaded instead of planning; storedErr is why it
	// could not be, when it could not.
	stored    *planEntry
	storedErr error
}

func (e *Engine) lazy(name, query string, extra ...func(*rego.Rego)) *lazyQuery {
	return &lazyQuery{name: name, query: query, extra: extra, e: e}
}

// lazyBuilt is lazy with the query written when it is first planned.
func (e *Engine) lazyBuilt(name string, build func() string, extra ...func(*rego.Rego)) *lazyQuery {
	return &lazyQuery{name: name, build: build, extra: extra, e: e}
}

// get plans the query the first time and returns the same plan, or the
// same error, every time after. Planning reads nothing but the compiled
// modules, so it is not given a run's context: a cancelled run must not
// leave a failed plan behind for the next one.
func (q *lazyQuery) get() (rego.PreparedEvalQuery, error) {
	q.once.Do(func() {
		q.planned = true
		if q.stored != nil {
			vm, err := q.stored.load()
			if err == nil {
				q.vm = vm
				return
			}
			// Planned from the Rego instead: a stored plan this build
			// cannot load stands for nothing.
			q.storedErr = err
		}
		q.e.prepareMu.Lock()
		defer q.e.prepareMu.Unlock()
		if err := q.e.lateCompile(); err != nil {
			q.err = fmt.Errorf("prepare %s: %w", q.name, err)
			return
		}
		if q.build != nil {
			q.query = q.build() // reads the compiler: under prepareMu
		}
		q.pq, q.vm, q.fellBack, q.err = q.e.prepareLocked(context.Background(), q.query, q.controls, q.extra...)
		if q.err != nil {
			q.err = fmt.Errorf("prepare %s: %w", q.name, q.err)
		}
	})
	return q.pq, q.err
}

// prepareAll plans every query now, in a stable order: the engine before
// lazy planning (eagerPrepare, for tests).
func (e *Engine) prepareAll(ctx context.Context) error {
	for _, m := range []map[string]*lazyQuery{e.prepared, e.batch} {
		for _, k := range slices.Sorted(maps.Keys(m)) {
			if err := ctx.Err(); err != nil {
				return err
			}
			if _, err := m[k].get(); err != nil {
				return err
			}
		}
	}
	return nil
}
