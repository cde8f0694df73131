// Package lint checks Rego controls against Rampart's authoring rules
// before they reach the engine: METADATA fields and their types, ID format
// and uniqueness, known severities, resource types and frameworks, no
// network or non-deterministic built-ins, a test for every control, no dead
// rules and no deprecated syntax. It works on OPA's AST (Regal is not a
// dependency here) and hands Findings to the text, JSON or SARIF writers.
package lint

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-audit/rampart/internal/engine"
)

// Level is how serious a finding is. Both make `rampart lint` exit 1;
// SARIF consumers show them differently.
type Level string

const (
	LevelError   Level = "error"
	LevelWarning Level = "warning"
)

// Finding is one rule violation at a place in a file.
type Finding struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Col     int    `json:"col,omitempty"`
	Rule    string `json:"rule"`
	Level   Level  `json:"level"`
	Message string `json:"message"`
}

func (f Finding) String() string {
	loc := fmt.Sprintf("%s:%d", f.File, f.Line)
	if f.Col > 0 {
		loc += fmt.Sprintf(":%d", f.Col)
	}
	return fmt.Sprintf("%s: %s: %s", loc, f.Rule, f.Message)
}

// module is one parsed file.
type module struct {
	file string
	test bool
	mod  *ast.Module
	pkg  string // without the data. prefix
}

func (m *module) library() bool {
	return m.pkg == engine.LibraryPackage || strings.HasPrefix(m.pkg, engine.LibraryPackage+".")
}

// Files lints the Rego files. A file that does not parse at all is a
// Problem (the caller exits 2); a file that parses only as Rego v0 is a
// deprecated-syntax finding and is linted from its v0 AST.
func Files(files []string) ([]Finding, engine.Problems) {
	srcs := make(map[string][]byte, len(files))
	var problems engine.Problems
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			problems = append(problems, engine.Problem{File: f, Message: err.Error()})
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
	var mods []*module
	var findings []Finding
	var problems engine.Problems
	for _, name := range names {
		m, fs, ps := parse(name, srcs[name])
		findings, problems = append(findings, fs...), append(problems, ps...)
		if m != nil {
			mods = append(mods, m)
		}
	}
	for _, r := range rules {
		findings = append(findings, r.check(mods)...)
	}
	sort.SliceStable(findings, func(i, j int) bool {
		a, b := findings[i], findings[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Rule < b.Rule
	})
	return findings, problems
}

func parse(name string, src []byte) (*module, []Finding, engine.Problems) {
	opts := ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1}
	m, err := ast.ParseModuleWithOpts(name, string(src), opts)
	var findings []Finding
	if err != nil {
		opts.RegoVersion = ast.RegoV0
		m0, err0 := ast.ParseModuleWithOpts(name, string(src), opts)
		if err0 != nil {
			return nil, nil, problemsOf(name, err)
		}
		first := problemsOf(name, err)[0]
		findings = append(findings, Finding{File: name, Line: first.Line, Col: first.Col, Rule: RuleDeprecatedSyntax, Level: LevelWarning,
			Message: "Rego v0 syntax (" + first.Message + "): Rampart reads Rego v1; rewrite with `if` and `contains` (opa fmt --v0-v1)"})
		m = m0
	}
	return &module{file: name, test: strings.HasSuffix(name, "_test.rego"), mod: m, pkg: strings.TrimPrefix(m.Package.Path.String(), "data.")}, findings, nil
}

func problemsOf(name string, err error) engine.Problems {
	errs, ok := err.(ast.Errors)
	if !ok || len(errs) == 0 {
		return engine.Problems{{File: name, Message: err.Error()}}
	}
	out := make(engine.Problems, 0, len(errs))
	for _, e := range errs {
		p := engine.Problem{File: name, Message: e.Message}
		if e.Location != nil {
			p.Line, p.Col = e.Location.Row, e.Location.Col
		}
		out = append(out, p)
	}
	return out
}

// packageAnnotation returns the package-scoped METADATA of a module.
func packageAnnotation(m *ast.Module) *ast.Annotations {
	for _, a := range m.Annotations {
		if a.Scope == "package" {
			return a
		}
	}
	return nil
}

func ruleName(r *ast.Rule) string {
	if len(r.Head.Reference) > 0 {
		if v, ok := r.Head.Reference[0].Value.(ast.Var); ok {
			return string(v)
		}
	}
	return string(r.Head.Name)
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
		local[ast.Var(ruleName(r))] = true
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
