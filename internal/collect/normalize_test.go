package collect_test

import (
	"context"
	"encoding/json"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/collect"
	"github.com/rampart-audit/rampart/internal/evidence"
)

// Run hands the engine a snapshot in the one representation a loaded
// snapshot has (evidence.Normalize), and a collector value with no JSON
// form is an error, never half a snapshot.
func TestRunNormalizes(t *testing.T) {
	t.Parallel()
	snap := &evidence.Snapshot{Schema: evidence.SchemaV1, Resources: []evidence.Resource{{Type: "github.repository", ID: "r",
		Attributes: map[string]any{"topics": []string{"a"}, "dependabot_alerts": []map[string]any{{"number": 3}}}}}}
	got, err := collect.Run(context.Background(), &fake{snap: snap}, io.Discard, false)
	require.NoError(t, err)
	assert.Equal(t, []any{"a"}, got.Resources[0].Attributes["topics"])
	assert.Equal(t, []any{map[string]any{"number": json.Number("3")}}, got.Resources[0].Attributes["dependabot_alerts"])

	bad := &evidence.Snapshot{Schema: evidence.SchemaV1, Resources: []evidence.Resource{{Type: "github.repository", ID: "r",
		Attributes: map[string]any{"x": func() {}}}}}
	got, err = collect.Run(context.Background(), &fake{snap: bad}, io.Discard, false)
	require.ErrorContains(t, err, "resource github.repository r: attribute x: value of type func() has no JSON form")
	assert.Nil(t, got)
}
