package engine

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/profiler"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/rampart-audit/rampart/controls"
	"github.com/rampart-audit/rampart/internal/benchdata"
)

// BenchmarkEvaluateToday is the engine against itself on topdown
// (WithEvaluator(Topdown): what the IR evaluator buys) and as of commit
// 13a37ff (asToday), one worker each, in the same iterations, CPU time
// against CPU time, without BenchmarkEvaluate's naive baseline (minutes
// on a shared machine):
//
//	go test -run '^$' -bench 'BenchmarkEvaluateToday' -benchtime 3x ./internal/engine/
//
// With -cpuprofile it is also the profile of the engine alone.
func BenchmarkEvaluateToday(b *testing.B) {
	benchOneWorkerAgainst(b, "rampart", baseline{"topdown", WithEvaluator(Topdown)}, baseline{"today", asToday()})
}

// BenchmarkControlCost says where the engine's time goes on the acme set,
// for docs/architecture.md's "Where the engine's time goes":
//
//	go test -run '^$' -bench 'BenchmarkControlCost' -benchtime 1x -v ./internal/engine/
//
// (-v: without it a benchmark's log is cut after ten lines.) It logs
// every control's own query evaluated alone over the resources of its
// types (the 20 most expensive), the fixed cost of one evaluation (a query
// of a constant, input given), and OPA's profiler over the batches of 200
// repositories: the 20 most expensive expressions, and rampart.lib's.
func BenchmarkControlCost(b *testing.B) {
	ctx := context.Background()
	e, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}}, WithWorkers(1))
	if err != nil {
		b.Fatal(err)
	}
	snap, err := benchdata.Acme("../../examples/acme", 2000, 200)
	if err != nil {
		b.Fatal(err)
	}
	inputs := make([]ast.Value, len(snap.Resources))
	for i, r := range snap.Resources {
		if inputs[i], err = ast.InterfaceToValue(Env{}.input(r)); err != nil {
			b.Fatal(err)
		}
	}
	now := time.Now()
	for b.Loop() {
		// Fixed cost: a constant query, the input given.
		empty, _, _, err := e.prepare(ctx, "x := true", nil)
		if err != nil {
			b.Fatal(err)
		}
		wall, cpu := benchdata.Measure(func() {
			for _, in := range inputs {
				if _, err := empty.Eval(ctx, rego.EvalParsedInput(in), rego.EvalTime(now)); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Logf("fixed cost of one evaluation: %.1f µs CPU (%.1f µs wall) over %d resources", us(cpu, len(inputs)), us(wall, len(inputs)), len(inputs))

		type cost struct {
			id    string
			cpu   time.Duration
			pairs int
		}
		var costs []cost
		var total time.Duration
		totalPairs := 0
		for _, ctl := range e.catalog.Controls {
			lq, ok := e.prepared[ctl.ID]
			if !ok || ctl.untrusted {
				continue
			}
			pq, err := lq.get()
			if err != nil {
				b.Fatal(err)
			}
			c := cost{id: ctl.ID}
			_, c.cpu = benchdata.Measure(func() {
				for i, r := range snap.Resources {
					if !ctl.AppliesTo(r.Type) {
						continue
					}
					c.pairs++
					if _, err := pq.Eval(ctx, rego.EvalParsedInput(inputs[i]), rego.EvalTime(now)); err != nil {
						b.Fatal(err)
					}
				}
			})
			if c.pairs > 0 {
				costs = append(costs, c)
				total += c.cpu
				totalPairs += c.pairs
			}
		}
		slices.SortFunc(costs, func(x, y cost) int { return cmp.Compare(y.cpu, x.cpu) })
		b.Logf("controls alone: %d pairs, %.0f ms CPU, %.1f µs per pair", totalPairs, float64(total.Microseconds())/1000, us(total, totalPairs))
		for _, c := range costs[:min(20, len(costs))] {
			b.Logf("  %-14s %7.0f ms CPU %5.1f%%  %6.1f µs/pair over %d", c.id, float64(c.cpu.Microseconds())/1000, 100*float64(c.cpu)/float64(total), us(c.cpu, c.pairs), c.pairs)
		}

		// OPA's profiler over the batches of 200 repositories.
		p := profiler.New()
		seen := 0
		for i, r := range snap.Resources {
			if r.Type != "github.repository" || seen == 200 {
				continue
			}
			seen++
			for g := range e.groups[r.Type] {
				pq, err := e.batch[groupKey(r.Type, g)].get()
				if err != nil {
					b.Fatal(err)
				}
				prog := &progress{current: -1, timedOut: -1, limit: time.Minute, cancel: func() {}}
				if _, err := pq.Eval(context.WithValue(ctx, progressKey{}, prog), rego.EvalParsedInput(inputs[i]), rego.EvalTime(now), rego.EvalQueryTracer(p)); err != nil {
					b.Fatal(err)
				}
				prog.stop()
			}
		}
		all := p.ReportTopNResults(-1, []string{"total_time_ns", "num_eval"})
		var sum int64
		for _, s := range all {
			sum += s.ExprTimeNs
		}
		line := func(s profiler.ExprStats) {
			b.Logf("  %8.1f ms %4.1f%%  evals %7d redos %7d  %s:%d  %s", float64(s.ExprTimeNs)/1e6, 100*float64(s.ExprTimeNs)/float64(sum), s.NumEval, s.NumRedo, s.Location.File, s.Location.Row, strings.TrimSpace(strings.SplitN(string(s.Location.Text), "\n", 2)[0]))
		}
		b.Logf("profiler, 200 repositories' batches: the 20 most expensive expressions of %d", len(all))
		for _, s := range all[:min(20, len(all))] {
			line(s)
		}
		b.Logf("profiler: the 20 most expensive expressions of rampart.lib")
		n := 0
		for _, s := range all {
			if strings.HasPrefix(s.Location.File, "controls/lib/") && n < 20 {
				line(s)
				n++
			}
		}
	}
}
func us(d time.Duration, n int) float64 { return float64(d.Nanoseconds()) / 1000 / float64(max(n, 1)) }
