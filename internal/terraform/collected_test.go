package terraform

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// TestScanListsEveryMappedType: a scan is complete for every type the
// mapping produces (a resource not in the scanned roots does not exist
// there), and for no other; an unreadable module is a gap, not a hole in
// the list, so the engine reports it with its reason.
func TestScanListsEveryMappedType(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{"main.tf": {Data: []byte(`
resource "aws_s3_bucket" "b" { bucket = "logs" }
module "m" { source = "./missing" }
`)}}
	res, err := Load(context.Background(), fsys, []string{"."}, Options{})
	require.NoError(t, err)
	require.NotNil(t, res.Snapshot)
	want := []evidence.Collected{evidence.CollectedScope(evidence.Scope{Platform: "terraform"}, evidence.TerraformTypes()...)}
	assert.Equal(t, want, res.Snapshot.Collected)
	assert.NotEmpty(t, res.Snapshot.NotCollected, "the missing module is a gap")
	for _, typ := range evidence.ResourceTypeNames() {
		rt, _ := evidence.LookupResourceType(typ)
		assert.Equal(t, rt.Terraform, want[0].Lists(typ), typ)
	}
}
