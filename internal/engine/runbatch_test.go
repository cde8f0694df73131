package engine

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/controls"
	"github.com/rampart-audit/rampart/internal/benchdata"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/regovm"
	"github.com/rampart-audit/rampart/internal/terraform"
)

// batchCall is one evaluation of a batch as evaluateGroup makes it: a
// resource's input on the IR program of its type's batch.
type batchCall struct {
	controls []*Control
	vm       *regovm.Program
	input    ast.Value
}

// batchCalls are the batch evaluations of snap on e, each resource on
// every batch of its type (with the input the engine gives a batch
// without relations: what is read back does not depend on it).
func batchCalls(tb testing.TB, e *Engine, snap *evidence.Snapshot) []batchCall {
	tb.Helper()
	inputs := newRunInputs(Env{}, snap.Resources)
	var calls []batchCall
	for _, r := range snap.Resources {
		for g, group := range e.groups[r.Type] {
			lq, ok := e.batchFor(groupKey(r.Type, g))
			require.True(tb, ok, "batch of %s", r.Type)
			_, err := lq.get()
			require.NoError(tb, err)
			require.NotNil(tb, lq.vm, "batch of %s on the IR evaluator", r.Type)
			input, err := inputs.value(r, nil)
			require.NoError(tb, err)
			calls = append(calls, batchCall{controls: group, vm: lq.vm, input: input})
		}
	}
	require.NotEmpty(tb, calls)
	return calls
}

// runGetBatch is runBatch as it was before regovm.RunVars: Run, the one
// result object of its set, each variable got from it by a string term
// made once per process (batchKeys then).
func runGetBatch(ctx context.Context, e *Engine, vm *regovm.Program, keys []*ast.Term, input ast.Value, now time.Time, prog *progress) (rego.Vars, int) {
	rs, err := vm.Run(ctx, regovm.RunOptions{Input: input, Time: now, StrictBuiltinErrors: true, Capabilities: e.compiler.Capabilities()})
	if err != nil {
		return nil, prog.culprit()
	}
	set, ok := rs.(ast.Set)
	if !ok || set.Len() != 1 {
		return nil, prog.culprit()
	}
	obj, ok := set.Slice()[0].Value.(ast.Object)
	if !ok {
		return nil, prog.culprit()
	}
	bindings := make(rego.Vars, len(keys))
	for _, k := range keys {
		if t := obj.Get(k); t != nil {
			bindings[string(k.Value.(ast.String))] = t
		}
	}
	return bindings, -1
}

// inBatch runs one batch evaluation as evaluateBatch sets it up: its own
// progress in the context, where the mark built-in finds it.
func inBatch(e *Engine, run func(ctx context.Context, prog *progress) (rego.Vars, int)) (rego.Vars, int) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	prog := &progress{current: -1, timedOut: -1, limit: e.timeout, cancel: cancel}
	defer prog.stop()
	return run(context.WithValue(ctx, progressKey{}, prog), prog)
}

// batchKeyTerms are the variables of a batch of n controls as string
// terms, what runGetBatch probes its object with.
func batchKeyTerms(n int) []*ast.Term {
	names := batchNames(n)
	keys := make([]*ast.Term, len(names))
	for i, name := range names {
		keys[i] = ast.StringTerm(name)
	}
	return keys
}

// terraformGateSnapshot is what the gate evaluates on the generated
// n-file repository of BenchmarkGate.
func terraformGateSnapshot(tb testing.TB, n int) *evidence.Snapshot {
	tb.Helper()
	fsys := fstest.MapFS{}
	for i, src := range benchdata.TerraformRepository(n) {
		fsys[benchdata.TerraformFileName(i)] = &fstest.MapFile{Data: src}
	}
	res, err := terraform.Load(context.Background(), fsys, []string{"."}, terraform.Options{})
	require.NoError(tb, err)
	require.NotNil(tb, res.Snapshot)
	return res.Snapshot
}

// runBatchSets is what the runBatch tests evaluate: an engine of one
// worker over the embedded catalogue, every example and fixture
// (differentialSets) and the generated 20-file gate repository, at a fixed
// time.
func runBatchSets(t *testing.T) (*Engine, map[string]*evidence.Snapshot, time.Time) {
	t.Helper()
	e, err := New(context.Background(), []Source{{Name: "controls", FS: controls.FS}}, WithWorkers(1))
	require.NoError(t, err)
	sets := differentialSets(t)
	sets["benchdata.TerraformRepository(20)"] = terraformGateSnapshot(t, 20)
	return e, sets, time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
}

// benchRunBatchSets is what the runBatch benchmarks evaluate: the same
// engine, the generated 200-file gate repository and the acme-shaped set.
func benchRunBatchSets(b *testing.B) (*Engine, map[string]*evidence.Snapshot) {
	b.Helper()
	e, err := New(context.Background(), []Source{{Name: "controls", FS: controls.FS}}, WithWorkers(1))
	if err != nil {
		b.Fatal(err)
	}
	acme, err := benchdata.Acme("../../examples/acme", 2000, 200)
	if err != nil {
		b.Fatal(err)
	}
	return e, map[string]*evidence.Snapshot{"terraform200": terraformGateSnapshot(b, 200), "acme": acme}
}

// requireSameBindings fails unless two runs of batch call i, the reference
// and the one under test (named for the messages), agree: the same
// culprit, bindings or none alike, the same variables with equal terms. It
// reports whether there were bindings.
func requireSameBindings(t *testing.T, i int, wantName string, want rego.Vars, wantCulprit int, gotName string, got rego.Vars, culprit int) bool {
	t.Helper()
	require.Equal(t, wantCulprit, culprit, "call %d: culprit", i)
	require.Equal(t, want == nil, got == nil, "call %d: bindings", i)
	require.ElementsMatch(t, slices.Collect(maps.Keys(want)), slices.Collect(maps.Keys(got)), "call %d: variables", i)
	for k, w := range want {
		require.True(t, w.(*ast.Term).Equal(got[k].(*ast.Term)), "call %d: %s: %s %v, %s %v", i, k, wantName, w, gotName, got[k])
	}
	return got != nil
}

// TestRunBatchReadsAsRunAndGet holds runBatch to what it read before
// RunVars, on every example and fixture and the generated gate
// repository: for every batch evaluation of every resource, the same
// bindings (the same variables, equal terms) and the same culprit.
func TestRunBatchReadsAsRunAndGet(t *testing.T) {
	e, sets, now := runBatchSets(t)
	for _, name := range slices.Sorted(maps.Keys(sets)) {
		snap := sets[name]
		if len(snap.Resources) == 0 {
			continue
		}
		t.Run(name, func(t *testing.T) {
			calls := batchCalls(t, e, snap)
			withBindings := 0
			for i, c := range calls {
				keys := batchKeyTerms(len(c.controls))
				want, wantCulprit := inBatch(e, func(ctx context.Context, prog *progress) (rego.Vars, int) {
					return runGetBatch(ctx, e, c.vm, keys, c.input, now, prog)
				})
				got, culprit := inBatch(e, func(ctx context.Context, prog *progress) (rego.Vars, int) {
					return e.runBatch(ctx, c.vm, c.controls, c.input, now, prog)
				})
				if requireSameBindings(t, i, "Run", want, wantCulprit, "RunVars", got, culprit) {
					withBindings++
				}
			}
			require.Positive(t, withBindings, "some batch gives bindings")
		})
	}
}

// BenchmarkRunBatch is reading a batch's bindings by regovm.RunVars
// (runBatch) against Run and a Get per variable from its result object
// (runGetBatch, runBatch before), every batch evaluation of the set in
// the same iterations, CPU time against CPU time, on the 200-file
// generated gate repository and the acme-shaped set:
//
//	go test -run '^$' -bench 'BenchmarkRunBatch' -benchtime 5x ./internal/engine/
//
// Both evaluate the whole batch; the difference is the result object,
// its set and the Gets.
func BenchmarkRunBatch(b *testing.B) {
	e, sets := benchRunBatchSets(b)
	now := time.Now()
	for _, name := range slices.Sorted(maps.Keys(sets)) {
		calls := batchCalls(b, e, sets[name])
		keys := make([][]*ast.Term, len(calls))
		pairs := 0
		for i, c := range calls {
			keys[i] = batchKeyTerms(len(c.controls))
			pairs += len(c.controls)
		}
		each := func(run func(c batchCall, keys []*ast.Term) (rego.Vars, int)) func() (int, error) {
			return func() (int, error) {
				for i, c := range calls {
					if bindings, _ := run(c, keys[i]); bindings == nil {
						return 0, fmt.Errorf("call %d (%d controls): no bindings", i, len(c.controls))
					}
				}
				return pairs, nil
			}
		}
		b.Run("set="+name, func(b *testing.B) {
			report(b, race(b,
				&contender{name: "runvars", eval: each(func(c batchCall, _ []*ast.Term) (rego.Vars, int) {
					return inBatch(e, func(ctx context.Context, prog *progress) (rego.Vars, int) {
						return e.runBatch(ctx, c.vm, c.controls, c.input, now, prog)
					})
				})},
				&contender{name: "runget", eval: each(func(c batchCall, keys []*ast.Term) (rego.Vars, int) {
					return inBatch(e, func(ctx context.Context, prog *progress) (rego.Vars, int) {
						return runGetBatch(ctx, e, c.vm, keys, c.input, now, prog)
					})
				})},
			))
		})
	}
}

// plainPrograms are the plain programs (regovm.Program.Plain: constant
// composites built anew by every evaluation) of calls' batches, one per
// batch program.
func plainPrograms(tb testing.TB, calls []batchCall) map[*regovm.Program]*regovm.Program {
	tb.Helper()
	plain := map[*regovm.Program]*regovm.Program{}
	for _, c := range calls {
		if _, ok := plain[c.vm]; ok {
			continue
		}
		p, err := c.vm.Plain()
		require.NoError(tb, err)
		plain[c.vm] = p
	}
	return plain
}

// TestRunBatchConstantsAsPlain holds runBatch on the batch programs as
// evaluated (constant composites built once, shared by every evaluation)
// to the same programs built plain, on every example and fixture and the
// generated gate repository: the same bindings and culprit for every batch
// evaluation, each evaluated twice so the second sees whatever the first
// was handed.
func TestRunBatchConstantsAsPlain(t *testing.T) {
	e, sets, now := runBatchSets(t)
	for _, name := range slices.Sorted(maps.Keys(sets)) {
		snap := sets[name]
		if len(snap.Resources) == 0 {
			continue
		}
		t.Run(name, func(t *testing.T) {
			calls := batchCalls(t, e, snap)
			plain := plainPrograms(t, calls)
			withBindings := 0
			for i, c := range calls {
				for range 2 {
					want, wantCulprit := inBatch(e, func(ctx context.Context, prog *progress) (rego.Vars, int) {
						return e.runBatch(ctx, plain[c.vm], c.controls, c.input, now, prog)
					})
					got, culprit := inBatch(e, func(ctx context.Context, prog *progress) (rego.Vars, int) {
						return e.runBatch(ctx, c.vm, c.controls, c.input, now, prog)
					})
					if requireSameBindings(t, i, "plain", want, wantCulprit, "constants", got, culprit) {
						withBindings++
					}
				}
			}
			require.Positive(t, withBindings, "some batch gives bindings")
		})
	}
}

// BenchmarkRunBatchConstants is runBatch on the batch programs as
// evaluated, constant composites built once ("constants"), against the
// same programs built plain, every literal built anew by its statements on
// every evaluation ("plain", regovm before consts.go), every batch
// evaluation of the set in the same iterations, CPU time against CPU time:
//
//	go test -run '^$' -bench 'BenchmarkRunBatchConstants' -benchtime 10x ./internal/engine/
func BenchmarkRunBatchConstants(b *testing.B) {
	e, sets := benchRunBatchSets(b)
	now := time.Now()
	for _, name := range slices.Sorted(maps.Keys(sets)) {
		calls := batchCalls(b, e, sets[name])
		plain := plainPrograms(b, calls)
		pairs := 0
		for _, c := range calls {
			pairs += len(c.controls)
		}
		each := func(program func(c batchCall) *regovm.Program) func() (int, error) {
			return func() (int, error) {
				for i, c := range calls {
					bindings, _ := inBatch(e, func(ctx context.Context, prog *progress) (rego.Vars, int) {
						return e.runBatch(ctx, program(c), c.controls, c.input, now, prog)
					})
					if bindings == nil {
						return 0, fmt.Errorf("call %d (%d controls): no bindings", i, len(c.controls))
					}
				}
				return pairs, nil
			}
		}
		b.Run("set="+name, func(b *testing.B) {
			report(b, race(b,
				&contender{name: "constants", eval: each(func(c batchCall) *regovm.Program { return c.vm })},
				&contender{name: "plain", eval: each(func(c batchCall) *regovm.Program { return plain[c.vm] })},
			))
		})
	}
}
