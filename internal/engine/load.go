// Package engine is the evaluation stage: it loads Rego controls and their
// typed METADATA into a catalogue, compiles them once with network built-ins
// removed, and evaluates each control over the resources of the types it
// declares, in parallel, handing one finding per (control, resource) to the
// link stage.
package engine

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Source is one place controls are loaded from: the embedded set, a folder
// or an unpacked bundle. Name prefixes file names in messages.
type Source struct {
	Name string
	FS   fs.FS
	// Untrusted marks controls someone other than the operator may have
	// written (a workspace's controls/, which a pull request can change):
	// they are evaluated in a child process with memory and time limits
	// (sandbox.go), so one cannot take the run down.
	Untrusted bool
}

// Problem is one reason a control or module was rejected at load.
type Problem struct {
	File    string
	Line    int
	Col     int
	Message string
}

func (p Problem) String() string {
	switch {
	case p.Line > 0 && p.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Col, p.Message)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message)
	default:
		return fmt.Sprintf("%s: %s", p.File, p.Message)
	}
}

// Problems is every load problem of a run, reported together.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return "load controls:\n  " + strings.Join(lines, "\n  ")
}

// LibraryPackage is the package prefix of shared helper modules, which carry
// no control METADATA.
const LibraryPackage = "rampart.lib"

// Module is a parsed Rego file with the name it is reported under.
type Module struct {
	File   string
	Test   bool
	Module *ast.Module
	// Raw is the source text, which the evaluation child parses again.
	Raw       string
	Untrusted bool
}

// ParseSources parses every .rego file of the sources, tests included.
func ParseSources(sources ...Source) ([]Module, Problems) {
	var mods []Module
	var problems Problems
	for _, src := range sources {
		var total int64
		err := fs.WalkDir(src.FS, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !strings.HasSuffix(p, ".rego") {
				return nil
			}
			name := path.Join(src.Name, p)
			data, err := readLimited(src.FS, p, &total)
			if errors.Is(err, errTooLarge) && total > MaxSourceBytes {
				problems = append(problems, Problem{File: name, Message: err.Error()})
				return fs.SkipAll // the rest of the source would be refused too
			}
			if err != nil {
				problems = append(problems, Problem{File: name, Message: err.Error()})
				return nil
			}
			m, err := ast.ParseModuleWithOpts(name, string(data), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
			if err != nil {
				problems = append(problems, astProblems(name, err)...)
				return nil
			}
			mods = append(mods, Module{File: name, Test: strings.HasSuffix(p, "_test.rego"), Module: m, Raw: string(data), Untrusted: src.Untrusted})
			return nil
		})
		if err != nil {
			problems = append(problems, Problem{File: src.Name, Message: fmt.Sprintf("read controls: %v", err)})
		}
	}
	return mods, problems
}

func astProblems(file string, err error) []Problem {
	errs, ok := err.(ast.Errors)
	if !ok {
		return []Problem{{File: file, Message: err.Error()}}
	}
	out := make([]Problem, 0, len(errs))
	for _, e := range errs {
		p := Problem{File: file, Message: e.Message}
		if e.Location != nil {
			p.File, p.Line, p.Col = e.Location.File, e.Location.Row, e.Location.Col
		}
		out = append(out, p)
	}
	return out
}

// Capabilities are OPA's built-ins minus those that reach the network or
// the host: a control sees only its input, so it can neither exfiltrate
// evidence nor read the environment (where tokens live).
func Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0]
	for _, b := range caps.Builtins {
		if Forbidden(b.Name) {
			continue
		}
		kept = append(kept, b)
	}
	caps.Builtins = kept
	caps.AllowNet = []string{}
	return caps
}

// Forbidden reports whether a built-in is unavailable to controls.
func Forbidden(builtin string) bool {
	switch {
	case builtin == "http.send", strings.HasPrefix(builtin, "net."):
		return true // network
	case builtin == "opa.runtime":
		return true // exposes environment variables, where credentials live
	case builtin == "rand.intn", builtin == "uuid.rfc4122", builtin == "uuid.parse":
		return true // non-deterministic: the same evidence must give the same result
	}
	return false
}

// Catalog is the set of loaded controls, sorted by ID.
type Catalog struct {
	Controls []*Control
	byID     map[string]*Control
}

// Get returns the control with the ID, or nil.
func (c *Catalog) Get(id string) *Control { return c.byID[id] }

// IDs returns every control ID, sorted.
func (c *Catalog) IDs() []string {
	ids := make([]string, len(c.Controls))
	for i, ctl := range c.Controls {
		ids[i] = ctl.ID
	}
	return ids
}

// buildCatalog reads control METADATA from the non-test modules and checks
// that every module is either a control or a library.
func buildCatalog(mods []Module) (*Catalog, Problems) {
	cat := &Catalog{byID: map[string]*Control{}}
	var problems Problems
	for _, m := range mods {
		if m.Test {
			continue
		}
		pkg := strings.TrimPrefix(m.Module.Package.Path.String(), "data.")
		var pkgAnn *ast.Annotations
		for _, a := range m.Module.Annotations {
			if a.Scope == "package" {
				pkgAnn = a
			}
		}
		if pkgAnn == nil {
			if pkg == LibraryPackage || strings.HasPrefix(pkg, LibraryPackage+".") {
				continue
			}
			problems = append(problems, Problem{File: m.File, Line: m.Module.Package.Location.Row,
				Message: "package " + pkg + " has no package METADATA: a control needs a # METADATA block with title and custom.id, severity, resource_types, frameworks, remediation (helpers belong under package " + LibraryPackage + ")"})
			continue
		}
		ctl, ps := controlFromAnnotations(m.File, pkg, pkgAnn)
		problems = append(problems, ps...)
		if len(ps) > 0 {
			continue
		}
		if !hasRule(m.Module, "deny") {
			problems = append(problems, Problem{File: m.File, Line: m.Module.Package.Location.Row,
				Message: "control " + ctl.ID + " defines no deny rule"})
			continue
		}
		if ps := setRules(m); len(ps) > 0 {
			problems = append(problems, ps...)
			continue
		}
		if prev, dup := cat.byID[ctl.ID]; dup {
			problems = append(problems, Problem{File: m.File, Line: ctl.Line,
				Message: fmt.Sprintf("control ID %s is already defined at %s:%d", ctl.ID, prev.File, prev.Line)})
			continue
		}
		ctl.untrusted = m.Untrusted
		cat.byID[ctl.ID] = ctl
		cat.Controls = append(cat.Controls, ctl)
	}
	sort.Slice(cat.Controls, func(i, j int) bool { return cat.Controls[i].ID < cat.Controls[j].ID })
	return cat, problems
}

func hasRule(m *ast.Module, name string) bool {
	for _, r := range m.Rules {
		if r.Head.Name.String() == name || (len(r.Head.Reference) > 0 && r.Head.Reference[0].Value.String() == name) {
			return true
		}
	}
	return false
}

// setRules checks that a control's deny and unknown rules are multi-value
// (`deny contains msg if ...`). Any other shape — `deny := true`, a partial
// object `deny[k] := v`, a function — would otherwise surface as OPA's
// internal type error on the engine's generated query, which names neither
// the control's file nor the rule.
func setRules(m Module) Problems {
	var out Problems
	for _, r := range m.Module.Rules {
		name := ruleName(r)
		if name != "deny" && name != "unknown" {
			continue
		}
		if r.Head.RuleKind() == ast.MultiValue && len(r.Head.Args) == 0 && len(r.Head.Reference) == 1 {
			continue
		}
		p := Problem{File: m.File, Message: fmt.Sprintf("%s must be a set: write `%s contains msg if { ... }` (msg a string or {\"msg\": ..., \"path\": ...})", name, name)}
		if loc := r.Head.Location; loc != nil {
			p.Line, p.Col = loc.Row, loc.Col
		} else if r.Location != nil {
			p.Line, p.Col = r.Location.Row, r.Location.Col
		}
		out = append(out, p)
	}
	return out
}

func ruleName(r *ast.Rule) string {
	if len(r.Head.Reference) > 0 {
		if v, ok := r.Head.Reference[0].Value.(ast.Var); ok {
			return string(v)
		}
	}
	return r.Head.Name.String()
}

// compile compiles modules with the restricted capabilities. The batch
// mark is declared too, because queries prepared on this compiler type-check
// against its built-ins; no module may name it (markRefs), so a control
// cannot restart its own time limit or shift a time-out onto another.
func compile(mods []Module) (*ast.Compiler, Problems) {
	set := make(map[string]*ast.Module, len(mods))
	var problems Problems
	for _, m := range mods {
		set[m.File] = m.Module
		problems = append(problems, markRefs(m)...)
	}
	if len(problems) > 0 {
		return nil, problems
	}
	c := ast.NewCompiler().WithCapabilities(batchCapabilities()).WithEnablePrintStatements(false)
	c.Compile(set)
	if c.Failed() {
		return nil, astProblems("", c.Errors)
	}
	return c, nil
}

// markRefs reports every reference of a module to the engine's batch mark,
// as the undefined function it is for controls.
func markRefs(m Module) Problems {
	var out Problems
	ast.WalkRefs(m.Module, func(r ast.Ref) bool {
		if strings.HasPrefix(r.String(), markName) {
			p := Problem{File: m.File, Message: "undefined function " + markName}
			if loc := r[0].Location; loc != nil {
				p.Line, p.Col = loc.Row, loc.Col
			}
			out = append(out, p)
		}
		return false
	})
	return out
}

// SharedPackages reports a control package declared by more than one
// file. Rego merges such files into one package, so a workspace control
// named like a built-in one would add its deny rules to the built-in
// control (and the other way round) without any error.
func SharedPackages(mods []Module) Problems {
	first := map[string]Module{}
	controls := map[string]bool{}
	for _, m := range mods {
		if m.Test {
			continue
		}
		pkg := m.Module.Package.Path.String()
		for _, a := range m.Module.Annotations {
			if a.Scope == "package" {
				controls[pkg] = true
			}
		}
	}
	var out Problems
	for _, m := range mods {
		pkg := m.Module.Package.Path.String()
		if m.Test || !controls[pkg] {
			continue
		}
		prev, dup := first[pkg]
		if !dup {
			first[pkg] = m
			continue
		}
		out = append(out, Problem{File: m.File, Line: m.Module.Package.Location.Row,
			Message: fmt.Sprintf("package %s is already declared at %s:%d: each control needs a package of its own", strings.TrimPrefix(pkg, "data."), prev.File, prev.Module.Package.Location.Row)})
	}
	return out
}
