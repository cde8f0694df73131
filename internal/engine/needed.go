package engine

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// Compiling and parsing the catalogue were most of a gate's start: OPA
// type-checks and rewrites every rule of ~280 controls, while a pull
// request's Terraform meets a handful of resource types (docs/gate.md
// "Where a gate run's CPU goes"). An engine loaded with CompileNeeded
// checks every module's METADATA as New always does — the catalogue, its
// IDs and METADATA problems are complete — but compiles, on first
// evaluation, only the controls whose resource types occur in the
// evaluated snapshot and the packages they read (rampart.lib, any package
// they refer to), and nothing else. The embedded catalogue's modules are
// read to their package line until then (parseHead), and parsed whole and
// checked when compiled. A later snapshot with new types (the gate's
// baseline) compiles the union again.
//
// A control compiled or not judges alike: a control whose types are absent
// has no resource to evaluate, its not_collected gaps come from the
// catalogue (gapFindings), and what no control handles is pipeline's
// uncovered note. TestCompileNeededJudgesAlike holds the findings of both
// over the example and every gate test repository. What is given up: a
// type error in a control of an absent type is not reported by this run
// (`rampart lint`, `test`, `controls` and `docs` compile everything).

// CompileNeeded defers compiling to the first evaluation, which compiles
// only what its resources need (needed.go). For the gate: one run, one or
// two snapshots of a few resource types.
func CompileNeeded() Option { return func(e *Engine) { e.compileNeeded = true } }

// neededState is a CompileNeeded engine's compilation so far.
type neededState struct {
	mods []Module // every checked module, tests excluded
	// types are the resource types whose controls are ready to evaluate:
	// compiled, or with every batch's plan from the plan index
	// (planindex.go); compiled are those in the compiler. err is the last
	// compile's failure (for the types it was asked to add).
	types    map[string]bool
	compiled map[string]bool
	err      error
	// storedPlans says the engine's modules are those the plan index was
	// made from (storedPlansUsable), fixed when the engine is built.
	storedPlans bool
}

// CompileFor compiles what the snapshot's resources need, if the engine was
// loaded with CompileNeeded and has not compiled it yet; otherwise it does
// nothing. The problems of a failed compile come back as Problems, as New's
// do: pipeline.Run calls it before evaluating, so a broken control the run
// needs stops the run (exit 2) as it did when New compiled everything.
//
// Where every batch of the new types has a stored plan (planindex.go),
// nothing is compiled: the types are ready with those plans, and what
// needs the compiler later compiles them then (lateCompile).
func (e *Engine) CompileFor(snap *evidence.Snapshot) error {
	return e.compileFor(snap, false)
}

// compileFor is CompileFor; withCompiler also compiles every needed type
// the stored plans stood in for, for an evaluation that reads the
// compiler itself (the incremental cache's volatile controls).
func (e *Engine) compileFor(snap *evidence.Snapshot, withCompiler bool) error {
	if !e.compileNeeded {
		return nil
	}
	want := snapshotTypes(snap)
	e.compileMu.RLock()
	e.prepareMu.Lock() // needed.compiled: another evaluation may compile late
	missing, todo := e.missingTypes(want), withCompiler && e.uncompiled()
	e.prepareMu.Unlock()
	e.compileMu.RUnlock()
	if len(missing) == 0 && !todo {
		return nil
	}
	e.compileMu.Lock()
	defer e.compileMu.Unlock()
	missing, todo = e.missingTypes(want), withCompiler && e.uncompiled()
	if len(missing) == 0 && !todo {
		return nil
	}
	types := make(map[string]bool, len(e.needed.types)+len(missing))
	for t := range e.needed.types {
		types[t] = true
	}
	for _, t := range missing {
		types[t] = true
	}
	if !withCompiler && e.needed.storedPlans && e.attachStoredPlans(missing) {
		e.needed.types, e.needed.err = types, nil
		return nil
	}
	mods, problems := neededModules(e.needed.mods, types)
	if len(problems) > 0 {
		e.needed.err = problems
		return problems
	}
	compiler, problems := compile(mods)
	if len(problems) > 0 {
		e.needed.err = problems
		return problems
	}
	// Queries already planned stay valid: they read modules that are in
	// the new compiler too, compiled alike. Those not planned yet plan
	// against the new one.
	e.compiler, e.needed.types, e.needed.compiled, e.needed.err = compiler, types, types, nil
	e.incr = newIncremental(compiler, compiledControls(mods))
	return nil
}

// uncompiled reports whether a ready type is not in the compiler (its
// batches run stored plans); the caller holds prepareMu, or compileMu to
// write (no evaluation runs then).
func (e *Engine) uncompiled() bool {
	for t := range e.needed.types {
		if !e.needed.compiled[t] {
			return true
		}
	}
	return false
}

// missingTypes are the types of want whose controls are not compiled; the
// caller holds compileMu.
func (e *Engine) missingTypes(want []string) []string {
	var out []string
	for _, t := range want {
		if !e.needed.types[t] {
			out = append(out, t)
		}
	}
	return out
}

// compiledFor reports whether a resource type's controls are compiled, and
// if not, why; always true for an engine that compiled everything.
func (e *Engine) compiledFor(resourceType string) (bool, error) {
	if !e.compileNeeded {
		return true, nil
	}
	if e.needed.types[resourceType] {
		return true, nil
	}
	if e.needed.err != nil {
		return false, e.needed.err
	}
	return false, fmt.Errorf("controls of %s were not compiled", resourceType)
}

// snapshotTypes are the distinct resource types of a snapshot's resources,
// sorted.
func snapshotTypes(snap *evidence.Snapshot) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range snap.Resources {
		if !seen[r.Type] {
			seen[r.Type] = true
			out = append(out, r.Type)
		}
	}
	sort.Strings(out)
	return out
}

// neededModules are the modules evaluating resources of the types needs:
// the controls of those types and every package one of them refers to,
// transitively (rampart.lib, a workspace's helpers, another control's
// rules). A module of which only the head was parsed (Module.Head) is
// parsed whole and checked as Check checks a module before it is
// included; mods is updated in place, so it is parsed once.
func neededModules(mods []Module, types map[string]bool) ([]Module, Problems) {
	include := make([]bool, len(mods))
	var queue []int
	var problems Problems
	add := func(i int) {
		if include[i] {
			return
		}
		if mods[i].Head {
			m, ps := wholeModule(mods[i])
			if len(ps) > 0 {
				problems = append(problems, ps...)
				return
			}
			mods[i] = m
		}
		include[i] = true
		queue = append(queue, i)
	}
	for i, m := range mods {
		if m.Control == nil {
			continue
		}
		for _, t := range m.Control.ResourceTypes {
			if types[t] {
				add(i)
				break
			}
		}
	}
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		for _, ref := range dataRefs(mods[i].Module) {
			for j, m := range mods {
				if include[j] {
					continue
				}
				pkg := m.Module.Package.Path
				if pkg.HasPrefix(ref) || ref.HasPrefix(pkg) {
					add(j)
				}
			}
		}
	}
	out := make([]Module, 0, len(mods))
	for i, m := range mods {
		if include[i] {
			out = append(out, m)
		}
	}
	return out, problems
}

// parseHead parses a module up to and including its package line: the
// METADATA and the package, which is all the catalogue needs. A file whose
// first statement is not the package (nothing a control or a library of
// the embedded catalogue does) is parsed whole.
func parseHead(name string, src []byte) (Module, Problems) {
	end, rest := 0, src
	for len(rest) > 0 {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line = rest[:i+1]
		}
		t := bytes.TrimSpace(line)
		end += len(line)
		rest = rest[len(line):]
		if len(t) == 0 || t[0] == '#' {
			continue
		}
		if !bytes.HasPrefix(t, []byte("package ")) {
			return ParseModule(name, src)
		}
		m, ps := ParseModule(name, src[:end])
		if len(ps) > 0 {
			return ParseModule(name, src) // the whole file's problems, with their places
		}
		m.Raw, m.Head = string(src), true
		return m, nil
	}
	return ParseModule(name, src)
}

// wholeModule parses a head-only module whole and checks it as Check does:
// its Control is then the one the whole file gives.
func wholeModule(head Module) (Module, Problems) {
	m, ps := ParseModule(head.File, []byte(head.Raw))
	if len(ps) > 0 {
		return head, ps
	}
	m.Untrusted = head.Untrusted
	one := []Module{m}
	if ps := Check(one).Errors(); len(ps) > 0 {
		return head, ps
	}
	return one[0], nil
}

// dataRefs are the constant prefixes of a module's references into data,
// imports included (`import data.rampart.lib.aws`).
func dataRefs(m *ast.Module) []ast.Ref {
	var out []ast.Ref
	seen := map[string]bool{}
	note := func(r ast.Ref) {
		if len(r) == 0 || !r[0].Equal(ast.DefaultRootDocument) {
			return
		}
		p := r.ConstantPrefix()
		if k := p.String(); !seen[k] {
			seen[k] = true
			out = append(out, p)
		}
	}
	for _, imp := range m.Imports {
		if r, ok := imp.Path.Value.(ast.Ref); ok {
			note(r)
		}
	}
	ast.WalkRefs(m, func(r ast.Ref) bool {
		note(r)
		return false
	})
	return out
}

// compiledControls are the controls among mods.
func compiledControls(mods []Module) []*Control {
	var out []*Control
	for _, m := range mods {
		if m.Control != nil {
			out = append(out, m.Control)
		}
	}
	return out
}

// neededSummary names the resource types whose controls a CompileNeeded
// engine made ready (compiled, or with stored plans), sorted and joined by
// commas (tests).
func (e *Engine) neededSummary() string {
	e.compileMu.RLock()
	defer e.compileMu.RUnlock()
	types := make([]string, 0, len(e.needed.types))
	for t := range e.needed.types {
		types = append(types, t)
	}
	sort.Strings(types)
	return strings.Join(types, ",")
}
