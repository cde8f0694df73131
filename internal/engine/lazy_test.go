package engine

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/controls"
	"github.com/rampart-audit/rampart/internal/benchdata"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
)

// TestLazyPreparePlansWhatIsUsed evaluates resources of one type: its
// batch is planned, the other types' batches and every fallback are not;
// the findings are those of an engine that planned everything at load.
func TestLazyPreparePlansWhatIsUsed(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	lazy, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}})
	require.NoError(t, err)
	eager, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}}, func(e *Engine) { e.eagerPrepare = true })
	require.NoError(t, err)
	for key, q := range lazy.batch {
		assert.False(t, q.planned, "batch %s planned while loading", key)
	}
	for key, q := range eager.batch {
		assert.True(t, q.planned, "eager engine: batch %s not planned while loading", key)
	}
	var repos []evidence.Resource
	for _, r := range generateResources(50) {
		if r.Type == "github.repository" {
			repos = append(repos, r)
		}
	}
	snap := &evidence.Snapshot{Resources: repos}
	assert.Equal(t, eager.Evaluate(ctx, snap, nil), lazy.Evaluate(ctx, snap, nil))
	for key, q := range lazy.batch {
		assert.Equal(t, key == "github.repository", q.planned, "batch %s", key)
	}
	for id, q := range lazy.prepared {
		assert.False(t, q.planned, "fallback of %s planned though no batch failed", id)
	}
}

// TestLazyPrepareFailureIsAnError: a query that cannot be planned is an
// error result naming the control, never a pass or a missing finding.
func TestLazyPrepareFailureIsAnError(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}})
	require.NoError(t, err)
	ctls := e.groups["github.organization"][0]
	e.batch["github.organization"] = e.lazy("controls of github.organization", "not a query (")
	broken := ctls[0].ID
	e.prepared[broken] = e.lazy("control "+broken, "not a query (")
	fs := e.Evaluate(ctx, &evidence.Snapshot{Resources: []evidence.Resource{{Type: "github.organization", ID: "acme",
		Attributes: map[string]any{"two_factor_requirement_enabled": true}}}}, nil)
	require.Len(t, fs, len(ctls))
	for _, f := range fs {
		if f.ControlID == broken {
			assert.Equal(t, finding.Error, f.Status)
			assert.True(t, strings.HasPrefix(f.Message, "prepare control "+broken+": "), f.Message)
			continue
		}
		assert.NotEqual(t, finding.Error, f.Status, "%s: %s (its own query plans: the batch's failure is not its)", f.ControlID, f.Message)
	}
}

// TestBeforeJudgesAlike: the engine of this round (bindings read as the
// evaluator's terms, findings sorted by index, the batch query reading the
// sets themselves) and the engine before it (asBefore: bindings converted
// to Go values, sorted in place), the engine as of 13a37ff (asToday) and
// every control evaluated alone give the same findings — status, message,
// path, order — on the example's evidence, the acme-shaped set and the
// generated set.
func TestBeforeJudgesAlike(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}})
	require.NoError(t, err)
	before, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}}, asBefore())
	require.NoError(t, err)
	today, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}}, asToday())
	require.NoError(t, err)
	// single evaluates every control alone, its plain per-control query:
	// what the generated batch queries are checked against.
	single, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}})
	require.NoError(t, err)
	single.batch = nil
	example, err := evidence.Load("../../examples/acme/evidence")
	require.NoError(t, err)
	acme, err := benchdata.Acme("../../examples/acme", 40, 12)
	require.NoError(t, err)
	for name, snap := range map[string]*evidence.Snapshot{
		"example": example, "acme": acme, "generated": {Resources: generateResources(500)}, "empty": {},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			want := before.Evaluate(ctx, snap, nil)
			got := now.Evaluate(ctx, snap, nil)
			if name != "empty" {
				statuses := map[finding.Status]int{}
				for _, f := range want {
					statuses[f.Status]++
				}
				require.Positive(t, statuses[finding.Fail], "no failing result")
				require.Positive(t, statuses[finding.NotEvaluated], "no not_evaluated result")
			}
			assert.Equal(t, want, got)
			assert.Equal(t, want, today.Evaluate(ctx, snap, nil), "the engine as of 13a37ff (asToday)")
			assert.Equal(t, want, single.Evaluate(ctx, snap, nil), "every control alone")
		})
	}
}
