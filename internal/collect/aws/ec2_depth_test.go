package aws_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	awscollect "github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/collect/aws/awstest"
)

// TestEC2DepthListingFaults: each new listing denied, broken or looping is
// not collected in the region, naming the action, and never partly listed.
func TestEC2DepthListingFaults(t *testing.T) {
	t.Parallel()
	f := func(kind, op string) awstest.Faults {
		m := map[string]bool{op + "@eu-west-1": true}
		switch kind {
		case "deny":
			return awstest.Faults{Deny: m}
		case "loop":
			return awstest.Faults{LoopPages: m}
		case "truncate":
			return awstest.Faults{Truncate: m}
		}
		return awstest.Faults{EmptyBody: m}
	}
	for _, tc := range []regionalFault{
		{"subnets denied", awscollect.TypeSubnet, f("deny", "ec2:DescribeSubnets"), "access denied: needs ec2:DescribeSubnets", false},
		{"subnets looping", awscollect.TypeSubnet, f("loop", "ec2:DescribeSubnets"), "pagination loops", true},
		{"snapshots denied", awscollect.TypeSnapshot, f("deny", "ec2:DescribeSnapshots"), "access denied: needs ec2:DescribeSnapshots", false},
		{"snapshots truncated", awscollect.TypeSnapshot, f("truncate", "ec2:DescribeSnapshots"), "ec2:DescribeSnapshots failed: ", true},
		{"images empty body", awscollect.TypeImage, f("empty", "ec2:DescribeImages"), "ec2:DescribeImages failed: ", true},
		{"images looping", awscollect.TypeImage, f("loop", "ec2:DescribeImages"), "pagination loops", true},
		{"launch templates denied", awscollect.TypeLaunchTemplate, f("deny", "ec2:DescribeLaunchTemplates"), "access denied: needs ec2:DescribeLaunchTemplates", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.check(t)
		})
	}
}

// TestEC2DepthAttributeFaults: a per-resource or per-region call that
// fails leaves the attribute unknown with the reason, never a value that
// would pass (no public permission, no secret in the user data).
func TestEC2DepthAttributeFaults(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, op, typ, idSuffix, attr, reason string
		incomplete                            bool
	}{
		{"snapshot permissions denied", "ec2:DescribeSnapshotAttribute", awscollect.TypeSnapshot, "snapshot/snap-0leak", "public", "access denied: needs ec2:DescribeSnapshotAttribute", false},
		{"launch template versions denied", "ec2:DescribeLaunchTemplateVersions", awscollect.TypeLaunchTemplate, "launch-template/lt-0legacy", "user_data_secrets", "access denied: needs ec2:DescribeLaunchTemplateVersions", false},
		{"instance user data denied", "ec2:DescribeInstanceAttribute", awscollect.TypeInstance, "instance/i-0aaa", "user_data_secrets", "access denied: needs ec2:DescribeInstanceAttribute", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			snap := collectSampleWith(t, awstest.Faults{Deny: map[string]bool{tc.op + "@eu-west-1": true}})
			assert.Equal(t, tc.incomplete, snap.Incomplete, snap.IncompleteReason)
			res := find(t, snap, tc.typ, tc.idSuffix)
			assert.NotContains(t, res.Attributes, tc.attr)
			assert.Contains(t, res.Unknown[tc.attr], tc.reason)
		})
	}
	for _, op := range []string{"ec2:GetSnapshotBlockPublicAccessState", "ec2:GetImageBlockPublicAccessState", "ec2:GetInstanceMetadataDefaults"} {
		t.Run(op+" truncated", func(t *testing.T) {
			t.Parallel()
			snap := collectSampleWith(t, awstest.Faults{Truncate: map[string]bool{op + "@eu-west-1": true}})
			assert.True(t, snap.Incomplete)
			acct := find(t, snap, awscollect.TypeAccount, ":111122223333:root")
			found := false
			for k, v := range acct.Unknown {
				if v != "" && len(k) > len("regions.eu-west-1.") && k[:len("regions.eu-west-1.")] == "regions.eu-west-1." {
					assert.Contains(t, v, op+" failed: ")
					found = true
				}
			}
			assert.True(t, found, "%v", acct.Unknown)
		})
	}
}
