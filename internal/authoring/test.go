// Package authoring is the policy author's stage: it checks a repository of
// controls and governance HCL the way `go test` checks Go code. It runs the
// Rego unit tests of the workspace's controls together with the built-in
// ones, validates METADATA and the governance HCL, and reports what the tests
// leave uncovered; the CLI hands its Report to a text or JUnit writer.
package authoring

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/model"
	"github.com/rampart-audit/rampart/internal/pipeline"
)

// TestOptions say what `rampart test` loads.
type TestOptions struct {
	// Sources are the built-in controls (or those given with --controls).
	Sources []engine.Source
	// ControlPaths are the --controls values behind Sources; a
	// WORKSPACE/controls among them is not loaded a second time.
	ControlPaths []string
	// Workspace is the workspace folder; its controls/ subfolder, when
	// present, is loaded as one more source.
	Workspace string
	// Pack is the governance pack the workspace HCL is merged with.
	Pack     fs.FS
	PackName string
	// Run filters tests by a regular expression over "package.name".
	// Coverage is only judged on a full run: a filtered run would report
	// every control whose tests were filtered out.
	Run string
	// Explain keeps the trace of every test that does not pass and prints
	// it, filtered, under the test (explain.go).
	Explain Explain
}

// TestReport is the outcome of one `rampart test`.
type TestReport struct {
	Results []engine.TestResult
	// Controls is how many controls were loaded; Catalog lists them.
	Controls int
	Catalog  []*engine.Control
	// Gaps are coverage problems; nil (and CoverageJudged false) with Run set.
	Gaps           []Gap
	CoverageJudged bool
	// Notes are informational lines (e.g. a folder without workspace HCL).
	Notes []string
	// Workspace and Warnings are the loaded HCL and its warning diagnostics.
	Workspace *model.Workspace
	Warnings  hcl.Diagnostics
	// Explain is how the writers explain a test that did not pass.
	Explain Explain
}

// Failed reports whether a test failed or errored, or coverage has a gap.
func (r *TestReport) Failed() bool {
	for _, t := range r.Results {
		if !t.Pass || t.Err != nil {
			return true
		}
	}
	return len(r.Gaps) > 0
}

// GapKind names one kind of coverage problem.
type GapKind string

// The coverage a control needs, after docs/controls.md: tests, and among
// them a passing, a failing and a missing-data case; and a link from the
// governance HCL so a failure reaches a risk.
const (
	GapNoTests   GapKind = "no-tests"
	GapNoFail    GapKind = "no-fail-case"
	GapNoUnknown GapKind = "no-missing-data-case"
	GapNoPass    GapKind = "no-pass-case"
	GapUnlinked  GapKind = "unlinked"
	// GapNoRelated: a control declaring custom.related whose tests never
	// give input.related.<name>, so no test saw what it does with the
	// related resources, or with none of them (absence).
	GapNoRelated GapKind = "no-related-case"
)

// Gap is one coverage problem of one control: a located problem at the
// control's METADATA whose Code is the GapKind.
type Gap struct {
	ControlID string
	engine.Problem
}

// Kind is the gap's kind (its problem code).
func (g Gap) Kind() GapKind { return GapKind(g.Code) }

// WorkspaceError is returned when the governance HCL has errors; the CLI
// prints Diagnostics with the source lines in Workspace.Files.
type WorkspaceError struct {
	Workspace   *model.Workspace
	Diagnostics hcl.Diagnostics
}

func (e *WorkspaceError) Error() string {
	n := 0
	for _, d := range e.Diagnostics {
		if d.Severity == hcl.DiagError {
			n++
		}
	}
	return fmt.Sprintf("%d error(s) in the governance HCL", n)
}

// ErrBadFilter is returned (wrapped) for a --run expression that does not compile.
var ErrBadFilter = errors.New("invalid --run expression")

// RunTests loads and validates everything, runs the Rego tests with
// tracing (keeping the traces of failures when explaining) and judges
// coverage. Invalid input comes back as engine.Problems,
// *WorkspaceError or ErrBadFilter; the report is nil then.
func RunTests(ctx context.Context, opts TestOptions) (*TestReport, error) {
	if opts.Run != "" {
		if _, err := regexp.Compile(opts.Run); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrBadFilter, err)
		}
	}
	rep := &TestReport{}
	sources, err := pipeline.AddWorkspaceControls(opts.Sources, opts.ControlPaths, opts.Workspace)
	if err != nil {
		return nil, err
	}
	// One parse serves the catalogue, the tests and coverage.
	mods, problems := engine.Parse(sources...)
	if errs := problems.Errors(); len(errs) > 0 {
		return nil, errs
	}
	eng, err := engine.Load(ctx, mods)
	if err != nil {
		return nil, err
	}
	// Warnings do not stop the engine (a snapshot may carry types the
	// registry does not list), but an author must see them: a control
	// whose resource type is misspelt would never run.
	for _, p := range problems.Warnings() {
		rep.Notes = append(rep.Notes, fmt.Sprintf("warning: %s (%s)", p, p.Code))
	}
	cat := eng.Catalog()
	rep.Controls, rep.Catalog = len(cat.Controls), cat.Controls

	dir, note, err := workspaceDir(opts.Workspace)
	if err != nil {
		return nil, err
	}
	if note != "" {
		rep.Notes = append(rep.Notes, note)
	}
	ws, diags := model.Load(model.Input{
		Pack: opts.Pack, PackName: opts.PackName, Dir: dir,
		KnownControl: func(id string) bool { return cat.Get(id) != nil },
	})
	if diags.HasErrors() {
		return nil, &WorkspaceError{Workspace: ws, Diagnostics: diags}
	}
	rep.Workspace, rep.Warnings = ws, diags

	tracing := engine.TraceRules
	if opts.Explain != ExplainOff {
		tracing = engine.TraceFailures
	}
	rep.Explain = opts.Explain
	rep.Results, err = engine.RunModuleTests(ctx, mods, opts.Run, tracing)
	if err != nil {
		return nil, err
	}
	// OPA runs tests in parallel: order them as they appear in the files.
	sort.SliceStable(rep.Results, func(i, j int) bool {
		a, b := rep.Results[i], rep.Results[j]
		if a.Package != b.Package {
			return a.Package < b.Package
		}
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
	if opts.Run == "" {
		rep.Gaps = coverage(cat, mods, rep.Results, ws)
		rep.CoverageJudged = true
	}
	return rep, nil
}

// workspaceDir returns the folder whose *.hcl model.Load should read. A
// folder with only controls/ (a control repository) validates the pack
// alone; a path that does not exist is an error, never a silent pass.
func workspaceDir(workspace string) (string, string, error) {
	if workspace == "" {
		return "", "", nil
	}
	info, err := os.Stat(workspace)
	if err != nil {
		return "", "", fmt.Errorf("workspace: %w", err)
	}
	if !info.IsDir() {
		return "", "", fmt.Errorf("workspace: %s is not a folder", workspace)
	}
	hcls, err := filepath.Glob(filepath.Join(workspace, "*.hcl"))
	if err != nil {
		return "", "", fmt.Errorf("workspace: %w", err)
	}
	if len(hcls) == 0 {
		return "", fmt.Sprintf("%s holds no *.hcl: validated the governance pack only", workspace), nil
	}
	return workspace, "", nil
}

// coverage judges each control from the traced test results.
//
// Method: a test covers a control when its body refers to the control's
// package (through an import alias or a full data. reference). During the
// run OPA's tracer records every rule whose body succeeded; a deny rule
// that succeeded means the test saw the control fail, an unknown rule
// that succeeded without deny means it saw missing data, and a test that
// refers to the control's deny while neither fired saw it pass. This is
// what the tests made the control do, not what they assert, so a test
// named test_fail that never makes deny fire is caught.
func coverage(cat *engine.Catalog, mods []engine.Module, results []engine.TestResult, ws *model.Workspace) []Gap {
	refs := testRefs(mods)
	related := relatedInputs(mods)
	linked := map[string]bool{}
	for _, m := range ws.Mitigations {
		for _, c := range m.Controls {
			linked[c] = true
		}
	}
	for _, p := range ws.Policies {
		for _, st := range p.Statements {
			for _, c := range st.Controls {
				linked[c] = true
			}
		}
	}
	var gaps []Gap
	for _, ctl := range cat.Controls {
		pkg := ast.MustParseRef("data." + ctl.Package)
		deny, unknown := "data."+ctl.Package+".deny", "data."+ctl.Package+".unknown"
		denyRef := pkg.Append(ast.StringTerm("deny"))
		var tests int
		var fail, missing, pass bool
		given := map[string]bool{}
		for _, r := range results {
			rs := refs[r.Package+"."+r.Name]
			if !refersTo(rs, pkg) {
				continue
			}
			tests++
			for name := range related[r.Package] {
				given[name] = true
			}
			exited := map[string]bool{}
			for _, e := range r.Exited {
				exited[e] = true
			}
			switch {
			case exited[deny]:
				fail = true
			case exited[unknown]:
				missing = true
			case refersTo(rs, denyRef):
				pass = true
			}
		}
		add := func(kind GapKind, msg string) {
			gaps = append(gaps, Gap{ControlID: ctl.ID, Problem: engine.Problem{
				File: ctl.File, Line: ctl.Line, Code: string(kind), Severity: engine.SeverityError, Message: msg}})
		}
		switch {
		case tests == 0:
			add(GapNoTests, "no test refers to package "+ctl.Package)
		case ctl.Manual:
			// No rules to exercise: attestations decide it (docs/controls.md#manual-controls).
		default:
			if !fail {
				add(GapNoFail, "no test makes deny produce a result: add a failing case")
			}
			if !missing {
				add(GapNoUnknown, "no test makes unknown produce a result with deny empty: add a missing-data case")
			}
			if !pass {
				add(GapNoPass, "no test reads deny while neither deny nor unknown produces a result: add a passing case")
			}
			for _, rel := range ctl.Related {
				if !given[rel.Name] {
					add(GapNoRelated, fmt.Sprintf("no test gives input.related.%s: add cases with %s resources and one with none (absence)", rel.Name, rel.Type))
				}
			}
		}
		if !linked[ctl.ID] {
			add(GapUnlinked, "not listed by any mitigation or policy statement: its failures reach no risk")
		}
	}
	return gaps
}

// relatedInputs maps a test package ("data.pkg_test") to the related names
// its module writes into an input: the keys of every object literal under a
// "related" key ({"related": {"trails": [...]}}), in the tests or in the
// helpers that build their inputs.
func relatedInputs(mods []engine.Module) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, m := range mods {
		if !m.Test {
			continue
		}
		names := map[string]bool{}
		ast.NewGenericVisitor(func(x any) bool {
			obj, ok := x.(ast.Object)
			if !ok {
				return false
			}
			if v := obj.Get(ast.StringTerm("related")); v != nil {
				if inner, ok := v.Value.(ast.Object); ok {
					inner.Foreach(func(k, _ *ast.Term) {
						if s, ok := k.Value.(ast.String); ok {
							names[string(s)] = true
						}
					})
				}
			}
			return false
		}).Walk(m.Module)
		pkg := m.Module.Package.Path.String()
		if out[pkg] == nil {
			out[pkg] = map[string]bool{}
		}
		for n := range names {
			out[pkg][n] = true
		}
	}
	return out
}

// testRefs maps "data.pkg.test_name" to the data references of that test's
// bodies, with import aliases resolved.
func testRefs(mods []engine.Module) map[string][]ast.Ref {
	out := map[string][]ast.Ref{}
	for _, m := range mods {
		if !m.Test {
			continue
		}
		aliases := map[ast.Var]ast.Ref{}
		for _, imp := range m.Module.Imports {
			path, ok := imp.Path.Value.(ast.Ref)
			if !ok || !path.HasPrefix(ast.DefaultRootRef) {
				continue
			}
			name := imp.Alias
			if name == "" {
				last, ok := path[len(path)-1].Value.(ast.String)
				if !ok {
					continue
				}
				name = ast.Var(last)
			}
			aliases[name] = path
		}
		pkg := m.Module.Package.Path
		for _, r := range m.Module.Rules {
			name := engine.RuleName(r)
			if !strings.HasPrefix(name, "test_") {
				continue
			}
			key := pkg.String() + "." + name
			ast.WalkRefs(r, func(ref ast.Ref) bool {
				out[key] = append(out[key], resolve(ref, aliases))
				return false
			})
		}
	}
	return out
}

// resolve turns alias.x into data.pkg.x; other refs come back unchanged.
func resolve(ref ast.Ref, aliases map[ast.Var]ast.Ref) ast.Ref {
	head, ok := ref[0].Value.(ast.Var)
	if !ok {
		return ref
	}
	if path, ok := aliases[head]; ok {
		return path.Concat(ref[1:])
	}
	return ref
}

func refersTo(refs []ast.Ref, prefix ast.Ref) bool {
	for _, r := range refs {
		if r.HasPrefix(prefix) {
			return true
		}
	}
	return false
}

// SortedGaps returns the gaps ordered by control then kind.
func SortedGaps(gaps []Gap) []Gap {
	out := append([]Gap{}, gaps...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].ControlID != out[j].ControlID {
			return out[i].ControlID < out[j].ControlID
		}
		return out[i].Code < out[j].Code
	})
	return out
}
