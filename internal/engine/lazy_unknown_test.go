package engine

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/rampart-audit/rampart/controls"
	"github.com/rampart-audit/rampart/internal/benchdata"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
)

// withEagerUnknown evaluates every unknown set, failing controls' too: the
// engine before the unknown sets became lazy.
func withEagerUnknown() Option { return func(e *Engine) { e.eagerUnknown = true } }

// TestLazyUnknownJudgesAlike evaluates the built-in controls over the
// example's evidence, the benchmarks' realistic and generated sets, with
// unknown sets evaluated only where deny is empty and with both always
// evaluated: every finding — status, message, path — must be the same.
func TestLazyUnknownJudgesAlike(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	lazy, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}})
	if err != nil {
		t.Fatal(err)
	}
	eager, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}}, withEagerUnknown())
	if err != nil {
		t.Fatal(err)
	}
	example, err := evidence.Load("../../examples/acme/evidence")
	if err != nil {
		t.Fatal(err)
	}
	acme, err := benchdata.Acme("../../examples/acme", 40, 12)
	if err != nil {
		t.Fatal(err)
	}
	sets := map[string]*evidence.Snapshot{
		"example":   example,
		"acme":      acme,
		"generated": {Resources: generateResources(500)},
	}
	for name, snap := range sets {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			want := eager.Evaluate(ctx, snap, nil)
			got := lazy.Evaluate(ctx, snap, nil)
			fails := 0
			for _, f := range want {
				if f.Status == finding.Fail {
					fails++
				}
			}
			if fails == 0 {
				t.Fatal("no failing result: the set does not exercise the lazy unknown sets")
			}
			assert.Equal(t, want, got, "lazy unknown sets changed the findings")
		})
	}
}

// BenchmarkEvaluateLazyUnknown is the engine on one worker with lazy
// unknown sets against the same engine evaluating every unknown set (the
// code before), in the same iterations, CPU time against CPU time:
//
//	go test -run '^$' -bench BenchmarkEvaluateLazyUnknown -benchtime 3x ./internal/engine/
func BenchmarkEvaluateLazyUnknown(b *testing.B) {
	benchOneWorkerAgainst(b, "lazy", baseline{"eager", withEagerUnknown()})
}

// baseline is one engine a benchmark races the tuned one against: the
// same catalogue loaded with opt.
type baseline struct {
	name string
	opt  Option
}

// benchOneWorkerAgainst races the engine on one worker (named tuned)
// against the same engine with each baseline's option, on every benchmark
// set, in the same iterations.
func benchOneWorkerAgainst(b *testing.B, tuned string, baselines ...baseline) {
	ctx := context.Background()
	now, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}}, WithWorkers(1))
	if err != nil {
		b.Fatal(err)
	}
	others := make([]*Engine, len(baselines))
	for i, bl := range baselines {
		if others[i], err = New(ctx, []Source{{Name: "controls", FS: controls.FS}}, WithWorkers(1), bl.opt); err != nil {
			b.Fatal(err)
		}
	}
	for name, snap := range benchSets(b) {
		run := func(e *Engine) func() (int, error) {
			return func() (int, error) { return len(e.Evaluate(ctx, snap, nil)), nil }
		}
		b.Run("set="+name, func(b *testing.B) {
			cs := []*contender{{name: tuned, eval: run(now)}}
			for i, bl := range baselines {
				cs = append(cs, &contender{name: bl.name, eval: run(others[i])})
			}
			report(b, race(b, cs...))
		})
	}
}
