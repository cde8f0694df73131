package engine

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

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

// EvaluatorEnv, set to "topdown", makes every engine of the process run
// its queries on topdown unless an option says otherwise: the audit and
// the gate binaries measured against themselves (README "Performance"),
// and a way back should the IR evaluator ever judge a construct wrongly.
const EvaluatorEnv = "RAMPART_EVALUATOR"

// defaultEvaluator is IR, or topdown when EvaluatorEnv says so.
func defaultEvaluator() Evaluator {
	if os.Getenv(EvaluatorEnv) == "topdown" {
		return Topdown
	}
	return IR
}

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
//
// vm is the IR program itself when the query runs on it, for
// evaluateBatch to run without rego's per-evaluation plumbing (regovm.Run).
func (e *Engine) prepare(ctx context.Context, query string, controls []*Control, extra ...func(*rego.Rego)) (pq rego.PreparedEvalQuery, vm *regovm.Program, fellBack error, err error) {
	e.prepareMu.Lock()
	defer e.prepareMu.Unlock()
	return e.prepareLocked(ctx, query, controls, extra...)
}

// prepareLocked is prepare for a caller that holds prepareMu.
func (e *Engine) prepareLocked(ctx context.Context, query string, controls []*Control, extra ...func(*rego.Rego)) (pq rego.PreparedEvalQuery, vm *regovm.Program, fellBack error, err error) {
	if e.evaluator == IR && e.compiler != nil {
		fellBack = indexScreened(e.compiler, controls)
	}
	if e.evaluator == IR && fellBack == nil {
		regovm.Register()
		plan := e.prepareFor
		if e.planIR != nil {
			plan = func(ctx context.Context, query string, _ bool, extra []func(*rego.Rego)) (rego.PreparedEvalQuery, error) {
				return e.planIR(ctx, query, extra)
			}
		}
		pq, err := plan(regovm.Capture(ctx, &vm), query, true, extra)
		e.compiler.WithEvalMode(ast.EvalModeTopdown)
		if err == nil {
			return pq, vm, nil, nil
		}
		fellBack = err
	}
	pq, err = e.prepareFor(ctx, query, false, extra)
	return pq, nil, fellBack, err
}

func (e *Engine) prepareFor(ctx context.Context, query string, ir bool, extra []func(*rego.Rego)) (rego.PreparedEvalQuery, error) {
	opts := e.queryOptions(query, extra)
	if ir {
		opts = append(opts, rego.Target(regovm.Name))
	}
	return rego.New(opts...).PrepareForEval(ctx)
}

// queryOptions are rego's options for planning one of the engine's
// queries on topdown, before a target is chosen; the plan index's
// generator plans with the same (planindex_test.go).
func (e *Engine) queryOptions(query string, extra []func(*rego.Rego)) []func(*rego.Rego) {
	opts := append([]func(*rego.Rego){
		rego.Query(query),
		rego.Compiler(e.compiler),
		rego.Capabilities(Capabilities()),
		rego.StrictBuiltinErrors(true),
	}, extra...)
	if !e.jsonResults {
		opts = append(opts, rego.GenerateJSON(keepTerm))
	}
	return opts
}

// indexScreenedBuiltins are the built-ins topdown's rule index evaluates
// itself (ast/index.go: the affix and glob indices) when a rule body calls
// one at its top level: where the indexed operand is not a string the
// index rules the body out and the rule is undefined, where the IR
// evaluator — which has no rule index — calls the built-in, and under
// strict built-in errors its type error fails the evaluation.
// errIndexScreened is wrapped by every indexScreened reason.
var errIndexScreened = errors.New("judged by topdown's rule index")

var indexScreenedBuiltins = []string{"startswith", "endswith", "strings.any_prefix_match", "strings.any_suffix_match", "glob.match"}

// indexScreened says why the controls must run on topdown: a rule they
// reach (their packages' rules and, through the compiler's dependency
// graph, every rule and function those call) calls an index-screened
// built-in at the top of a body with an operand that is not a constant.
// Then topdown and the IR evaluator would judge a resource whose operand
// is not a string differently (a not_evaluated or pass on topdown, an
// error on IR), so the whole query stays on topdown. nil: the IR evaluator
// judges these controls as topdown does.
func indexScreened(compiler *ast.Compiler, controls []*Control) error {
	if len(controls) == 0 {
		return nil
	}
	pkgs := map[string]bool{}
	for _, ctl := range controls {
		pkgs[ctl.Package] = true
	}
	var roots []*ast.Rule
	for _, m := range compiler.Modules {
		if pkgs[strings.TrimPrefix(m.Package.Path.String(), "data.")] {
			roots = append(roots, m.Rules...)
		}
	}
	return firstReached(compiler, roots, func(r *ast.Rule) error {
		for i, expr := range r.Body {
			if name, ok := screenedCall(r.Body, i); ok {
				return fmt.Errorf("%w: %s calls %s at the top of a rule body (%v): topdown's rule index decides that call where its operand is not a string, the IR evaluator has no index", errIndexScreened, r.Head.Ref(), name, expr.Location)
			}
		}
		return nil
	})
}

// screenedCall reports whether the index topdown builds for a rule body
// decides body[i] itself (ast/index.go, index_affix.go): not negated, no
// `with`, a non-constant first operand searched for a constant prefix or
// suffix (a constant string, or a variable the body bound to one before),
// or a constant glob pattern matched against a variable. The planner's IR
// keeps no such index, so such a call is where the two could differ.
func screenedCall(body ast.Body, i int) (string, bool) {
	expr := body[i]
	if expr.Negated || len(expr.With) > 0 {
		return "", false
	}
	switch expr.Terms.(type) {
	case *ast.LogicalAnd, *ast.LogicalOr:
		// Indexed through their operands: take any screened built-in
		// inside as indexed.
		found := ""
		ast.WalkExprs(expr, func(x *ast.Expr) bool {
			if x != expr && x.IsCall() && slices.Contains(indexScreenedBuiltins, x.Operator().String()) {
				found = x.Operator().String()
			}
			return found != ""
		})
		return found, found != ""
	}
	if !expr.IsCall() {
		return "", false
	}
	name := expr.Operator().String()
	ops := expr.Operands()
	constant := func(t *ast.Term) bool {
		if v, ok := t.Value.(ast.Var); ok {
			return boundToConstant(body[:i], v)
		}
		return ast.IsConstant(t.Value)
	}
	switch {
	case (name == "startswith" || name == "endswith") && len(ops) == 2:
		return name, !ast.IsConstant(ops[0].Value) && constant(ops[1]) && !checkedString(body[:i], ops[0])
	case (name == "strings.any_prefix_match" || name == "strings.any_suffix_match") && len(ops) == 2:
		return name, !ast.IsConstant(ops[0].Value) && constant(ops[1])
	case name == "glob.match" && len(ops) == 3:
		return name, constant(ops[0]) && !ast.IsConstant(ops[2].Value) && !checkedString(body[:i], ops[2])
	}
	return "", false
}

// checkedString reports whether an expression of exprs is is_string(t):
// then a t that is not a string makes the body undefined before the call on
// both evaluators, where topdown's index would have ruled it out, so the
// two agree. (strings.any_prefix_match takes arrays and sets too, so
// is_string does not settle it.) The compiler gives each use of a
// reference its own local (`__local1__ = input.a.b`), so operands are
// compared by what they were bound to.
func checkedString(exprs ast.Body, t *ast.Term) bool {
	want := boundTo(exprs, t)
	for _, x := range exprs {
		if x.Negated || len(x.With) > 0 || !x.IsCall() || x.Operator().String() != "is_string" {
			continue
		}
		if ops := x.Operands(); len(ops) == 1 && boundTo(exprs, ops[0]).Equal(want) {
			return true
		}
	}
	return false
}

// boundTo is what a variable t was unified with by an expression of exprs
// (`t = x` or `x = t`, the compiler's form of a rewritten reference), or t
// itself.
func boundTo(exprs ast.Body, t *ast.Term) *ast.Term {
	v, ok := t.Value.(ast.Var)
	if !ok {
		return t
	}
	for _, x := range exprs {
		if x.Negated || len(x.With) > 0 || (!x.IsEquality() && !x.IsAssignment()) {
			continue
		}
		a, b := x.Operand(0), x.Operand(1)
		switch {
		case a != nil && b != nil && a.Value.Compare(v) == 0:
			return b
		case a != nil && b != nil && b.Value.Compare(v) == 0:
			return a
		}
	}
	return t
}

// boundToConstant reports whether an expression of exprs binds v to a
// constant (v := "x", v = "x"), as the index's constant table does.
func boundToConstant(exprs ast.Body, v ast.Var) bool {
	for _, x := range exprs {
		if !x.IsAssignment() && !x.IsEquality() {
			continue
		}
		a, b := x.Operand(0), x.Operand(1)
		if a == nil || b == nil {
			continue
		}
		if (a.Value.Compare(v) == 0 && ast.IsConstant(b.Value)) || (b.Value.Compare(v) == 0 && ast.IsConstant(a.Value)) {
			return true
		}
	}
	return false
}

// runBatch evaluates a batch on its IR program directly (regovm.RunVars)
// and reads its one result as rego would hand it over: the same bindings,
// each the evaluator's own term (keepTerm), so evaluateGroup cannot tell
// the two paths apart. rego's per-evaluation context, its conversion of
// every result into bindings and expression values and their maps are
// about a fifth of a batch's allocations on the acme set; the result
// object {d0: …, u0: …, …} RunVars does not build was about a tenth of a
// 200-file gate's CPU time (ast's object inserts).
func (e *Engine) runBatch(ctx context.Context, vm *regovm.Program, controls []*Control, input ast.Value, now time.Time, prog *progress) (rego.Vars, int) {
	names := batchNames(len(controls))
	values, results, err := vm.RunVars(ctx, regovm.RunOptions{Input: input, Time: now, StrictBuiltinErrors: true, Capabilities: e.capabilities}, names)
	if err != nil || results != 1 {
		return nil, prog.culprit()
	}
	bindings := make(rego.Vars, len(names))
	for i, t := range values {
		if t != nil {
			bindings[names[i]] = t
		}
	}
	return bindings, -1
}

var (
	batchNamesMu sync.Mutex
	// batchNameList holds d0, u0, d1, u1, …: the variables of batchQuery,
	// made once for every batch of the process.
	batchNameList []string
)

// batchNames are the variables of a batch of n controls (batchVars).
func batchNames(n int) []string {
	batchNamesMu.Lock()
	defer batchNamesMu.Unlock()
	for i := len(batchNameList) / 2; i < n; i++ {
		d, u := batchVars(i)
		batchNameList = append(batchNameList, d, u)
	}
	return batchNameList[: 2*n : 2*n]
}
