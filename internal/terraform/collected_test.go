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
// the list, so the engine reports it with its reason. Trails are listed
// only by a scan that declares one: a configuration without a trail says
// nothing about the account's trails.
func TestScanListsEveryMappedType(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, src  string
		trailsRead bool
	}{
		{"no trail", `
resource "aws_s3_bucket" "b" { bucket = "logs" }
module "m" { source = "./missing" }
`, false},
		{"a trail", `
resource "aws_s3_bucket" "b" { bucket = "logs" }
resource "aws_cloudtrail" "t" {
  name           = "org"
  s3_bucket_name = aws_s3_bucket.b.id
}
module "m" { source = "./missing" }
`, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			res, err := Load(context.Background(), fstest.MapFS{"main.tf": {Data: []byte(tc.src)}}, []string{"."}, Options{})
			require.NoError(t, err)
			require.NotNil(t, res.Snapshot)
			require.Len(t, res.Snapshot.Collected, 1)
			got := res.Snapshot.Collected[0]
			assert.Equal(t, evidence.Scope{Platform: "terraform"}, got.Scope)
			assert.NotEmpty(t, res.Snapshot.NotCollected, "the missing module is a gap")
			for _, typ := range evidence.ResourceTypeNames() {
				rt, _ := evidence.LookupResourceType(typ)
				want := rt.Terraform
				if typ == evidence.TypeAWSCloudTrailTrail {
					want = tc.trailsRead
				}
				assert.Equal(t, want, got.Lists(typ), typ)
			}
		})
	}
}
