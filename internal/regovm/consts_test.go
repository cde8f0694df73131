package regovm

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/ir"
	"github.com/stretchr/testify/require"
)

// constStmts counts the constStmts of blocks, nested ones too.
func constStmts(blocks []*ir.Block) int {
	n := 0
	for _, b := range blocks {
		for _, s := range b.Stmts {
			if _, ok := s.(*constStmt); ok {
				n++
			}
			n += constStmts(innerBlocks(s))
		}
	}
	return n
}

// programConstStmts counts the constStmts a program evaluates.
func programConstStmts(p *program) int {
	n := constStmts(p.blocks)
	for _, f := range p.funcs {
		n += constStmts(f.blocks)
	}
	return n
}

// TestConstantsAsPlainOnCatalog evaluates the batch plan of every control
// of the embedded catalogue with its constants built once and as the plain
// program that builds them anew, on the example evidence: the same result
// sets or the same errors, input by input, and the catalogue does have
// constants to share.
func TestConstantsAsPlainOnCatalog(t *testing.T) {
	plans := planCatalog(t)
	inputs := catalogInputs(t)
	hoisted, nonEmpty := 0, 0
	for _, cp := range plans {
		p, err := Load(cp.policy, nil)
		require.NoError(t, err, cp.pkg)
		plain, err := p.Plain()
		require.NoError(t, err, cp.pkg)
		require.Zero(t, programConstStmts((*program)(plain)), "%s: the plain program shares no constants", cp.pkg)
		hoisted += programConstStmts((*program)(p))
		for i, in := range inputs {
			// Twice each: a second evaluation sees the constants the
			// first was handed, unchanged.
			for range 2 {
				want, wantErr := runOn(plain, in)
				got, gotErr := runOn(p, in)
				if wantErr != nil {
					require.EqualError(t, gotErr, wantErr.Error(), "%s input %d", cp.pkg, i)
					continue
				}
				require.NoError(t, gotErr, "%s input %d", cp.pkg, i)
				require.Equal(t, want.String(), got.String(), "%s input %d", cp.pkg, i)
				if want.(ast.Set).Len() > 0 {
					nonEmpty++
				}
			}
		}
	}
	require.Positive(t, hoisted, "no plan of the catalogue has a constant run")
	require.Positive(t, nonEmpty, "no plan gave a result on any input: the comparison compared nothing")
	t.Logf("%d plans, %d constant runs", len(plans), hoisted)
}

// TestConstantLiteralsShared: a rule whose value is a literal hands every
// evaluation the one term, a function's literal operand is built once, and
// what an evaluation builds by adding (a partial set, a comprehension) is
// its own, so one evaluation's result never changes under the next.
func TestConstantLiteralsShared(t *testing.T) {
	module := `package p
ports := {22: "SSH", 3389: "RDP"}
covers(rule) if rule.protocol in {"tcp", "6"}
deny contains p if { some p in input.ports; ports[p]; covers(input) }
names := [ports[p] | some p in input.ports]
`
	p, err := prepareVM(t, `d := data.p.deny; n := data.p.names; c := data.p.ports; e := set()`, map[string]string{"p.rego": module}, nil, true)
	require.NoError(t, err)
	require.Positive(t, programConstStmts((*program)(p)), "the literals are constant runs")
	names := []string{"d", "n", "c", "e"}
	run := func(input string) []*ast.Term {
		in, err := ast.ParseTerm(input)
		require.NoError(t, err)
		values, results, err := p.RunVars(context.Background(), runOptions(in.Value), names)
		require.NoError(t, err)
		require.Equal(t, 1, results)
		return values
	}
	first := run(`{"protocol": "tcp", "ports": [22, 80]}`)
	require.Equal(t, `{22}`, first[0].String())
	require.Equal(t, `["SSH"]`, first[1].String())
	require.Equal(t, `{22: "SSH", 3389: "RDP"}`, first[2].String())
	require.Equal(t, `set()`, first[3].String())
	second := run(`{"protocol": "6", "ports": [3389, 22]}`)
	require.Equal(t, `{22, 3389}`, second[0].String())
	require.Equal(t, `["RDP", "SSH"]`, second[1].String())
	require.Same(t, first[2], second[2], "a rule's literal value is the one term")
	require.Same(t, first[3], second[3], "the empty set of the query is the one term")
	require.NotSame(t, first[0], second[0], "a partial set is each evaluation's own")
	require.NotSame(t, first[1], second[1], "a comprehension is each evaluation's own")
	require.Equal(t, `{22}`, first[0].String(), "the first result is as it was handed out")
	require.Equal(t, `["SSH"]`, first[1].String(), "the first result is as it was handed out")

	// The plain program agrees, with terms of its own each time.
	plain, err := p.Plain()
	require.NoError(t, err)
	in, err := ast.ParseTerm(`{"protocol": "6", "ports": [3389, 22]}`)
	require.NoError(t, err)
	a, _, err := plain.RunVars(context.Background(), runOptions(in.Value), names)
	require.NoError(t, err)
	b, _, err := plain.RunVars(context.Background(), runOptions(in.Value), names)
	require.NoError(t, err)
	require.NotSame(t, a[2], b[2])
	for i := range names {
		require.True(t, a[i].Equal(second[i]), "%s: plain %v, shared %v", names[i], a[i], second[i])
	}
}

// TestConstantsConcurrently evaluates a program with shared constants from
// several goroutines at once (run with -race): reading a shared set or
// object is all an evaluation does with it.
func TestConstantsConcurrently(t *testing.T) {
	module := `package p
ports := {22: "SSH", 3389: "RDP", 5432: "PostgreSQL"}
deny contains msg if { some p in input.ports; s := ports[p]; input.protocol in {"tcp", "6"}; msg := sprintf("%d %s", [p, s]) }
`
	p, err := prepareVM(t, `d := data.p.deny; k := sort(object.keys(data.p.ports))`, map[string]string{"p.rego": module}, nil, true)
	require.NoError(t, err)
	require.Positive(t, programConstStmts((*program)(p)))
	in, err := ast.ParseTerm(`{"protocol": "tcp", "ports": [22, 5432, 80]}`)
	require.NoError(t, err)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			for range 200 {
				values, _, err := p.RunVars(context.Background(), runOptions(in.Value), []string{"d", "k"})
				if err != nil {
					errs <- err
					return
				}
				if got := values[0].String() + " " + values[1].String(); got != `{"22 SSH", "5432 PostgreSQL"} [22, 3389, 5432]` {
					errs <- fmt.Errorf("got %s", got)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
}

// TestConstantRuns runs hand-made plans around the rules of hoistConstants:
// what is shared, what is not, and a plan that adds to a shared composite
// through another local, which is an error where it would change the
// constant. Every plan is evaluated as the plain program too.
func TestConstantRuns(t *testing.T) {
	const (
		set = ir.Unused + iota
		acc
		alias
		num
		obj
	)
	a, b := ir.Operand{Value: ir.StringIndex(0)}, ir.Operand{Value: ir.StringIndex(1)}
	local := func(l ir.Local) ir.Operand { return ir.Operand{Value: l} }
	strs := []string{"a", "b"}
	for _, tc := range []struct {
		name   string
		blocks []*ir.Block
		// consts is how many constant runs the program has.
		consts int
		want   string
		// err: the shared program refuses the plan, the plain one gives want.
		err string
	}{
		{"a literal", []*ir.Block{block(
			&ir.MakeSetStmt{Target: set},
			&ir.SetAddStmt{Set: set, Value: a},
			&ir.SetAddStmt{Set: set, Value: b},
			&ir.ResultSetAddStmt{Value: set},
		)}, 1, `{{"a", "b"}}`, ""},
		{"nested, numbers as keys", []*ir.Block{block(
			&ir.MakeSetStmt{Target: set},
			&ir.SetAddStmt{Set: set, Value: a},
			&ir.MakeNumberIntStmt{Target: num, Value: 7},
			&ir.MakeObjectStmt{Target: obj},
			&ir.ObjectInsertStmt{Object: obj, Key: local(num), Value: local(set)},
			&ir.ResultSetAddStmt{Value: obj},
		)}, 1, `{{7: {"a"}}}`, ""},
		{"added to in another block", []*ir.Block{block(
			&ir.MakeSetStmt{Target: set},
			&ir.SetAddStmt{Set: set, Value: a},
			&ir.BlockStmt{Blocks: []*ir.Block{block(&ir.SetAddStmt{Set: set, Value: b})}},
			&ir.ResultSetAddStmt{Value: set},
		)}, 0, `{{"a", "b"}}`, ""},
		{"an accumulator before a literal", []*ir.Block{block(
			&ir.MakeSetStmt{Target: acc},
			&ir.MakeSetStmt{Target: set},
			&ir.SetAddStmt{Set: set, Value: a},
			&ir.BlockStmt{Blocks: []*ir.Block{block(&ir.SetAddStmt{Set: acc, Value: local(set)})}},
			&ir.ResultSetAddStmt{Value: acc},
		)}, 1, `{{{"a"}}}`, ""},
		{"added to after it is an element", []*ir.Block{block(
			&ir.MakeSetStmt{Target: set},
			&ir.MakeArrayStmt{Target: obj},
			&ir.ArrayAppendStmt{Array: obj, Value: local(set)},
			&ir.SetAddStmt{Set: set, Value: a},
			&ir.ResultSetAddStmt{Value: obj},
		)}, 0, `{[{"a"}]}`, ""},
		{"a local written twice", []*ir.Block{block(
			&ir.MakeNumberIntStmt{Target: num, Value: 1},
			&ir.MakeArrayStmt{Target: obj},
			&ir.ArrayAppendStmt{Array: obj, Value: local(num)},
			&ir.MakeNumberIntStmt{Target: num, Value: 2},
			&ir.ArrayAppendStmt{Array: obj, Value: local(num)},
			&ir.ResultSetAddStmt{Value: obj},
		)}, 0, `{[1, 2]}`, ""},
		{"copied, then a member added again", []*ir.Block{block(
			&ir.MakeSetStmt{Target: set},
			&ir.SetAddStmt{Set: set, Value: a},
			&ir.AssignVarStmt{Target: alias, Source: local(set)},
			&ir.SetAddStmt{Set: alias, Value: a},
			&ir.ResultSetAddStmt{Value: set},
		)}, 1, `{{"a"}}`, ""},
		{"copied, then added to", []*ir.Block{block(
			&ir.MakeSetStmt{Target: set},
			&ir.SetAddStmt{Set: set, Value: a},
			&ir.AssignVarStmt{Target: alias, Source: local(set)},
			&ir.SetAddStmt{Set: alias, Value: b},
			&ir.ResultSetAddStmt{Value: set},
		)}, 1, `{{"a", "b"}}`, "adds to a constant"},
		{"an array copied, then appended to", []*ir.Block{block(
			&ir.MakeArrayStmt{Target: obj},
			&ir.AssignVarStmt{Target: alias, Source: local(obj)},
			&ir.ArrayAppendStmt{Array: alias, Value: a},
			&ir.ResultSetAddStmt{Value: obj},
		)}, 1, `{["a"]}`, "adds to a constant"},
		{"an object copied, then inserted into", []*ir.Block{block(
			&ir.MakeObjectStmt{Target: obj},
			&ir.AssignVarStmt{Target: alias, Source: local(obj)},
			&ir.ObjectInsertStmt{Object: alias, Key: a, Value: b},
			&ir.ResultSetAddStmt{Value: obj},
		)}, 1, `{{"a": "b"}}`, "adds to a constant"},
		{"an object copied, then the same key inserted once", []*ir.Block{block(
			&ir.MakeObjectStmt{Target: obj},
			&ir.ObjectInsertStmt{Object: obj, Key: a, Value: b},
			&ir.AssignVarStmt{Target: alias, Source: local(obj)},
			&ir.ObjectInsertOnceStmt{Object: alias, Key: a, Value: b},
			&ir.ResultSetAddStmt{Value: obj},
		)}, 1, `{{"a": "b"}}`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Load(irPolicy(strs, tc.blocks...), nil)
			require.NoError(t, err)
			require.Equal(t, tc.consts, programConstStmts((*program)(p)))
			plain, err := p.Plain()
			require.NoError(t, err)
			want, err := plain.Run(context.Background(), runOptions(nil))
			require.NoError(t, err)
			require.Equal(t, tc.want, want.String())
			for range 2 {
				got, err := p.Run(context.Background(), runOptions(nil))
				if tc.err != "" {
					require.ErrorContains(t, err, tc.err)
					continue
				}
				require.NoError(t, err)
				require.Equal(t, tc.want, got.String())
			}
		})
	}
}
