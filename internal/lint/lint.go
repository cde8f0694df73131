// Package lint checks Rego controls against Rampart's authoring rules
// before they reach the engine: METADATA fields and their types, ID format
// and uniqueness, known severities, resource types and frameworks, no
// network or non-deterministic built-ins, a test for every control, no dead
// rules and no deprecated syntax. It works on OPA's AST (Regal is not a
// dependency here) and hands Findings to the text, JSON or SARIF writers.
package lint

import (
	"os"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-audit/rampart/internal/engine"
)

// Level is how serious a finding is. Both make `rampart lint` exit 1;
// SARIF consumers show them differently.
type Level = engine.Severity

const (
	LevelError   = engine.SeverityError
	LevelWarning = engine.SeverityWarning
)

// Finding is one rule violation at a place in a file: the engine's
// located problem, with Code the lint rule and Severity its level.
type Finding = engine.Problem

// module is one parsed file as lint's own checks read it.
type module struct {
	file string
	test bool
	mod  *ast.Module
	pkg  string // without the data. prefix
}

func (m *module) library() bool { return engine.IsLibrary(m.pkg) }

// Files lints the Rego files. A file that does not parse at all is a
// Problem (the caller exits 2); a file that parses only as Rego v0 is a
// deprecated-syntax finding and is linted from its v0 AST.
func Files(files []string) ([]Finding, engine.Problems) {
	srcs := make(map[string][]byte, len(files))
	var problems engine.Problems
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			problems = append(problems, engine.Problem{File: f, Code: engine.CodeRead, Severity: engine.SeverityError, Message: err.Error()})
			continue
		}
		srcs[f] = b
	}
	fs, ps := Sources(srcs)
	return fs, append(problems, ps...)
}

// Sources lints in-memory Rego sources by file name.
func Sources(srcs map[string][]byte) ([]Finding, engine.Problems) {
	names := make([]string, 0, len(srcs))
	for n := range srcs {
		names = append(names, n)
	}
	sort.Strings(names)
	var parsed []engine.Module
	var findings []Finding
	var problems engine.Problems
	for _, name := range names {
		m, fs, ps := parse(name, srcs[name])
		findings, problems = append(findings, fs...), append(problems, ps...)
		if m != nil {
			parsed = append(parsed, *m)
		}
	}
	// The METADATA contract is the engine's (engine.Check); lint reports
	// its problems under its own rule names and adds the checks only lint
	// makes (tests, unused rules, guards, deprecated syntax).
	for _, p := range engine.Check(parsed) {
		findings = append(findings, fromProblem(p))
	}
	mods := make([]*module, len(parsed))
	for i, m := range parsed {
		mods[i] = &module{file: m.File, test: m.Test, mod: m.Module, pkg: strings.TrimPrefix(m.Module.Package.Path.String(), "data.")}
	}
	for _, r := range rules {
		if r.check != nil {
			findings = append(findings, r.check(mods)...)
		}
	}
	sort.SliceStable(findings, func(i, j int) bool {
		a, b := findings[i], findings[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Code < b.Code
	})
	return findings, problems
}

// parse parses one file through the engine's front end; a file that only
// parses as Rego v0 is a deprecated-syntax finding and is linted from its
// v0 AST, which the engine itself would refuse.
func parse(name string, src []byte) (*engine.Module, []Finding, engine.Problems) {
	m, problems := engine.ParseModule(name, src)
	if len(problems) == 0 {
		return &m, nil, nil
	}
	m0, err := ast.ParseModuleWithOpts(name, string(src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV0})
	if err != nil {
		return nil, nil, problems
	}
	first := problems[0]
	f := Finding{File: name, Line: first.Line, Col: first.Col, Code: RuleDeprecatedSyntax, Severity: LevelWarning,
		Message: "Rego v0 syntax (" + first.Message + "): Rampart reads Rego v1; rewrite with `if` and `contains` (opa fmt --v0-v1)"}
	return &engine.Module{File: name, Test: strings.HasSuffix(name, "_test.rego"), Module: m0, Raw: string(src)}, []Finding{f}, nil
}

// resolvedRefs returns every reference the module makes outside rule
// heads' names, with import aliases and the module's own rules resolved
// to full data. paths.
func resolvedRefs(m *ast.Module) []ast.Ref {
	aliases := map[ast.Var]ast.Ref{}
	for _, imp := range m.Imports {
		path, ok := imp.Path.Value.(ast.Ref)
		if !ok || !path.HasPrefix(ast.DefaultRootRef) || len(path) < 2 {
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
	local := map[ast.Var]bool{}
	for _, r := range m.Rules {
		local[ast.Var(engine.RuleName(r))] = true
	}
	var out []ast.Ref
	add := func(ref ast.Ref) bool {
		head, ok := ref[0].Value.(ast.Var)
		switch {
		case !ok:
		case aliases[head] != nil:
			out = append(out, aliases[head].Concat(ref[1:]))
		case local[head]:
			out = append(out, m.Package.Path.Append(ast.StringTerm(string(head))).Concat(ref[1:]))
		case head.Equal(ast.DefaultRootDocument.Value):
			out = append(out, ref)
		}
		return false
	}
	// A bare name in a body is a Var, not a Ref, until compilation: a
	// local rule used as `some s in settings` is seen only through its vars.
	addVar := func(v ast.Var) bool {
		if local[v] || aliases[v] != nil {
			add(ast.Ref{ast.NewTerm(v)})
		}
		return false
	}
	for _, r := range m.Rules {
		walkRuleRefs(r, add, addVar)
	}
	return out
}

// walkRuleRefs visits the references of a rule's body, value, key,
// arguments and else branches: everything but its own name.
func walkRuleRefs(r *ast.Rule, f func(ast.Ref) bool, g func(ast.Var) bool) {
	for ; r != nil; r = r.Else {
		nodes := []any{r.Body}
		if r.Head.Value != nil {
			nodes = append(nodes, r.Head.Value)
		}
		if r.Head.Key != nil {
			nodes = append(nodes, r.Head.Key)
		}
		for _, a := range r.Head.Args {
			nodes = append(nodes, a)
		}
		if len(r.Head.Reference) > 1 {
			for _, t := range r.Head.Reference[1:] {
				nodes = append(nodes, t)
			}
		}
		for _, n := range nodes {
			ast.WalkRefs(n, f)
			ast.WalkVars(n, func(v ast.Var) bool {
				g(v)
				return false
			})
		}
	}
}
