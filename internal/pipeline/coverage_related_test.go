package pipeline

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/evidence"
)

// A type that controls read only as related resources (metric filters in
// the CIS 4.x chain) is evaluated by them: it is not reported as a type no
// control applies to. A type nothing reads still is.
func TestRelatedTypesAreCovered(t *testing.T) {
	t.Parallel()
	cat := &engine.Catalog{Controls: []*engine.Control{{
		ResourceTypes: []string{"test.widget"},
		Related:       []engine.Relation{{Name: "gadgets", Type: "test.gadget", Join: engine.JoinAccount}},
	}}}
	res := []evidence.Resource{widget("w1", map[string]any{}), gadget("g1"),
		{Type: "test.gizmo", ID: "z1", Scope: evidence.Scope{Platform: "test"}, Attributes: map[string]any{}}}
	findings, notes := uncovered(cat, res)
	if assert.Len(t, findings, 1) {
		assert.Equal(t, "test.gizmo", findings[0].Resource.Type)
	}
	assert.Equal(t, []string{`not evaluated: 1 resource(s) of type "test.gizmo" (e.g. z1): no loaded control applies to this type`}, notes)
}
