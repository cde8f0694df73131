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
	"sync"

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
	// Verified marks controls this build's own tests parse, check and
	// compile (the embedded catalogue): a CompileNeeded engine reads only
	// their METADATA and package line until a run needs them (needed.go).
	Verified bool
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
	// Control is the module's decoded METADATA, set by Check for a control
	// module whose METADATA is valid; nil for tests, libraries and
	// rejected controls.
	Control *Control
	// Head says only the METADATA and the package line were parsed (a
	// Verified source's module in a CompileNeeded engine): Check skips the
	// rules' checks, and the engine parses the whole module before it
	// compiles it (needed.go).
	Head bool
}

// Parse is the Rego front end: it reads and parses every .rego file of the
// sources once and checks the METADATA contract (Check). The problems are
// every error and warning of every file, each with its code and location;
// the engine (New, Load), lint and `rampart test` all start here.
func Parse(sources ...Source) ([]Module, Problems) {
	mods, problems := ParseSources(sources...)
	return mods, append(problems, Check(mods)...)
}

// ParseModule parses one file as Rego v1 with its METADATA.
func ParseModule(name string, src []byte) (Module, Problems) {
	m, err := ast.ParseModuleWithOpts(name, string(src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1, Capabilities: parserCapabilities()})
	if err != nil {
		return Module{}, astProblems(name, CodeSyntax, err)
	}
	return Module{File: name, Test: strings.HasSuffix(name, "_test.rego"), Module: m, Raw: string(src)}, nil
}

// parserCapabilities are OPA's capabilities for the parser (its keywords
// and features), built once: without them the parser builds them for every
// module (a tenth of reading the catalogue's METADATA, in a profile of
// parseHead). The parser only reads them.
var parserCapabilities = sync.OnceValue(func() *ast.Capabilities {
	return ast.CapabilitiesForThisVersion(ast.CapabilitiesRegoVersion(ast.RegoV1))
})

// ParseSources reads and parses every .rego file of the sources, tests
// included, without checking the METADATA contract (Parse does both).
func ParseSources(sources ...Source) ([]Module, Problems) {
	return parseSources(true, false, sources)
}

// parseSources reads and parses the .rego files of the sources; without
// tests, the _test.rego files are skipped unread (New: an audit or a gate
// never runs them, and in this repository they are as large as the
// controls, so parsing them doubled the start of every run).
//
// With heads, the modules of a Verified source are parsed up to their
// package line only: from the generated index where a file's bytes are
// those it was generated from (headindex.go), else by parseHead.
func parseSources(tests, heads bool, sources []Source) ([]Module, Problems) {
	if !heads {
		return parseSourcesWith(tests, sources, nil)
	}
	return parseSourcesWith(tests, sources, indexedHead)
}

// parseSourcesWith is parseSources with the head parser of Verified
// sources named (indexedHead; parseHead is the index's baseline in tests),
// or nil to parse every module whole.
func parseSourcesWith(tests bool, sources []Source, head func(name string, src []byte) (Module, Problems)) ([]Module, Problems) {
	var mods []Module
	var problems Problems
	for _, src := range sources {
		var total int64
		err := fs.WalkDir(src.FS, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !strings.HasSuffix(p, ".rego") || !tests && strings.HasSuffix(p, "_test.rego") {
				return nil
			}
			name := path.Join(src.Name, p)
			data, err := readLimited(src.FS, p, &total)
			if errors.Is(err, errTooLarge) && total > MaxSourceBytes {
				problems = append(problems, Problem{File: name, Code: CodeRead, Severity: SeverityError, Message: err.Error()})
				return fs.SkipAll // the rest of the source would be refused too
			}
			if err != nil {
				problems = append(problems, Problem{File: name, Code: CodeRead, Severity: SeverityError, Message: err.Error()})
				return nil
			}
			var m Module
			var ps Problems
			if head != nil && src.Verified {
				m, ps = head(name, data)
			} else {
				m, ps = ParseModule(name, data)
			}
			if len(ps) > 0 {
				problems = append(problems, ps...)
				return nil
			}
			m.Untrusted = src.Untrusted
			mods = append(mods, m)
			return nil
		})
		if err != nil {
			problems = append(problems, Problem{File: src.Name, Code: CodeRead, Severity: SeverityError, Message: fmt.Sprintf("read controls: %v", err)})
		}
	}
	return mods, problems
}

func astProblems(file, code string, err error) Problems {
	var errs ast.Errors
	if !errors.As(err, &errs) || len(errs) == 0 {
		return Problems{{File: file, Code: code, Severity: SeverityError, Message: err.Error()}}
	}
	out := make(Problems, 0, len(errs))
	for _, e := range errs {
		p := Problem{File: file, Code: code, Severity: SeverityError, Message: e.Message}
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
	// Warnings are the front end's problems that did not stop the load
	// (e.g. a resource type the registry does not list).
	Warnings Problems
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

// Check checks the METADATA contract of parsed modules and sets Control
// on every control module that keeps it. Every module that is neither a
// test nor a library must be a control: METADATA with every field, a deny
// rule, deny and unknown as sets, an ID and a package of its own. No module
// (tests included: they compile with the same capabilities) may call a
// forbidden built-in.
func Check(mods []Module) Problems {
	var problems Problems
	byID := map[string]*Control{}
	for i := range mods {
		m := &mods[i]
		m.Control = nil
		if !m.Head {
			problems = append(problems, forbiddenCalls(*m)...)
		}
		if m.Test {
			continue
		}
		pkg := strings.TrimPrefix(m.Module.Package.Path.String(), "data.")
		ann := PackageAnnotation(m.Module)
		if ann == nil {
			if IsLibrary(pkg) {
				continue
			}
			problems = append(problems, atPackage(*m, CodeMetadataMissing,
				"package "+pkg+" has no package METADATA: a control needs a # METADATA block with title and custom.id, severity, resource_types, frameworks, remediation (helpers belong under package "+LibraryPackage+")"))
			continue
		}
		ctl, ps := controlFromAnnotations(m.File, pkg, ann, m.Module.Comments)
		switch {
		case m.Head:
			// The rules are not parsed yet: checked when they are
			// (needed.go), before anything compiles them.
		case ctl.Manual:
			if hasRule(m.Module, "deny") || hasRule(m.Module, "unknown") {
				ps = append(ps, atPackage(*m, CodeManualRules, "manual control "+ctl.ID+" defines deny or unknown rules: attestations decide a manual control, so its package holds METADATA only"))
			}
		case !hasRule(m.Module, "deny"):
			name := ctl.ID
			if name == "" {
				name = "package " + pkg
			}
			ps = append(ps, atPackage(*m, CodeDenyMissing, "control "+name+" defines no deny rule, so it can never fail"))
		}
		if !m.Head {
			ps = append(ps, setRules(*m)...)
		}
		if prev, dup := byID[ctl.ID]; dup && ctl.ID != "" {
			p := Problem{File: m.File, Line: ctl.Line, Code: CodeIDDuplicate, Severity: SeverityError,
				Message: fmt.Sprintf("control ID %s is already defined at %s:%d", ctl.ID, prev.File, prev.Line)}
			if ann.Location != nil {
				p.Col = ann.Location.Col
			}
			ps = append(ps, p)
		} else if ctl.ID != "" {
			byID[ctl.ID] = ctl
		}
		problems = append(problems, ps...)
		if len(ps.Errors()) == 0 {
			ctl.untrusted = m.Untrusted
			m.Control = ctl
		}
	}
	return append(problems, sharedPackages(mods)...)
}

func atPackage(m Module, code, msg string) Problem {
	p := Problem{File: m.File, Code: code, Severity: SeverityError, Message: msg}
	if loc := m.Module.Package.Location; loc != nil {
		p.Line, p.Col = loc.Row, loc.Col
	}
	return p
}

// forbiddenCalls reports every call of a built-in controls cannot use
// (Forbidden). The restricted capabilities reject them at compile time
// too, but only as an "undefined function"; this names the reason.
func forbiddenCalls(m Module) Problems {
	var out Problems
	report := func(op *ast.Term) {
		name := op.String()
		if !Forbidden(name) {
			return
		}
		p := Problem{File: m.File, Code: CodeForbiddenBuiltin, Severity: SeverityError,
			Message: name + " is not available to controls: they see only their input (no network, no host, no randomness)"}
		if op.Location != nil {
			p.Line, p.Col = op.Location.Row, op.Location.Col
		}
		out = append(out, p)
	}
	ast.NewGenericVisitor(func(x any) bool {
		switch x := x.(type) {
		case *ast.Expr:
			if x.IsCall() {
				report(x.OperatorTerm())
			}
		case *ast.Term:
			if call, ok := x.Value.(ast.Call); ok && len(call) > 0 {
				report(call[0])
			}
		}
		return false
	}).Walk(m.Module)
	return out
}

// buildCatalog collects the controls Check accepted. A control module
// without one is an error, so modules that skipped Check cannot load as
// an empty catalogue.
func buildCatalog(mods []Module) (*Catalog, Problems) {
	cat := &Catalog{byID: map[string]*Control{}}
	var problems Problems
	for _, m := range mods {
		if m.Test {
			continue
		}
		if m.Control == nil {
			if !IsLibrary(strings.TrimPrefix(m.Module.Package.Path.String(), "data.")) || PackageAnnotation(m.Module) != nil {
				problems = append(problems, atPackage(m, CodeMetadataMissing, "module was not checked (engine.Parse) or its METADATA was rejected"))
			}
			continue
		}
		cat.byID[m.Control.ID] = m.Control
		cat.Controls = append(cat.Controls, m.Control)
	}
	sort.Slice(cat.Controls, func(i, j int) bool { return cat.Controls[i].ID < cat.Controls[j].ID })
	return cat, problems
}

func hasRule(m *ast.Module, name string) bool {
	for _, r := range m.Rules {
		if RuleName(r) == name {
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
		name := RuleName(r)
		if name != "deny" && name != "unknown" {
			continue
		}
		if r.Head.RuleKind() == ast.MultiValue && len(r.Head.Args) == 0 && len(r.Head.Reference) == 1 {
			continue
		}
		p := Problem{File: m.File, Code: CodeNotSet, Severity: SeverityError, Message: fmt.Sprintf("%s must be a set: write `%s contains msg if { ... }` (msg a string or {\"msg\": ..., \"path\": ...})", name, name)}
		if loc := r.Head.Location; loc != nil {
			p.Line, p.Col = loc.Row, loc.Col
		} else if r.Location != nil {
			p.Line, p.Col = r.Location.Row, r.Location.Col
		}
		out = append(out, p)
	}
	return out
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
		return nil, astProblems("", CodeCompile, c.Errors)
	}
	return c, nil
}

// markRefs reports every reference of a module to the engine's batch mark,
// as the undefined function it is for controls.
func markRefs(m Module) Problems {
	var out Problems
	ast.WalkRefs(m.Module, func(r ast.Ref) bool {
		if strings.HasPrefix(r.String(), markName) {
			p := Problem{File: m.File, Code: CodeReserved, Severity: SeverityError, Message: "undefined function " + markName}
			if loc := r[0].Location; loc != nil {
				p.Line, p.Col = loc.Row, loc.Col
			}
			out = append(out, p)
		}
		return false
	})
	return out
}

// sharedPackages reports a control package declared by more than one
// file. Rego merges such files into one package, so a workspace control
// named like a built-in one would add its deny rules to the built-in
// control (and the other way round) without any error.
func sharedPackages(mods []Module) Problems {
	first := map[string]Module{}
	controls := map[string]bool{}
	for _, m := range mods {
		if !m.Test && PackageAnnotation(m.Module) != nil {
			controls[m.Module.Package.Path.String()] = true
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
		out = append(out, atPackage(m, CodePackageDuplicate,
			fmt.Sprintf("package %s is already declared at %s:%d: each control needs a package of its own", strings.TrimPrefix(pkg, "data."), prev.File, prev.Module.Package.Location.Row)))
	}
	return out
}
