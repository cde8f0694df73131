package regovm

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sync/atomic"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/ir"
)

// RunVars evaluates the query as Run does and returns the values of the
// variables names, in that order, of its one result: values[i] is the
// term Run's result object holds under names[i], nil where it has none.
// results is how many results Run's set would hold (equal results are one,
// as in the set); values is nil unless it is exactly one. A single result
// that is not an object of variables is an error, as it is no bindings.
//
// It is for a caller that reads every variable of every evaluation
// (internal/engine's batches, about two hundred variables a query): when
// the plan ends in the planner's usual result statements (resultShape),
// the values are kept as the evaluation binds them, where Run would build
// an object hashing every key and the caller would probe it again per
// variable. Any other plan is evaluated by Run and its result read.
func (p *Program) RunVars(ctx context.Context, opts RunOptions, names []string) (values []*ast.Term, results int, err error) {
	pp := (*program)(p)
	if pp.shape == nil {
		return pp.runVarsFromSet(ctx, opts, names)
	}
	s := pp.pool.Get().(*state)
	defer func() {
		s.reset()
		pp.pool.Put(s)
	}()
	if err := s.evaluate(ctx, opts, pp.shape.blocks); err != nil {
		return nil, 0, err
	}
	switch s.rowCount {
	case 0:
		return nil, 0, nil
	case 1:
		values = make([]*ast.Term, len(names))
		for i, at := range pp.shape.positions(names) {
			if at >= 0 {
				values[i] = s.rows[at]
			}
		}
		return values, 1, nil
	}
	// Several results (the query iterates): Run's set of objects, made
	// as Run makes it, decides which of them are the same result.
	width := len(pp.shape.keys)
	objects := make([]*ast.Term, s.rowCount)
	for r := range objects {
		obj := ast.NewObject()
		for i, key := range pp.shape.keys {
			obj.Insert(key, s.rows[r*width+i])
		}
		objects[r] = ast.NewTerm(obj)
	}
	return varsOf(ast.NewSet(objects...), names)
}

// runVarsFromSet is RunVars for a plan without a result shape: Run, then
// the variables read from its result.
func (p *program) runVarsFromSet(ctx context.Context, opts RunOptions, names []string) ([]*ast.Term, int, error) {
	rs, err := p.run(ctx, opts)
	if err != nil {
		return nil, 0, err
	}
	set, ok := rs.(ast.Set)
	if !ok {
		return nil, 0, fmt.Errorf("%s target: the result set is a %T", Name, rs)
	}
	return varsOf(set, names)
}

// varsOf reads names from the one result of set.
func varsOf(set ast.Set, names []string) ([]*ast.Term, int, error) {
	if set.Len() != 1 {
		return nil, set.Len(), nil
	}
	obj, ok := set.Slice()[0].Value.(ast.Object)
	if !ok {
		return nil, 0, fmt.Errorf("%s target: the query's result is a %T, not an object of variables", Name, set.Slice()[0].Value)
	}
	values := make([]*ast.Term, len(names))
	for i, name := range names {
		values[i] = obj.Get(ast.StringTerm(name))
	}
	return values, 1, nil
}

// resultShape is how the planner ends a query: in the innermost block of
// its body,
//
//	MakeObjectStmt{Target: r}
//	ObjectInsertStmt{Object: r, Key: "<variable>", Value: <its local>} …
//	ResultSetAddStmt{Value: r}
//
// A plan whose one ResultSetAdd is so preceded, with distinct constant
// keys and r read or written by nothing else, adds exactly the values of
// those locals, or nothing when one is undefined (its ObjectInsert leaves
// the block). blocks are the plan's with those statements replaced by a
// resultRowStmt that keeps the values instead, for RunVars.
type resultShape struct {
	// keys are the variables' names as the object's keys, in the plan's
	// order of insertion, which is a row's order.
	keys   []*ast.Term
	index  map[string]int
	blocks []*ir.Block
	// last is the most recent names → positions of positions: a caller
	// asks for the same names on every evaluation.
	last atomic.Pointer[namePositions]
}

type namePositions struct {
	names []string
	at    []int // a row's index per name, -1 for none
}

// positions are where each of names is in a row, -1 where it is none of
// the shape's variables.
func (r *resultShape) positions(names []string) []int {
	if last := r.last.Load(); last != nil && slices.Equal(last.names, names) {
		return last.at
	}
	np := &namePositions{names: slices.Clone(names), at: make([]int, len(names))}
	for i, name := range names {
		at, ok := r.index[name]
		if !ok {
			at = -1
		}
		np.at[i] = at
	}
	r.last.Store(np)
	return np.at
}

// resultRowStmt stands for a resultShape's statements in its blocks.
type resultRowStmt struct {
	values []ir.Operand
	ir.Location
}

// findResultShape is the plan's resultShape, or nil when its statements
// are not exactly that shape: then RunVars takes Run's path.
func findResultShape(p *program) *resultShape {
	var sites []resultSite
	for _, b := range p.plan.Blocks {
		sites = resultSites(b, sites)
	}
	var inFuncs []resultSite
	for _, f := range p.funcs {
		for _, b := range f.fn.Blocks {
			inFuncs = resultSites(b, inFuncs)
		}
	}
	if len(sites) != 1 || len(inFuncs) != 0 {
		return nil
	}
	site := sites[0]
	stmts := site.block.Stmts
	add := stmts[site.at].(*ir.ResultSetAddStmt)
	obj := add.Value
	// ir.Input and ir.Data are set by the evaluation itself, not by a
	// statement: the count of uses below would not see them.
	if obj < ir.Unused {
		return nil
	}
	first := site.at
	for first > 0 {
		ins, ok := stmts[first-1].(*ir.ObjectInsertStmt)
		if !ok || ins.Object != obj {
			break
		}
		first--
	}
	if first == 0 {
		return nil
	}
	if mk, ok := stmts[first-1].(*ir.MakeObjectStmt); !ok || mk.Target != obj {
		return nil
	}
	inserts := stmts[first:site.at]
	shape := &resultShape{index: make(map[string]int, len(inserts))}
	row := &resultRowStmt{Location: add.Location}
	for i, s := range inserts {
		ins := s.(*ir.ObjectInsertStmt)
		key, ok := ins.Key.Value.(ir.StringIndex)
		if !ok || int(key) < 0 || int(key) >= len(p.strings) {
			return nil
		}
		name := string(p.strings[key].Value.(ast.String))
		if _, dup := shape.index[name]; dup {
			return nil
		}
		shape.index[name] = i
		shape.keys = append(shape.keys, p.strings[key])
		row.values = append(row.values, ins.Value)
	}
	// The object is made, filled and added, nothing else: its MakeObject,
	// one use per ObjectInsert, its ResultSetAdd. Any other use (a value
	// that is the object itself, a statement reading it) would see what
	// RunVars no longer builds.
	uses := 0
	for _, b := range p.plan.Blocks {
		walkLocals(reflect.ValueOf(b), func(l ir.Local) {
			if l == obj {
				uses++
			}
		})
	}
	if uses != len(inserts)+2 {
		return nil
	}
	for _, b := range p.plan.Blocks {
		nb, _ := replaceResult(b, site.block, first-1, site.at, row)
		shape.blocks = append(shape.blocks, nb)
	}
	return shape
}

// resultSite is a ResultSetAddStmt: its block and index there.
type resultSite struct {
	block *ir.Block
	at    int
}

// resultSites appends the ResultSetAddStmts of b and of the blocks it holds.
func resultSites(b *ir.Block, sites []resultSite) []resultSite {
	for i, s := range b.Stmts {
		switch s := s.(type) {
		case *ir.ResultSetAddStmt:
			sites = append(sites, resultSite{block: b, at: i})
		case *ir.BlockStmt:
			for _, c := range s.Blocks {
				sites = resultSites(c, sites)
			}
		case *ir.ScanStmt:
			sites = resultSites(s.Block, sites)
		case *ir.NotStmt:
			sites = resultSites(s.Block, sites)
		case *ir.WithStmt:
			sites = resultSites(s.Block, sites)
		}
	}
	return sites
}

// replaceResult returns b with target's statements first..last replaced
// by row, wherever target is among the blocks b holds, and whether it was
// there. Only the blocks and statements on the way to target are copied:
// the plan itself stays as it is for Run, and every other statement is
// the plan's own (calls are resolved by their statement).
func replaceResult(b, target *ir.Block, first, last int, row ir.Stmt) (*ir.Block, bool) {
	if b == target {
		stmts := slices.Concat(b.Stmts[:first], []ir.Stmt{row}, b.Stmts[last+1:])
		return &ir.Block{Stmts: stmts}, true
	}
	for i, s := range b.Stmts {
		var replaced ir.Stmt
		switch s := s.(type) {
		case *ir.BlockStmt:
			for j, c := range s.Blocks {
				if nc, ok := replaceResult(c, target, first, last, row); ok {
					cp := *s
					cp.Blocks = slices.Clone(s.Blocks)
					cp.Blocks[j] = nc
					replaced = &cp
					break
				}
			}
		case *ir.ScanStmt:
			if nc, ok := replaceResult(s.Block, target, first, last, row); ok {
				cp := *s
				cp.Block = nc
				replaced = &cp
			}
		case *ir.NotStmt:
			if nc, ok := replaceResult(s.Block, target, first, last, row); ok {
				cp := *s
				cp.Block = nc
				replaced = &cp
			}
		case *ir.WithStmt:
			if nc, ok := replaceResult(s.Block, target, first, last, row); ok {
				cp := *s
				cp.Block = nc
				replaced = &cp
			}
		}
		if replaced != nil {
			stmts := slices.Clone(b.Stmts)
			stmts[i] = replaced
			return &ir.Block{Stmts: stmts}, true
		}
	}
	return b, false
}
