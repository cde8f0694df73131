package aws_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	awscollect "github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/collect/aws/awstest"
)

// TestNetworkAndEFS spells out the sample's network ACLs (CIS 5.1), route
// tables (5.5) and file systems (2.4.1).
func TestNetworkAndEFS(t *testing.T) {
	t.Parallel()
	srv := awstest.New(awstest.Sample(), awstest.Faults{})
	defer srv.Close()
	snap, _, err := awscollect.Collect(context.Background(), options(srv, awstest.SampleKey))
	require.NoError(t, err)
	web := find(t, snap, awscollect.TypeNetworkACL, ":network-acl/acl-0web")
	entries := web.Attributes["entries"].([]any)
	require.Len(t, entries, 5, "three rules and the two default denies")
	assert.Equal(t, map[string]any{"rule_number": 100, "protocol": "6", "egress": false, "rule_action": "allow", "cidr_block": "0.0.0.0/0", "from_port": 22, "to_port": 22}, entries[1])
	assert.NotContains(t, entries[4], "from_port", "protocol -1 has no ports")
	assert.Equal(t, []string{"subnet-0web"}, web.Attributes["subnet_ids"])

	private := find(t, snap, awscollect.TypeRouteTable, ":route-table/rtb-0private")
	routes := private.Attributes["routes"].([]any)
	require.Len(t, routes, 4, "the local route and three")
	assert.Equal(t, "pcx-0partner", routes[2].(map[string]any)["vpc_peering_connection_id"])
	assert.Equal(t, "172.16.0.0/16", routes[2].(map[string]any)["destination_cidr_block"])
	assert.Equal(t, "nat_gateway", routes[1].(map[string]any)["target_type"])
	assert.Equal(t, true, find(t, snap, awscollect.TypeRouteTable, ":route-table/rtb-0main").Attributes["main"])

	assert.Equal(t, false, find(t, snap, awscollect.TypeEFSFileSystem, ":file-system/fs-0legacy").Attributes["encrypted"])
	shared := find(t, snap, awscollect.TypeEFSFileSystem, ":file-system/fs-0shared")
	assert.Equal(t, true, shared.Attributes["encrypted"])
	assert.Contains(t, shared.Attributes["kms_key_id"], ":key/1234abcd")
}

// TestNetworkAndEFSFaults: each listing denied, broken or looping is not
// collected in the region, naming the action, and never partly listed.
func TestNetworkAndEFSFaults(t *testing.T) {
	t.Parallel()
	for _, tc := range []regionalFault{
		{"ACLs denied", awscollect.TypeNetworkACL, awstest.Faults{Deny: map[string]bool{"ec2:DescribeNetworkAcls@eu-west-1": true}}, "access denied: needs ec2:DescribeNetworkAcls", false},
		{"ACLs looping", awscollect.TypeNetworkACL, awstest.Faults{LoopPages: map[string]bool{"ec2:DescribeNetworkAcls@eu-west-1": true}}, "pagination loops", true},
		{"ACLs truncated", awscollect.TypeNetworkACL, awstest.Faults{Truncate: map[string]bool{"ec2:DescribeNetworkAcls@eu-west-1": true}}, "ec2:DescribeNetworkAcls failed: ", true},
		{"route tables denied", awscollect.TypeRouteTable, awstest.Faults{Deny: map[string]bool{"ec2:DescribeRouteTables@eu-west-1": true}}, "access denied: needs ec2:DescribeRouteTables", false},
		{"route tables empty body", awscollect.TypeRouteTable, awstest.Faults{EmptyBody: map[string]bool{"ec2:DescribeRouteTables@eu-west-1": true}}, "ec2:DescribeRouteTables failed: ", true},
		{"EFS denied", awscollect.TypeEFSFileSystem, awstest.Faults{Deny: map[string]bool{"elasticfilesystem:DescribeFileSystems@eu-west-1": true}}, "access denied: needs elasticfilesystem:DescribeFileSystems", false},
		{"EFS looping", awscollect.TypeEFSFileSystem, awstest.Faults{LoopPages: map[string]bool{"elasticfilesystem:DescribeFileSystems@eu-west-1": true}}, "pagination loops", true},
		{"EFS truncated", awscollect.TypeEFSFileSystem, awstest.Faults{Truncate: map[string]bool{"elasticfilesystem:DescribeFileSystems@eu-west-1": true}}, "elasticfilesystem:DescribeFileSystems failed: ", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.check(t)
		})
	}
}
