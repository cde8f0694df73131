package aws_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	awscollect "github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/collect/aws/awstest"
	"github.com/rampart-audit/rampart/internal/evidence"
)

// listed returns the types the snapshot lists as read in scope, and
// whether the scope is listed at all.
func listed(s *evidence.Snapshot, scope evidence.Scope) ([]string, bool) {
	for _, c := range s.Collected {
		if c.Scope == scope {
			return c.Types, true
		}
	}
	return nil, false
}

var (
	sampleAccount = evidence.Scope{Platform: "aws", AccountID: "111122223333"}
	sampleEU      = evidence.Scope{Platform: "aws", AccountID: "111122223333", Region: "eu-west-1"}
	sampleUS      = evidence.Scope{Platform: "aws", AccountID: "111122223333", Region: "us-east-1"}
)

// TestCollectedListsWhatWasRead: the account scope lists the global types,
// each region the regional ones, and a type whose listing failed is left
// out wherever it failed, so absence is only ever read where it was seen.
func TestCollectedListsWhatWasRead(t *testing.T) {
	t.Parallel()
	global := evidence.CollectedScope(sampleAccount, awscollect.TypeAccount, awscollect.TypeIAMUser, awscollect.TypeIAMRole, awscollect.TypeIAMGroup,
		awscollect.TypeIAMPolicy, awscollect.TypeServerCertificate, awscollect.TypeS3Bucket, awscollect.TypeCloudFrontDistribution,
		awscollect.TypeOrganization, awscollect.TypeOrgPolicy).Types
	regional := evidence.CollectedScope(sampleEU, awscollect.TypeSecurityGroup, awscollect.TypeInstance, awscollect.TypeVolume, awscollect.TypeVPC,
		awscollect.TypeTrail, awscollect.TypeKMSKey, awscollect.TypeRDSInstance, awscollect.TypeRDSCluster, awscollect.TypeLogGroup, awscollect.TypeMetricFilter, awscollect.TypeAlarm,
		awscollect.TypeSubscription, awscollect.TypeNetworkACL, awscollect.TypeRouteTable, awscollect.TypeEFSFileSystem,
		awscollect.TypeELBv2LoadBalancer, awscollect.TypeELBLoadBalancer, awscollect.TypeAPIGatewayRestAPI, awscollect.TypeAPIGatewayDomainName,
		awscollect.TypeAPIGatewayV2API,
		awscollect.TypeSubnet, awscollect.TypeSnapshot, awscollect.TypeImage, awscollect.TypeLaunchTemplate, awscollect.TypeRDSSnapshot,
		awscollect.TypeLambdaFunction, awscollect.TypeECRRepository, awscollect.TypeEKSCluster, awscollect.TypeSecret, awscollect.TypeSNSTopic, awscollect.TypeSQSQueue, awscollect.TypeDynamoDBTable,
		awscollect.TypeGuardDutyDetector, awscollect.TypeInspectorAccount,
		awscollect.TypeBackupPlan, awscollect.TypeBackupSelection, awscollect.TypeBackupVault, awscollect.TypeBackupProtectedResource).Types
	without := func(types []string, drop string) []string {
		return slices.DeleteFunc(slices.Clone(types), func(t string) bool { return t == drop })
	}
	for _, tc := range []struct {
		name             string
		faults           awstest.Faults
		account, eu, us  []string
		regionsAreListed bool
	}{
		{"a clean run lists every type it produces", awstest.Faults{}, global, regional, regional, true},
		{"a denied regional listing leaves the type out of every region",
			awstest.Faults{Deny: map[string]bool{"logs:DescribeMetricFilters": true}},
			global, without(regional, awscollect.TypeMetricFilter), without(regional, awscollect.TypeMetricFilter), true},
		{"a failing global listing leaves the type out of the account",
			awstest.Faults{FailAlways: map[string]bool{"iam:ListServerCertificates": true}},
			without(global, awscollect.TypeServerCertificate), regional, regional, true},
		{"regions not listed: no region scope at all", awstest.Faults{Deny: map[string]bool{"ec2:DescribeRegions": true}}, global, nil, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			snap := collectSampleWith(t, tc.faults)
			got, ok := listed(snap, sampleAccount)
			require.True(t, ok, "%v", snap.Collected)
			assert.Equal(t, tc.account, got)
			gotEU, okEU := listed(snap, sampleEU)
			gotUS, okUS := listed(snap, sampleUS)
			assert.Equal(t, tc.regionsAreListed, okEU)
			assert.Equal(t, tc.regionsAreListed, okUS)
			assert.Equal(t, tc.eu, gotEU)
			assert.Equal(t, tc.us, gotUS)
		})
	}
}

// TestCancelledRunListsNothingUnfinished: tasks a cancellation stopped
// record no gap, so a scope whose tasks did not all finish must not be
// listed — its types would read as complete.
func TestCancelledRunListsNothingUnfinished(t *testing.T) {
	t.Parallel()
	srv := awstest.New(awstest.Sample(), awstest.Faults{Latency: 40 * time.Millisecond})
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	snap, _, err := awscollect.Collect(ctx, options(srv, awstest.SampleKey))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.NotNil(t, snap)
	assert.NotNil(t, snap.Collected, "a list, if empty: the snapshot is not one from before the list")
	// The run was cut short, so at least one of the account and its two
	// regions did not finish; whichever did is listed whole.
	assert.Less(t, len(snap.Collected), 3, "%v", snap.Collected)
	for _, c := range snap.Collected {
		assert.Contains(t, []evidence.Scope{sampleAccount, sampleEU, sampleUS}, c.Scope)
	}
}
