package engine

import (
	"context"
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"
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
}

// RunRegoTests runs the test_ rules of every _test.rego file of the sources
// through OPA's tester, compiled with the same restricted capabilities as
// the controls. filter is a regular expression over test names ("" for all).
func RunRegoTests(ctx context.Context, filter string, sources ...Source) ([]TestResult, error) {
	mods, problems := ParseSources(sources...)
	if len(problems) > 0 {
		return nil, problems
	}
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
	runner := tester.NewRunner().SetCompiler(compiler).SetStore(store).SetModules(set).Filter(filter).CapturePrintOutput(true)
	ch, err := runner.RunTests(ctx, txn)
	if err != nil {
		return nil, compileProblems(err)
	}
	var out []TestResult
	for r := range ch {
		tr := TestResult{Package: r.Package, Name: r.Name, Pass: r.Pass(), Err: r.Error}
		if r.Location != nil {
			tr.File, tr.Line = r.Location.File, r.Location.Row
		}
		out = append(out, tr)
	}
	return out, nil
}

// compileProblems turns a compiler error list into Problems with locations.
func compileProblems(err error) error {
	if errs, ok := err.(ast.Errors); ok {
		return Problems(astProblems("", errs))
	}
	return fmt.Errorf("run rego tests: %w", err)
}
