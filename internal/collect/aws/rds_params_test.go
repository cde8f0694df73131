package aws_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	awscollect "github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/collect/aws/awstest"
)

// TestRDSTLSRequired: TLS resolved through each database's parameter group
// (a custom group that sets it, an engine default group that does not, a
// cluster's cluster parameter group), and a group that cannot be read
// leaving tls_required unknown with the action — never false, never true.
func TestRDSTLSRequired(t *testing.T) {
	t.Parallel()
	t.Run("resolved", func(t *testing.T) {
		t.Parallel()
		snap := collectSampleWith(t, awstest.Faults{})
		for _, tc := range []struct {
			typ, suffix, group string
			want               bool
		}{
			{awscollect.TypeRDSInstance, ":db:orders", "orders-pg14", true},
			{awscollect.TypeRDSInstance, ":db:legacy", "default.mysql8.0", false},
			{awscollect.TypeRDSCluster, ":cluster:reports", "reports-tls", true},
			{awscollect.TypeRDSCluster, ":cluster:scratch", "default.aurora-postgresql14", false},
		} {
			res := find(t, snap, tc.typ, tc.suffix)
			assert.Equal(t, tc.group, res.Attributes["parameter_group"], tc.suffix)
			assert.Equal(t, tc.want, res.Attributes["tls_required"], tc.suffix)
		}
		member := find(t, snap, awscollect.TypeRDSInstance, ":db:reports-1")
		assert.NotContains(t, member.Attributes, "tls_required", "a member's TLS is its cluster's")
		assert.NotContains(t, member.Unknown, "tls_required")
	})
	const dbParams, clusterParams = "rds:DescribeDBParameters@eu-west-1", "rds:DescribeDBClusterParameters@eu-west-1"
	for _, tc := range []struct {
		name                string
		faults              awstest.Faults
		typ, suffix, reason string
		incomplete          bool
	}{
		{"DB parameters denied", awstest.Faults{Deny: map[string]bool{dbParams: true}}, awscollect.TypeRDSInstance, ":db:orders", "access denied: needs rds:DescribeDBParameters", false},
		{"DB parameters truncated", awstest.Faults{Truncate: map[string]bool{dbParams: true}}, awscollect.TypeRDSInstance, ":db:legacy", "rds:DescribeDBParameters failed: ", true},
		{"DB parameters looping", awstest.Faults{LoopPages: map[string]bool{dbParams: true}}, awscollect.TypeRDSInstance, ":db:orders", "pagination loops", true},
		{"cluster parameters denied", awstest.Faults{Deny: map[string]bool{clusterParams: true}}, awscollect.TypeRDSCluster, ":cluster:reports", "access denied: needs rds:DescribeDBClusterParameters", false},
		{"cluster parameters empty body", awstest.Faults{EmptyBody: map[string]bool{clusterParams: true}}, awscollect.TypeRDSCluster, ":cluster:scratch", "rds:DescribeDBClusterParameters failed: ", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			snap := collectSampleWith(t, tc.faults)
			res := find(t, snap, tc.typ, tc.suffix)
			require.NotContains(t, res.Attributes, "tls_required")
			assert.Contains(t, res.Unknown["tls_required"], tc.reason)
			assert.Equal(t, tc.incomplete, snap.Incomplete)
			// The rest of the database is still read.
			assert.Contains(t, res.Attributes, "storage_encrypted")
		})
	}
}
