package regovm

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/ir"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/test/cases"
	"github.com/stretchr/testify/require"
)

// runGet is what a caller of Run read before RunVars, the engine's
// runBatch until then: the result set, its one result an object, each
// variable got from it.
func runGet(ctx context.Context, p *Program, opts RunOptions, names []string) (values []*ast.Term, results int, err error) {
	rs, err := p.Run(ctx, opts)
	if err != nil {
		return nil, 0, err
	}
	set := rs.(ast.Set)
	if set.Len() != 1 {
		return nil, set.Len(), nil
	}
	obj, ok := set.Slice()[0].Value.(ast.Object)
	if !ok {
		return nil, 0, fmt.Errorf("%w: %T", errNotObject, set.Slice()[0].Value)
	}
	values = make([]*ast.Term, len(names))
	for i, name := range names {
		values[i] = obj.Get(ast.StringTerm(name))
	}
	return values, 1, nil
}

// errNotObject is runGet's error for a result that is no object: the
// caller then had no bindings, as RunVars's error gives none.
var errNotObject = errors.New("the result is not an object")

// runOptions are the same options afresh: a seed is read as it is used,
// so each evaluation gets its own reader of the same bytes.
func runOptions(input ast.Value) RunOptions {
	return RunOptions{
		Input:               input,
		Time:                time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		StrictBuiltinErrors: true,
		Seed:                bytes.NewReader(bytes.Repeat([]byte{7}, 4096)),
	}
}

// requireSameVars evaluates p by RunVars and by Run + Get on input and
// requires the same: error, number of results, every value of names.
func requireSameVars(t *testing.T, p *Program, input ast.Value, names []string) (results int) {
	t.Helper()
	ctx := context.Background()
	wantValues, wantResults, wantErr := runGet(ctx, p, runOptions(input), names)
	values, results, err := p.RunVars(ctx, runOptions(input), names)
	switch {
	case errors.Is(wantErr, errNotObject):
		require.ErrorContains(t, err, "not an object")
		require.Nil(t, values)
		return 0
	case wantErr != nil:
		require.Error(t, err)
		require.Equal(t, wantErr.Error(), err.Error(), "the evaluation's own error")
		require.Nil(t, values)
		return 0
	}
	require.NoError(t, err)
	require.Equal(t, wantResults, results, "results")
	if wantResults != 1 {
		require.Nil(t, values, "values of %d results", results)
		return results
	}
	require.Len(t, values, len(names))
	for i, name := range names {
		if wantValues[i] == nil {
			require.Nil(t, values[i], "%s is undefined by Run", name)
			continue
		}
		require.NotNil(t, values[i], "%s", name)
		require.True(t, wantValues[i].Equal(values[i]), "%s: Run %v, RunVars %v", name, wantValues[i], values[i])
	}
	return results
}

var varsTargets atomic.Int64

// prepareVM prepares query on this target with modules and data, and
// returns its program.
func prepareVM(t *testing.T, query string, modules map[string]string, data map[string]any, strict bool) (*Program, error) {
	t.Helper()
	name := fmt.Sprintf("%s-vars-%d", Name, varsTargets.Add(1))
	var dataValue ast.Value = ast.NewObject()
	opts := []func(*rego.Rego){rego.Query(query), rego.Target(name), rego.StrictBuiltinErrors(strict)}
	if data != nil {
		v, err := ast.InterfaceToValue(data)
		if err != nil {
			return nil, err
		}
		dataValue = v
		opts = append(opts, rego.Store(inmem.NewFromObject(data)))
	}
	rego.RegisterPlugin(name, Target{Name: name, Data: dataValue})
	for _, file := range slices.Sorted(maps.Keys(modules)) {
		opts = append(opts, rego.Module(file, modules[file]))
	}
	var p *Program
	if _, err := rego.New(opts...).PrepareForEval(Capture(context.Background(), &p)); err != nil {
		return nil, err
	}
	require.NotNil(t, p, "the target captured no program")
	return p, nil
}

// TestRunVarsAsRunAndGet compares RunVars with Run + Get on queries of
// every outcome: one result, none, several (distinct, and equal ones the
// set makes one), variables undefined in some iterations, names that are
// no variable, an error, and a query shaped like the engine's batches.
func TestRunVarsAsRunAndGet(t *testing.T) {
	module := `package p
deny contains msg if { input.bad; msg := "bad" }
deny contains msg if { input.worse; msg := "worse" }
unknown contains "u" if { not input.known }
`
	for _, tc := range []struct {
		name        string
		query       string
		input       string
		names       []string
		wantResults int
	}{
		{"one result", `x := input.a; y := [1, x]`, `{"a": 2}`, []string{"x", "y"}, 1},
		{"names in another order, twice, and none", `x := input.a; y := [1, x]`, `{"a": 2}`, []string{"y", "nope", "x", "y"}, 1},
		{"no names", `x := input.a`, `{"a": 2}`, nil, 1},
		{"no variables of its own", `input.a == 2`, `{"a": 2}`, []string{"x"}, 1},
		{"undefined: no result", `x := input.missing`, `{"a": 2}`, []string{"x"}, 0},
		{"several results", `x := input.items[_]`, `{"items": [1, 2, 3]}`, []string{"x"}, 3},
		{"equal results are one", `x := input.items[_]`, `{"items": [1, 1]}`, []string{"x"}, 1},
		{"undefined in some iterations", `y := input.items[_].a`, `{"items": [{"a": 1}, {"b": 2}]}`, []string{"y"}, 1},
		{"undefined in every iteration", `y := input.items[_].a`, `{"items": [{"b": 1}, {"b": 2}]}`, []string{"y"}, 0},
		{"several variables, several results", `some i; x := input.items[i]; i > 0`, `{"items": ["a", "b", "c"]}`, []string{"i", "x"}, 2},
		{"error", `x := 1 / input.zero`, `{"zero": 0}`, []string{"x"}, 0},
		{"batch shape", `d0 := data.p.deny; u0 := [u | some u in data.p.unknown]; d1 := data.p.deny`, `{"bad": true}`, []string{"d0", "u0", "d1", "u1"}, 1},
		{"batch shape, empty sets", `d0 := data.p.deny; u0 := [u | some u in data.p.unknown]`, `{"known": true}`, []string{"d0", "u0"}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := prepareVM(t, tc.query, map[string]string{"p.rego": module}, nil, true)
			require.NoError(t, err)
			require.NotNil(t, (*program)(p).shape, "the planner's result statements are recognised")
			input, err := ast.ParseTerm(tc.input)
			require.NoError(t, err)
			require.Equal(t, tc.wantResults, requireSameVars(t, p, input.Value, tc.names))
			// The cached positions of the names are for these names only.
			requireSameVars(t, p, input.Value, slices.Concat(tc.names, []string{"x"}))
			requireSameVars(t, p, input.Value, tc.names)
		})
	}
}

// irPolicy is a hand-made policy of one plan whose statements are stmts,
// strings its string constants, over locals from ir.Unused on.
func irPolicy(strs []string, blocks ...*ir.Block) *ir.Policy {
	static := &ir.Static{}
	for _, s := range strs {
		static.Strings = append(static.Strings, &ir.StringConst{Value: s})
	}
	return &ir.Policy{
		Static: static,
		Plans:  &ir.Plans{Plans: []*ir.Plan{{Name: "q", Blocks: blocks}}},
		Funcs:  &ir.Funcs{},
	}
}

func block(stmts ...ir.Stmt) *ir.Block { return &ir.Block{Stmts: stmts} }

// TestResultShapeOnlyWhenExact runs hand-made plans that are the
// planner's result statements and plans that are almost: only the exact
// shape is recognised, and every plan reads by RunVars as by Run + Get.
func TestResultShapeOnlyWhenExact(t *testing.T) {
	const (
		obj = ir.Unused + iota
		one
		two
		other
	)
	x, y := ir.Operand{Value: ir.StringIndex(0)}, ir.Operand{Value: ir.StringIndex(1)}
	local := func(l ir.Local) ir.Operand { return ir.Operand{Value: l} }
	values := []ir.Stmt{&ir.MakeNumberIntStmt{Value: 1, Target: one}, &ir.MakeNumberIntStmt{Value: 2, Target: two}}
	withValues := func(stmts ...ir.Stmt) *ir.Block { return block(slices.Concat(values, stmts)...) }
	for _, tc := range []struct {
		name   string
		policy *ir.Policy
		shape  bool
	}{
		{"the planner's", irPolicy([]string{"x", "y"}, withValues(
			&ir.MakeObjectStmt{Target: obj},
			&ir.ObjectInsertStmt{Object: obj, Key: x, Value: local(one)},
			&ir.ObjectInsertStmt{Object: obj, Key: y, Value: local(two)},
			&ir.ResultSetAddStmt{Value: obj},
		)), true},
		{"no variables", irPolicy(nil, withValues(
			&ir.MakeObjectStmt{Target: obj},
			&ir.ResultSetAddStmt{Value: obj},
		)), true},
		{"inside a block and a not", irPolicy([]string{"x"}, withValues(
			&ir.BlockStmt{Blocks: []*ir.Block{block(&ir.NotStmt{Block: block(&ir.IsUndefinedStmt{Source: one})},
				&ir.MakeObjectStmt{Target: obj},
				&ir.ObjectInsertStmt{Object: obj, Key: x, Value: local(one)},
				&ir.ResultSetAddStmt{Value: obj},
			)}},
		)), true},
		{"an undefined value", irPolicy([]string{"x", "y"}, withValues(
			&ir.MakeObjectStmt{Target: obj},
			&ir.ObjectInsertStmt{Object: obj, Key: x, Value: local(one)},
			&ir.ObjectInsertStmt{Object: obj, Key: y, Value: local(other)},
			&ir.ResultSetAddStmt{Value: obj},
		)), true},
		{"a duplicate key", irPolicy([]string{"x"}, withValues(
			&ir.MakeObjectStmt{Target: obj},
			&ir.ObjectInsertStmt{Object: obj, Key: x, Value: local(one)},
			&ir.ObjectInsertStmt{Object: obj, Key: x, Value: local(two)},
			&ir.ResultSetAddStmt{Value: obj},
		)), false},
		{"a key that is not a constant", irPolicy([]string{"x"}, withValues(
			&ir.MakeObjectStmt{Target: obj},
			&ir.ObjectInsertStmt{Object: obj, Key: local(one), Value: local(two)},
			&ir.ResultSetAddStmt{Value: obj},
		)), false},
		{"a statement between", irPolicy([]string{"x", "y"}, withValues(
			&ir.MakeObjectStmt{Target: obj},
			&ir.ObjectInsertStmt{Object: obj, Key: x, Value: local(one)},
			&ir.NopStmt{},
			&ir.ObjectInsertStmt{Object: obj, Key: y, Value: local(two)},
			&ir.ResultSetAddStmt{Value: obj},
		)), false},
		{"an insert into another object", irPolicy([]string{"x", "y"}, withValues(
			&ir.MakeObjectStmt{Target: other},
			&ir.MakeObjectStmt{Target: obj},
			&ir.ObjectInsertStmt{Object: obj, Key: x, Value: local(one)},
			&ir.ObjectInsertStmt{Object: other, Key: y, Value: local(two)},
			&ir.ResultSetAddStmt{Value: obj},
		)), false},
		{"the object read elsewhere", irPolicy([]string{"x"}, withValues(
			&ir.MakeObjectStmt{Target: obj},
			&ir.ObjectInsertStmt{Object: obj, Key: x, Value: local(one)},
			&ir.ResultSetAddStmt{Value: obj},
			&ir.AssignVarStmt{Source: local(obj), Target: other},
		)), false},
		{"an object made elsewhere", irPolicy([]string{"x"}, withValues(
			&ir.MakeObjectStmt{Target: other},
			&ir.AssignVarStmt{Source: local(other), Target: obj},
			&ir.ObjectInsertStmt{Object: obj, Key: x, Value: local(one)},
			&ir.ResultSetAddStmt{Value: obj},
		)), false},
		{"a result that is not an object", irPolicy(nil, withValues(
			&ir.ResultSetAddStmt{Value: one},
		)), false},
		{"the input as the object", irPolicy([]string{"x"}, withValues(
			&ir.MakeObjectStmt{Target: ir.Input},
			&ir.ObjectInsertStmt{Object: ir.Input, Key: x, Value: local(one)},
			&ir.ResultSetAddStmt{Value: ir.Input},
		)), false},
		{"two results added", irPolicy([]string{"x"}, withValues(
			&ir.MakeObjectStmt{Target: obj},
			&ir.ObjectInsertStmt{Object: obj, Key: x, Value: local(one)},
			&ir.ResultSetAddStmt{Value: obj},
		), block(
			&ir.MakeObjectStmt{Target: obj},
			&ir.ResultSetAddStmt{Value: obj},
		)), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := compile(tc.policy, nil)
			require.NoError(t, err)
			require.Equal(t, tc.shape, p.shape != nil, "shape recognised")
			requireSameVars(t, (*Program)(p), ast.NewObject(), []string{"x", "y", "z"})
		})
	}
}

// TestResultShapeLeavesThePlan checks that recognising the shape copies
// what it replaces: Run still runs the plan's own statements.
func TestResultShapeLeavesThePlan(t *testing.T) {
	inner := block(
		&ir.MakeObjectStmt{Target: ir.Unused},
		&ir.ResultSetAddStmt{Value: ir.Unused},
	)
	outer := block(&ir.BlockStmt{Blocks: []*ir.Block{inner}})
	policy := irPolicy(nil, outer)
	p, err := compile(policy, nil)
	require.NoError(t, err)
	require.NotNil(t, p.shape)
	require.Len(t, inner.Stmts, 2)
	require.IsType(t, &ir.MakeObjectStmt{}, inner.Stmts[0])
	require.Same(t, inner, outer.Stmts[0].(*ir.BlockStmt).Blocks[0])
	require.NotSame(t, outer, p.shape.blocks[0])
}

// TestRunVarsOnComplianceCases runs every compliance case OPA's planner
// plans for this target by RunVars and by Run + Get, on every variable
// its results bind and one they do not: the same outcome every time. The
// counts make sure the cases reach the recognised shape with one, none
// and several results, and plans without it.
func TestRunVarsOnComplianceCases(t *testing.T) {
	dir := filepath.Join(opaDir(t), "v1", "test", "cases", "testdata", "v1")
	set, err := cases.Load(dir)
	require.NoError(t, err)
	counts := map[string]int{}
	for _, tc := range set.Sorted().Cases {
		for k, v := range tc.Env {
			t.Setenv(k, v)
		}
		modules := map[string]string{}
		for i, m := range tc.Modules {
			modules[fmt.Sprintf("test-%d.rego", i)] = m
		}
		var data map[string]any
		if tc.Data != nil {
			data = *tc.Data
		}
		p, err := prepareVM(t, tc.Query, modules, data, tc.StrictError)
		if err != nil {
			counts["refused"]++
			continue
		}
		var input ast.Value
		switch {
		case tc.InputTerm != nil:
			term, err := ast.ParseTerm(*tc.InputTerm)
			require.NoError(t, err, tc.Note)
			input = term.Value
		case tc.Input != nil:
			input, err = ast.InterfaceToValue(*tc.Input)
			require.NoError(t, err, tc.Note)
		}
		names := []string{"__no_such_variable__"}
		if shape := (*program)(p).shape; shape != nil {
			for _, k := range shape.keys {
				names = append(names, string(k.Value.(ast.String)))
			}
		}
		if rs, err := p.Run(context.Background(), runOptions(input)); err == nil {
			for _, r := range rs.(ast.Set).Slice() {
				if obj, ok := r.Value.(ast.Object); ok {
					for _, k := range obj.Keys() {
						if s, ok := k.Value.(ast.String); ok && !slices.Contains(names, string(s)) {
							names = append(names, string(s))
						}
					}
				}
			}
		}
		var results int
		t.Run(strings.ReplaceAll(tc.Note, "/", "_"), func(t *testing.T) {
			results = requireSameVars(t, p, input, names)
		})
		switch {
		case (*program)(p).shape == nil:
			counts["without the shape"]++
		case results == 0:
			counts["shape, no result"]++
		case results == 1:
			counts["shape, one result"]++
		default:
			counts["shape, several results"]++
		}
	}
	t.Logf("%d cases: %v", len(set.Cases), counts)
	for _, k := range []string{"shape, no result", "shape, one result", "shape, several results"} {
		require.Positive(t, counts[k], k)
	}
}
