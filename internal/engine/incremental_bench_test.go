package engine

import (
	"context"
	"testing"

	"github.com/rampart-audit/rampart/controls"
	"github.com/rampart-audit/rampart/internal/model"
)

// BenchmarkEvaluateCached measures what incremental evaluation costs and
// saves in the engine alone, on the realistic set (2,000 repositories and
// 200 members shaped like examples/acme), one worker, all in the same
// iterations:
//
//   - full: EvaluateIn, no cache (the baseline);
//
//   - keyed: EvaluateCached with an empty cache — every input document
//     hashed (canonical JSON, sha256) and every result kept: the price of
//     a first incremental run over a full one;
//
//   - warm: EvaluateCached over the results of a previous run of the same
//     input — only the volatile controls are evaluated.
//
//     go test -run '^$' -bench 'BenchmarkEvaluateCached$' -benchtime 3x ./internal/engine/
func BenchmarkEvaluateCached(b *testing.B) {
	ctx := context.Background()
	e, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}}, WithWorkers(1))
	if err != nil {
		b.Fatal(err)
	}
	snap := benchSets(b)["acme"]
	env := Env{Settings: model.Settings{}.ControlInput()}
	previous := NewCache(nil)
	e.EvaluateCached(ctx, snap, env, previous)
	reused := 0
	report(b, race(b,
		&contender{name: "full", eval: func() (int, error) { return len(e.EvaluateIn(ctx, snap, env)), nil }},
		&contender{name: "keyed", eval: func() (int, error) { return len(e.EvaluateCached(ctx, snap, env, NewCache(nil))), nil }},
		&contender{name: "warm", eval: func() (int, error) {
			c := NewCache(previous.Results())
			n := len(e.EvaluateCached(ctx, snap, env, c))
			reused = c.Reused()
			return n, nil
		}},
	))
	b.ReportMetric(float64(reused), "reused")
}
