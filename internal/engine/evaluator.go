package engine

import (
	"context"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/rampart-audit/rampart/internal/regovm"
)

// Evaluator is what runs the engine's prepared queries.
type Evaluator int

const (
	// Topdown is OPA's interpreter: the evaluation child's, the fallback
	// of a query the IR evaluator cannot run, and the baseline of the
	// benchmarks and differential tests.
	Topdown Evaluator = iota
	// IR is internal/regovm: the same compiled Rego, planned by OPA into
	// its intermediate representation and executed without topdown's
	// unification machinery (the default; docs/architecture.md, "Where
	// the engine's time goes").
	IR
)

func (ev Evaluator) String() string {
	if ev == IR {
		return "ir"
	}
	return "topdown"
}

// WithEvaluator chooses what runs the queries (default IR). Topdown is
// for the baselines and for comparing the two.
func WithEvaluator(ev Evaluator) Option { return func(e *Engine) { e.evaluator = ev } }

// prepare plans a query for the engine's evaluator. When the IR evaluator
// cannot run the query (a statement or built-in it does not support, a
// plan OPA's planner refuses) the query is planned for topdown instead —
// never a pass, nor an error finding, because one evaluator lacks a
// feature — and fellBack says why; err is the query's own failure, as
// topdown reports it.
//
// Planning holds prepareMu: for a target plugin rego switches the shared
// compiler to its IR evaluation mode (which skips the comprehension
// indices of the query it compiles), a write to a compiler other queries
// are being planned against. Under the lock the write races nothing, and
// the compiler is put back to topdown's mode before anyone else plans, so
// a topdown query keeps its indices.
func (e *Engine) prepare(ctx context.Context, query string, extra ...func(*rego.Rego)) (pq rego.PreparedEvalQuery, fellBack error, err error) {
	e.prepareMu.Lock()
	defer e.prepareMu.Unlock()
	if e.evaluator == IR {
		regovm.Register()
		pq, err := e.prepareFor(ctx, query, true, extra)
		e.compiler.WithEvalMode(ast.EvalModeTopdown)
		if err == nil {
			return pq, nil, nil
		}
		fellBack = err
	}
	pq, err = e.prepareFor(ctx, query, false, extra)
	return pq, fellBack, err
}

func (e *Engine) prepareFor(ctx context.Context, query string, ir bool, extra []func(*rego.Rego)) (rego.PreparedEvalQuery, error) {
	opts := append([]func(*rego.Rego){
		rego.Query(query),
		rego.Compiler(e.compiler),
		rego.Capabilities(Capabilities()),
		rego.StrictBuiltinErrors(true),
	}, extra...)
	if !e.jsonResults {
		opts = append(opts, rego.GenerateJSON(keepTerm))
	}
	if ir {
		opts = append(opts, rego.Target(regovm.Name))
	}
	return rego.New(opts...).PrepareForEval(ctx)
}
