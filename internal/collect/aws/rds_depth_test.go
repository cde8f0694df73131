package aws_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	awscollect "github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/collect/aws/awstest"
)

// TestRDSClusterFaults: the cluster listing denied, broken or looping is
// not collected in the region, naming the action, and never partly listed.
func TestRDSClusterFaults(t *testing.T) {
	t.Parallel()
	op := "rds:DescribeDBClusters@eu-west-1"
	for _, tc := range []regionalFault{
		{"clusters denied", awscollect.TypeRDSCluster, awstest.Faults{Deny: map[string]bool{op: true}}, "access denied: needs rds:DescribeDBClusters", false},
		{"clusters looping", awscollect.TypeRDSCluster, awstest.Faults{LoopPages: map[string]bool{op: true}}, "pagination loops", true},
		{"clusters truncated", awscollect.TypeRDSCluster, awstest.Faults{Truncate: map[string]bool{op: true}}, "rds:DescribeDBClusters failed: ", true},
		{"clusters empty body", awscollect.TypeRDSCluster, awstest.Faults{EmptyBody: map[string]bool{op: true}}, "rds:DescribeDBClusters failed: ", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.check(t)
		})
	}
}

// TestRDSInstanceDepth: the settings read from DescribeDBInstances, a
// cluster member naming its cluster, and an answer without the monitoring
// interval leaving it unknown rather than 0 (which would read as "off" and
// fail, or as a value the instance never had).
func TestRDSInstanceDepth(t *testing.T) {
	t.Parallel()
	snap := collectSampleWith(t, awstest.Faults{})
	orders := find(t, snap, awscollect.TypeRDSInstance, ":db:orders")
	assert.Equal(t, true, orders.Attributes["iam_database_authentication_enabled"])
	assert.EqualValues(t, 60, orders.Attributes["monitoring_interval"])
	assert.EqualValues(t, 6432, orders.Attributes["port"])
	assert.NotContains(t, orders.Attributes, "db_cluster_identifier")
	member := find(t, snap, awscollect.TypeRDSInstance, ":db:reports-1")
	assert.Equal(t, "reports", member.Attributes["db_cluster_identifier"])
	assert.NotContains(t, member.Attributes, "monitoring_interval")
	assert.Contains(t, member.Unknown["monitoring_interval"], "no MonitoringInterval")
	cluster := find(t, snap, awscollect.TypeRDSCluster, ":cluster:reports")
	assert.Equal(t, []string{"reports-1"}, cluster.Attributes["members"])
}

// TestRDSSnapshotFaults: either snapshot listing failing leaves the type
// not collected (half a list reads as the whole); a restore permission
// that cannot be read is unknown, never "not public".
func TestRDSSnapshotFaults(t *testing.T) {
	t.Parallel()
	for _, tc := range []regionalFault{
		{"DB snapshots denied", awscollect.TypeRDSSnapshot, awstest.Faults{Deny: map[string]bool{"rds:DescribeDBSnapshots@eu-west-1": true}}, "access denied: needs rds:DescribeDBSnapshots", false},
		{"cluster snapshots truncated", awscollect.TypeRDSSnapshot, awstest.Faults{Truncate: map[string]bool{"rds:DescribeDBClusterSnapshots@eu-west-1": true}}, "rds:DescribeDBClusterSnapshots failed: ", true},
		{"DB snapshots looping", awscollect.TypeRDSSnapshot, awstest.Faults{LoopPages: map[string]bool{"rds:DescribeDBSnapshots@eu-west-1": true}}, "pagination loops", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.check(t)
		})
	}
	t.Run("restore permission denied", func(t *testing.T) {
		t.Parallel()
		snap := collectSampleWith(t, awstest.Faults{Deny: map[string]bool{"rds:DescribeDBClusterSnapshotAttributes@eu-west-1": true}})
		res := find(t, snap, awscollect.TypeRDSSnapshot, ":cluster-snapshot:reports-handover")
		assert.NotContains(t, res.Attributes, "public")
		assert.Contains(t, res.Unknown["public"], "access denied: needs rds:DescribeDBClusterSnapshotAttributes")
		automated := find(t, snap, awscollect.TypeRDSSnapshot, ":snapshot:rds:orders-2026-06-01-03-00")
		assert.Equal(t, false, automated.Attributes["public"], "automated snapshots cannot be shared")
	})
	t.Run("event subscriptions denied", func(t *testing.T) {
		t.Parallel()
		snap := collectSampleWith(t, awstest.Faults{Deny: map[string]bool{"rds:DescribeEventSubscriptions@eu-west-1": true}})
		acct := find(t, snap, awscollect.TypeAccount, ":111122223333:root")
		assert.Contains(t, acct.Unknown["regions.eu-west-1.rds_event_subscriptions"], "access denied: needs rds:DescribeEventSubscriptions")
	})
}
