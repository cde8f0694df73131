package authoring

import (
	"context"
	"testing"

	"github.com/rampart-audit/rampart/controls"
	"github.com/rampart-audit/rampart/internal/engine"
)

// BenchmarkRegoTests measures what coverage costs: the built-in controls'
// tests run plain (the baseline, as controls_test.go runs them) and with
// OPA's tracer on, as `rampart test` runs them to judge coverage.
func BenchmarkRegoTests(b *testing.B) {
	src := engine.Source{Name: "controls", FS: controls.FS}
	ctx := context.Background()
	for _, bc := range []struct {
		name string
		run  func(context.Context, string, ...engine.Source) ([]engine.TestResult, error)
	}{
		{"plain", engine.RunRegoTests},
		{"traced", engine.RunRegoTestsTraced},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				rs, err := bc.run(ctx, "", src)
				if err != nil || len(rs) == 0 {
					b.Fatalf("run: %v (%d results)", err, len(rs))
				}
			}
		})
	}
}
