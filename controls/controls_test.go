package controls_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/controls"
	"github.com/rampart-audit/rampart/internal/engine"
)

// TestRegoUnitTests runs every _test.rego of the built-in controls, so
// `go test ./...` covers the Rego tests too.
func TestRegoUnitTests(t *testing.T) {
	results, err := engine.RunRegoTests(context.Background(), "", engine.Source{Name: "controls", FS: controls.FS})
	require.NoError(t, err)
	require.NotEmpty(t, results)
	for _, r := range results {
		t.Run(r.Package+"."+r.Name, func(t *testing.T) {
			if r.Err != nil {
				t.Fatalf("%s:%d: %v", r.File, r.Line, r.Err)
			}
			if !r.Pass {
				t.Fatalf("%s:%d: test failed", r.File, r.Line)
			}
		})
	}
}

// TestEveryControlHasTests keeps the contract that each control ships with
// its tests: a pass, a fail and a missing-data case.
func TestEveryControlLoadsAndHasTests(t *testing.T) {
	e, err := engine.New(context.Background(), []engine.Source{{Name: "controls", FS: controls.FS}})
	require.NoError(t, err)
	results, err := engine.RunRegoTests(context.Background(), "", engine.Source{Name: "controls", FS: controls.FS})
	require.NoError(t, err)
	tested := map[string]int{}
	for _, r := range results {
		tested[r.Package]++
	}
	for _, c := range e.Catalog().Controls {
		if c.Manual {
			// No rules to exercise: one test holds it to having none.
			require.GreaterOrEqualf(t, tested["data."+c.Package+"_test"], 1, "manual control %s (%s) needs a test in package %s_test", c.ID, c.File, c.Package)
			continue
		}
		require.GreaterOrEqualf(t, tested["data."+c.Package+"_test"], 3, "control %s (%s) needs at least a pass, a fail and a missing-data test in package %s_test", c.ID, c.File, c.Package)
	}
}
