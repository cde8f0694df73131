package engine

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// TestResult is one Rego unit test outcome.
type TestResult struct {
	Package string
	Name    string
	File    string
	Line    int
	Pass    bool
	// Err is set when the test could not run (an evaluation error).
	Err error
	// Duration is how long the test took; Output is what its print calls wrote.
	Duration time.Duration
	Output   []byte
	// Exited lists the rules whose body succeeded at least once during the
	// test, as "data.pkg.rule"; only filled when traced.
	Exited []string
	// Trace is the evaluation trace of a test that did not pass, kept with
	// TraceFailures for `rampart test --explain`; nil otherwise.
	Trace []*topdown.Event
}

// Tracing says how much of OPA's evaluation trace a test run records.
type Tracing int

const (
	// NoTrace runs the tests plain.
	NoTrace Tracing = iota
	// TraceRules records which rules produced a value (TestResult.Exited),
	// what coverage needs.
	TraceRules
	// TraceFailures also keeps the whole trace of every test that did not
	// pass (TestResult.Trace), to explain it; passing tests drop theirs, so
	// a run of hundreds of tests holds only the traces someone will read.
	TraceFailures
)

// RunRegoTests runs the test_ rules of every _test.rego file of the sources
// through OPA's tester, compiled with the same restricted capabilities as
// the controls. filter is a regular expression over test names ("" for all).
func RunRegoTests(ctx context.Context, filter string, sources ...Source) ([]TestResult, error) {
	return runRegoTests(ctx, filter, NoTrace, sources...)
}

// RunRegoTestsTraced is RunRegoTests with evaluation tracing on: each result
// also says which rules produced a value during the test. Coverage reports
// use it to tell whether any test ever made a control's deny rule fire.
func RunRegoTestsTraced(ctx context.Context, filter string, sources ...Source) ([]TestResult, error) {
	return runRegoTests(ctx, filter, TraceRules, sources...)
}

func runRegoTests(ctx context.Context, filter string, trace Tracing, sources ...Source) ([]TestResult, error) {
	mods, problems := ParseSources(sources...)
	if len(problems) > 0 {
		return nil, problems
	}
	return RunModuleTests(ctx, mods, filter, trace)
}

// RunModuleTests runs the tests of modules already parsed (Parse), so
// `rampart test` reads each file once for the catalogue, the tests and
// coverage. OPA's compiler copies the modules: they stay unchanged.
func RunModuleTests(ctx context.Context, mods []Module, filter string, trace Tracing) ([]TestResult, error) {
	set := make(map[string]*ast.Module, len(mods))
	for _, m := range mods {
		set[m.File] = m.Module
	}
	compiler := ast.NewCompiler().WithCapabilities(Capabilities()).WithEnablePrintStatements(true)
	store := inmem.New()
	txn, err := store.NewTransaction(ctx)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	defer store.Abort(ctx, txn)
	runner := tester.NewRunner().SetCompiler(compiler).SetStore(store).SetModules(set).Filter(filter).CapturePrintOutput(true).EnableTracing(trace != NoTrace)
	ch, err := runner.RunTests(ctx, txn)
	if err != nil {
		return nil, compileProblems(err)
	}
	var out []TestResult
	for r := range ch {
		tr := TestResult{Package: r.Package, Name: r.Name, Pass: r.Pass(), Err: r.Error, Duration: r.Duration, Output: r.Output}
		if trace != NoTrace {
			tr.Exited = exitedRules(r.Trace)
		}
		if trace == TraceFailures && (!tr.Pass || tr.Err != nil) {
			tr.Trace = r.Trace
		}
		if r.Location != nil {
			tr.File, tr.Line = r.Location.File, r.Location.Row
		}
		out = append(out, tr)
	}
	return out, nil
}

// compileProblems turns a compiler error list into Problems with locations.
func compileProblems(err error) error {
	var errs ast.Errors
	if errors.As(err, &errs) {
		return astProblems("", CodeCompile, errs)
	}
	return fmt.Errorf("run rego tests: %w", err)
}

// exitedRules names the rules whose body succeeded in a trace: an Exit
// event on a rule node is emitted exactly when one of its bodies produced
// a value (for a partial set rule such as deny: an element was added).
func exitedRules(events []*topdown.Event) []string {
	seen := map[string]bool{}
	var out []string
	for _, ev := range events {
		if ev.Op != topdown.ExitOp {
			continue
		}
		rule, ok := ev.Node.(*ast.Rule)
		if !ok || rule.Module == nil {
			continue
		}
		name := rule.Module.Package.Path.String() + "." + RuleName(rule)
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	return out
}
