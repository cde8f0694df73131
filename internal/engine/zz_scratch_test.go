package engine

import (
	"context"
	"testing"

	"github.com/rampart-audit/rampart/controls"
	"github.com/rampart-audit/rampart/internal/benchdata"
	"github.com/rampart-audit/rampart/internal/model"
)

func BenchmarkScratchAcme(b *testing.B) {
	ctx := context.Background()
	e, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}}, WithWorkers(1))
	if err != nil {
		b.Fatal(err)
	}
	snap, err := benchdata.Acme("../../examples/acme", 2000, 200)
	if err != nil {
		b.Fatal(err)
	}
	env := Env{Settings: model.Settings{}.ControlInput()}
	e.EvaluateIn(ctx, snap, env)
	b.ResetTimer()
	for b.Loop() {
		e.EvaluateIn(ctx, snap, env)
	}
}
