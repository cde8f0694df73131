package engine

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/controls"
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
