package regovm

import (
	"fmt"
	"slices"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/ir"
)

// Constant composites. The planner builds a composite literal of a rule
// ({"tcp", "6"}, an object of thirty ports and names) statement by
// statement every time the rule runs: MakeSet, then a SetAdd per element,
// each a map insert and its hashing. In a 200-file gate run that was most
// of the sets the evaluator made (lib.sg_rule_covers builds its protocol
// set on every call, lib.internet_sensitive_ports its object on every
// evaluation). Such a literal is the same value every time, so it is built
// once, here, and every evaluation is handed that one term, as topdown
// hands out the ground terms of the compiled modules.
//
// A composite is shared only when nothing can tell: the whole straight run
// of statements that builds it is replaced, and no other statement of its
// function names it as the set, object or array it adds to. A statement of
// some other local that adds to a shared value anyway (a stored plan could
// copy the local first) is refused at evaluation as an error (mutates), never
// run: a shared map written by two evaluations at once would crash the
// process.

// constStmt stands for a run of statements that build constants: it sets
// each of targets to its value, the run's result.
type constStmt struct {
	targets []ir.Local
	values  []*ast.Term
	ir.Location
}

// hoister replaces the constant runs of one function's (or the plan's)
// blocks, and records the composites it made in shared.
type hoister struct {
	p *program
	// adds counts, per local, the statements of the function that add to
	// it (SetAdd, ObjectInsert, ObjectInsertOnce, ArrayAppend).
	adds   map[ir.Local]int
	size   int
	shared map[ast.Value]struct{}
}

// hoistConstants returns blocks with their constant runs replaced by
// constStmts, and the composites those hand out; blocks themselves are
// not changed (a copy is made along the way to every replaced run).
// size is the frame size of the function the blocks belong to.
func hoistConstants(p *program, blocks []*ir.Block, size int, shared map[ast.Value]struct{}) []*ir.Block {
	h := &hoister{p: p, adds: map[ir.Local]int{}, size: size, shared: shared}
	for _, b := range blocks {
		h.countAdds(b)
	}
	out := make([]*ir.Block, len(blocks))
	for i, b := range blocks {
		out[i] = h.block(b)
	}
	return out
}

func (h *hoister) countAdds(b *ir.Block) {
	for _, s := range b.Stmts {
		if l, ok := addsTo(s); ok {
			h.adds[l]++
		}
		for _, c := range innerBlocks(s) {
			h.countAdds(c)
		}
	}
}

// addsTo is the local a statement adds to in place, if it is one that does.
func addsTo(s ir.Stmt) (ir.Local, bool) {
	switch s := s.(type) {
	case *ir.SetAddStmt:
		return s.Set, true
	case *ir.ObjectInsertStmt:
		return s.Object, true
	case *ir.ObjectInsertOnceStmt:
		return s.Object, true
	case *ir.ArrayAppendStmt:
		return s.Array, true
	}
	return 0, false
}

func innerBlocks(s ir.Stmt) []*ir.Block {
	switch s := s.(type) {
	case *ir.BlockStmt:
		return s.Blocks
	case *ir.ScanStmt:
		return []*ir.Block{s.Block}
	case *ir.NotStmt:
		return []*ir.Block{s.Block}
	case *ir.WithStmt:
		return []*ir.Block{s.Block}
	}
	return nil
}

// block is b with its runs (and those of the blocks it holds) replaced; b
// itself when it has none.
func (h *hoister) block(b *ir.Block) *ir.Block {
	var out []ir.Stmt
	changed := false
	for i := 0; i < len(b.Stmts); {
		if end, c := h.run(b.Stmts, i); c != nil {
			out = append(out, c)
			changed = true
			i = end
			continue
		}
		s := b.Stmts[i]
		if ns := h.inner(s); ns != s {
			s = ns
			changed = true
		}
		out = append(out, s)
		i++
	}
	if !changed {
		return b
	}
	return &ir.Block{Stmts: out}
}

// inner is s with its blocks' runs replaced, s itself when there are none.
func (h *hoister) inner(s ir.Stmt) ir.Stmt {
	switch s := s.(type) {
	case *ir.BlockStmt:
		blocks := make([]*ir.Block, len(s.Blocks))
		changed := false
		for i, c := range s.Blocks {
			blocks[i] = h.block(c)
			changed = changed || blocks[i] != c
		}
		if changed {
			cp := *s
			cp.Blocks = blocks
			return &cp
		}
	case *ir.ScanStmt:
		if nb := h.block(s.Block); nb != s.Block {
			cp := *s
			cp.Block = nb
			return &cp
		}
	case *ir.NotStmt:
		if nb := h.block(s.Block); nb != s.Block {
			cp := *s
			cp.Block = nb
			return &cp
		}
	case *ir.WithStmt:
		if nb := h.block(s.Block); nb != s.Block {
			cp := *s
			cp.Block = nb
			return &cp
		}
	}
	return s
}

// run finds the longest run of constant statements at stmts[start:] that
// builds at least one composite and holds every statement adding to the
// composites it makes: it returns where the run ends and the constStmt
// standing for it, or nil when there is none.
func (h *hoister) run(stmts []ir.Stmt, start int) (int, ir.Stmt) {
	end := h.scan(stmts, start)
	for end > start {
		made, bad := h.check(stmts[start:end])
		if bad < 0 {
			if !made {
				return start, nil
			}
			return end, h.evaluate(stmts[start:end])
		}
		// A composite of the run is added to elsewhere too: the run
		// stops before it is made.
		end = start + bad
	}
	return start, nil
}

// scan is where the run starting at stmts[start] ends: the first
// statement that is not a constant one, or that writes a local the run
// wrote already, or adds to a composite the run did not make or that is
// already an element of another, or reads a local the run did not set.
func (h *hoister) scan(stmts []ir.Stmt, start int) int {
	const (
		scalar = iota + 1
		composite
		sealed // a composite that is an element of another: no more adds
	)
	written := map[ir.Local]int{}
	// value is whether an operand is a constant of the run, sealing a
	// composite it names.
	value := func(o ir.Operand) bool {
		switch v := o.Value.(type) {
		case ir.StringIndex:
			return int(v) >= 0 && int(v) < len(h.p.strings)
		case ir.Bool:
			return true
		case ir.Local:
			return written[v] != 0
		}
		return false
	}
	seal := func(o ir.Operand) {
		if l, ok := o.Value.(ir.Local); ok && written[l] == composite {
			written[l] = sealed
		}
	}
	write := func(l ir.Local, kind int) bool {
		if written[l] != 0 || l < ir.Unused || int(l) >= h.size {
			return false
		}
		written[l] = kind
		return true
	}
	open := func(l ir.Local) bool { return written[l] == composite }
	for i := start; i < len(stmts); i++ {
		ok := false
		switch s := stmts[i].(type) {
		case *ir.MakeNullStmt:
			ok = write(s.Target, scalar)
		case *ir.MakeNumberIntStmt:
			ok = write(s.Target, scalar)
		case *ir.AssignIntStmt:
			ok = write(s.Target, scalar)
		case *ir.MakeNumberRefStmt:
			ok = s.Index >= 0 && s.Index < len(h.p.numbers) && h.p.numbers[s.Index] != nil && write(s.Target, scalar)
		case *ir.MakeSetStmt:
			ok = write(s.Target, composite)
		case *ir.MakeObjectStmt:
			ok = write(s.Target, composite)
		case *ir.MakeArrayStmt:
			ok = write(s.Target, composite)
		case *ir.SetAddStmt:
			if ok = open(s.Set) && value(s.Value); ok {
				seal(s.Value)
			}
		case *ir.ObjectInsertStmt:
			if ok = open(s.Object) && value(s.Key) && value(s.Value); ok {
				seal(s.Key)
				seal(s.Value)
			}
		case *ir.ArrayAppendStmt:
			if ok = open(s.Array) && value(s.Value); ok {
				seal(s.Value)
			}
		}
		if !ok {
			return i
		}
	}
	return len(stmts)
}

// check reports whether run makes a composite, and the index in run of the
// first composite's Make that some statement outside run adds to (-1: none).
func (h *hoister) check(run []ir.Stmt) (made bool, bad int) {
	inRun := map[ir.Local]int{}
	for _, s := range run {
		if l, ok := addsTo(s); ok {
			inRun[l]++
		}
	}
	for i, s := range run {
		l, ok := makes(s)
		if !ok {
			continue
		}
		if inRun[l] != h.adds[l] {
			return made, i
		}
		made = true
	}
	return made, -1
}

func makes(s ir.Stmt) (ir.Local, bool) {
	switch s := s.(type) {
	case *ir.MakeSetStmt:
		return s.Target, true
	case *ir.MakeObjectStmt:
		return s.Target, true
	case *ir.MakeArrayStmt:
		return s.Target, true
	}
	return 0, false
}

// evaluate runs a constant run once, as an evaluation would (exec), and
// returns the constStmt giving its locals their values.
func (h *hoister) evaluate(run []ir.Stmt) ir.Stmt {
	s := &state{p: h.p}
	frame := make([]*ast.Term, h.size)
	var targets []ir.Local
	var composites []ast.Value
	for _, st := range run {
		if r, err := s.exec(st, frame); err != nil || r != next {
			// scan admits only statements that hold on the locals the run
			// set; one that did not would be a fault of this file.
			panic(fmt.Sprintf("regovm: constant statement %T did not hold", st))
		}
		if l, ok := writes(st); ok {
			targets = append(targets, l)
		}
		if l, ok := makes(st); ok {
			composites = append(composites, frame[l].Value)
		}
	}
	// Shared only now: the run's own adds are to composites not yet so.
	for _, v := range composites {
		h.shared[v] = struct{}{}
	}
	slices.Sort(targets)
	c := &constStmt{targets: targets, values: make([]*ast.Term, len(targets)), Location: location(run[0])}
	for i, l := range targets {
		c.values[i] = frame[l]
	}
	return c
}

// writes is the local a constant statement sets, if it sets one.
func writes(s ir.Stmt) (ir.Local, bool) {
	switch s := s.(type) {
	case *ir.MakeNullStmt:
		return s.Target, true
	case *ir.MakeNumberIntStmt:
		return s.Target, true
	case *ir.AssignIntStmt:
		return s.Target, true
	case *ir.MakeNumberRefStmt:
		return s.Target, true
	}
	return makes(s)
}

func location(s ir.Stmt) ir.Location {
	if l := s.GetLocation(); l != nil {
		return *l
	}
	return ir.Location{}
}

// isShared reports whether v is one of the program's constant composites,
// which no statement may add to.
func (p *program) isShared(v ast.Value) bool {
	if len(p.shared) == 0 {
		return false
	}
	_, ok := p.shared[v]
	return ok
}

// mutates is the error of a statement adding to a constant composite: a
// plan the planner made never does (hoistConstants shares only composites
// nothing else adds to), one loaded from storage might.
func (s *state) mutates(loc ir.Location) error {
	return fmt.Errorf("%s target: the plan adds to a constant at %s:%d:%d", Name, s.fileName(loc), loc.Row, loc.Col)
}

func (s *state) fileName(loc ir.Location) string {
	if loc.File >= 0 && loc.File < len(s.p.files) {
		return s.p.files[loc.File]
	}
	return "?"
}
