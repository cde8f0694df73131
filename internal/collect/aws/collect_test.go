package aws_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	awscollect "github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/collect/aws/awstest"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/golden"
)

var fixedNow = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)

// options points the real SDK clients at the stand-in with static
// credentials and no shared config files, and fast retries.
func options(srv *awstest.Server, key string) awscollect.Options {
	return awscollect.Options{
		Endpoint:    srv.Endpoint(),
		Region:      "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider(key, awstest.SampleSecret, ""),
		MaxBackoff:  5 * time.Millisecond,
		Now:         func() time.Time { return fixedNow },
		LoadOptions: []func(*config.LoadOptions) error{
			config.WithSharedConfigFiles([]string{}), config.WithSharedCredentialsFiles([]string{}),
		},
	}
}

func find(t *testing.T, s *evidence.Snapshot, typ, idSuffix string) evidence.Resource {
	t.Helper()
	for _, r := range s.Resources {
		if r.Type == typ && strings.HasSuffix(r.ID, idSuffix) {
			return r
		}
	}
	t.Fatalf("no %s %s in the snapshot", typ, idSuffix)
	return evidence.Resource{}
}

func count(s *evidence.Snapshot, typ string) int {
	n := 0
	for _, r := range s.Resources {
		if r.Type == typ {
			n++
		}
	}
	return n
}

// encode renders the snapshot as it would be written, for golden comparison.
func encode(t *testing.T, s *evidence.Snapshot) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, evidence.Encode(&b, s))
	return b.Bytes()
}

func TestCollectSampleGolden(t *testing.T) {
	t.Parallel()
	srv := awstest.New(awstest.Sample(), awstest.Faults{})
	defer srv.Close()
	snap, rep, err := awscollect.Collect(context.Background(), options(srv, awstest.SampleKey))
	require.NoError(t, err)
	assert.False(t, snap.Incomplete, snap.IncompleteReason)
	assert.Empty(t, snap.NotCollected)
	assert.Equal(t, []string{"aws:111122223333/ap-east-1: opt-in region not enabled in the account"}, rep.Skipped)
	assert.Zero(t, srv.DisabledRegionRequests(), "no call may go to a region the account has not enabled")

	got := encode(t, snap)
	goldenPath := filepath.Join("testdata", "sample.golden.json")
	if golden.Update() {
		require.NoError(t, os.WriteFile(goldenPath, got, 0o644))
	}
	want, err := os.ReadFile(goldenPath)
	require.NoError(t, err)
	assert.JSONEq(t, string(want), string(got))
	assert.NotContains(t, string(got), awstest.SampleSecret, "secrets never reach the snapshot")

	// Spot checks that say what the golden file means.
	assert.Equal(t, 3, count(snap, awscollect.TypeIAMUser))
	assert.Equal(t, 4, count(snap, awscollect.TypeSecurityGroup), "three in eu-west-1 over two pages, one in us-east-1")
	bob := find(t, snap, awscollect.TypeIAMUser, ":user/bob")
	assert.Equal(t, true, bob.Attributes["password_enabled"])
	assert.Equal(t, []any{}, bob.Attributes["mfa_devices"])
	site := find(t, snap, awscollect.TypeS3Bucket, ":::acme-site")
	assert.Equal(t, "us-east-1", site.Scope.Region)
	assert.Equal(t, map[string]any{"configured": false}, site.Attributes["public_access_block"])
	assert.Equal(t, []any{map[string]any{"grantee": "AllUsers", "permission": "READ"}}, site.Attributes["public_acl_grants"])
	acct := find(t, snap, awscollect.TypeAccount, ":111122223333:root")
	regions := acct.Attributes["regions"].(map[string]any)
	assert.Equal(t, map[string]any{"enabled": false}, regions["us-east-1"].(map[string]any)["guardduty"])
	assert.Equal(t, map[string]any{"configured": false}, acct.Attributes["security_contact"])
	assert.Equal(t, map[string]any{"configured": false}, regions["us-east-1"].(map[string]any)["config_recorder"])
	assert.Equal(t, int64(0), rep.Stats.Throttles)
	assert.Equal(t, srv.Requests(), rep.Stats.Calls, "every HTTP attempt is counted")
}

func TestAccessDeniedIsNotCollected(t *testing.T) {
	t.Parallel()
	srv := awstest.New(awstest.Sample(), awstest.Faults{Deny: map[string]bool{
		"ec2:DescribeVolumes@eu-west-1":     true,
		"kms:*":                             true,
		"s3:GetBucketPolicy":                true,
		"iam:ListMFADevices":                true,
		"s3control:GetPublicAccessBlock":    true,
		"guardduty:ListDetectors@eu-west-1": true,
	}})
	defer srv.Close()
	snap, _, err := awscollect.Collect(context.Background(), options(srv, awstest.SampleKey))
	require.NoError(t, err)
	assert.False(t, snap.Incomplete, "a missing permission is a known gap, not an incomplete run: %s", snap.IncompleteReason)

	gaps := map[string]evidence.NotCollected{}
	for _, g := range snap.NotCollected {
		gaps[g.ResourceType+" "+g.ScopeID] = g
	}
	vol := gaps["aws.ec2.volume aws:111122223333/eu-west-1"]
	assert.Equal(t, "ec2:DescribeVolumes", vol.MissingPermission)
	assert.Equal(t, "access denied: needs ec2:DescribeVolumes", vol.Reason)
	assert.NotContains(t, gaps, "aws.ec2.volume aws:111122223333/us-east-1", "us-east-1 volumes were readable")
	assert.Equal(t, "kms:ListKeys", gaps["aws.kms.key aws:111122223333/us-east-1"].MissingPermission)
	assert.Equal(t, "kms:ListKeys", gaps["aws.kms.key aws:111122223333/eu-west-1"].MissingPermission)
	// Without the detector list the region's detector, its protection
	// plans and findings are not collected either.
	assert.Equal(t, "guardduty:ListDetectors", gaps["aws.guardduty.detector aws:111122223333/eu-west-1"].MissingPermission)
	assert.Len(t, snap.NotCollected, 4)
	assert.Zero(t, count(snap, awscollect.TypeKMSKey))

	logs := find(t, snap, awscollect.TypeS3Bucket, ":::acme-logs")
	assert.NotContains(t, logs.Attributes, "policy")
	assert.Equal(t, "access denied: needs s3:GetBucketPolicy", logs.Unknown["policy"])
	assert.Contains(t, logs.Attributes, "encryption", "other attributes of the bucket are still collected")

	alice := find(t, snap, awscollect.TypeIAMUser, ":user/alice")
	assert.NotContains(t, alice.Attributes, "mfa_devices")
	assert.Equal(t, "access denied: needs iam:ListMFADevices", alice.Unknown["mfa_devices"])

	acct := find(t, snap, awscollect.TypeAccount, ":root")
	assert.Equal(t, "access denied: needs s3:GetAccountPublicAccessBlock", acct.Unknown["s3_public_access_block"])
	assert.Equal(t, "access denied: needs guardduty:ListDetectors", acct.Unknown["regions.eu-west-1.guardduty"])
	assert.NotContains(t, acct.Attributes["regions"].(map[string]any)["eu-west-1"], "guardduty")
}

func TestThrottlingAndServerErrorsAreAbsorbed(t *testing.T) {
	t.Parallel()
	clean := awstest.New(awstest.Sample(), awstest.Faults{})
	defer clean.Close()
	want, _, err := awscollect.Collect(context.Background(), options(clean, awstest.SampleKey))
	require.NoError(t, err)

	srv := awstest.New(awstest.Sample(), awstest.Faults{
		ThrottleEvery:    map[string]int{"*": 7},
		ServerErrorEvery: map[string]int{"s3": 5},
	})
	defer srv.Close()
	got, rep, err := awscollect.Collect(context.Background(), options(srv, awstest.SampleKey))
	require.NoError(t, err)
	assert.False(t, got.Incomplete, got.IncompleteReason)
	assert.JSONEq(t, string(encode(t, want)), string(encode(t, got)), "retries make a throttled run identical to a clean one")
	assert.Positive(t, srv.Throttled())
	assert.Equal(t, srv.Throttled(), rep.Stats.Throttles, "every throttle was retried and counted")
	assert.Greater(t, rep.Stats.Retries, rep.Stats.Throttles, "5xx answers were retried too")
}

func TestPersistentFailureMarksSnapshotIncomplete(t *testing.T) {
	t.Parallel()
	srv := awstest.New(awstest.Sample(), awstest.Faults{FailAlways: map[string]bool{
		"rds:DescribeDBInstances@eu-west-1": true,
		"cloudtrail:GetTrailStatus":         true,
	}})
	defer srv.Close()
	opts := options(srv, awstest.SampleKey)
	opts.MaxAttempts = 3
	snap, _, err := awscollect.Collect(context.Background(), opts)
	require.NoError(t, err)
	assert.True(t, snap.Incomplete)
	assert.Contains(t, snap.IncompleteReason, "aws:111122223333/eu-west-1 aws.rds.instance: InternalFailure")
	require.Len(t, snap.NotCollected, 1)
	g := snap.NotCollected[0]
	assert.Equal(t, "aws.rds.instance", g.ResourceType)
	assert.Empty(t, g.MissingPermission)
	assert.Contains(t, g.Reason, "rds:DescribeDBInstances failed")
	assert.Equal(t, int64(3), srv.Calls("rds:DescribeDBInstances")-1, "three attempts in eu-west-1, one in us-east-1")
	trail := find(t, snap, awscollect.TypeTrail, "trail/org-trail")
	assert.NotContains(t, trail.Attributes, "is_logging")
	assert.Contains(t, trail.Unknown["is_logging"], "cloudtrail:GetTrailStatus failed")
}

func TestRegionsAndTargets(t *testing.T) {
	t.Parallel()
	srv := awstest.New(awstest.Sample(), awstest.Faults{})
	defer srv.Close()

	t.Run("workspace regions, one of them not enabled", func(t *testing.T) {
		opts := options(srv, awstest.SampleKey)
		opts.Targets = []awscollect.Target{{AccountID: awstest.SampleAccount, Regions: []string{"eu-west-1", awstest.DisabledRegion}}}
		snap, rep, err := awscollect.Collect(context.Background(), opts)
		require.NoError(t, err)
		assert.Equal(t, []string{"aws:111122223333/ap-east-1: named in the workspace but not enabled in the account (opt-in region)"}, rep.Skipped)
		for _, r := range snap.Resources {
			if r.Scope.Region != "" && r.Type != awscollect.TypeS3Bucket {
				assert.Equal(t, "eu-west-1", r.Scope.Region, r.ID)
			}
		}
	})

	t.Run("role assumed into another account", func(t *testing.T) {
		opts := options(srv, awstest.SampleKey)
		opts.Targets = []awscollect.Target{{AccountID: awstest.RoleAccount, RoleARN: awstest.SampleRole}}
		snap, _, err := awscollect.Collect(context.Background(), opts)
		require.NoError(t, err)
		sg := find(t, snap, awscollect.TypeSecurityGroup, "security-group/sg-2default")
		assert.Equal(t, "arn:aws:ec2:eu-west-1:444455556666:security-group/sg-2default", sg.ID)
		acct := find(t, snap, awscollect.TypeAccount, ":444455556666:root")
		assert.Equal(t, map[string]any{"configured": true}, acct.Attributes["security_contact"])
	})

	t.Run("credentials reaching the wrong account", func(t *testing.T) {
		opts := options(srv, awstest.SampleKey)
		opts.Targets = []awscollect.Target{{AccountID: "999999999999"}}
		snap, _, err := awscollect.Collect(context.Background(), opts)
		require.NoError(t, err)
		assert.Empty(t, snap.Resources)
		assert.True(t, snap.Incomplete)
		require.Len(t, snap.NotCollected, len(evidence.TypesFor(awscollect.CollectorName)), "every resource type of the account")
		assert.Contains(t, snap.NotCollected[0].Reason, "the credentials reach account 111122223333, not 999999999999")
	})

	t.Run("role that cannot be assumed", func(t *testing.T) {
		opts := options(srv, awstest.SampleKey)
		opts.Targets = []awscollect.Target{{AccountID: awstest.RoleAccount, RoleARN: "arn:aws:iam::444455556666:role/missing"}}
		snap, _, err := awscollect.Collect(context.Background(), opts)
		require.NoError(t, err)
		require.NotEmpty(t, snap.NotCollected)
		assert.Equal(t, "sts:AssumeRole on arn:aws:iam::444455556666:role/missing", snap.NotCollected[0].MissingPermission)
		assert.False(t, snap.Incomplete, "a denied AssumeRole is a named gap")
	})
}

func TestCancellationReturnsPartialSnapshot(t *testing.T) {
	t.Parallel()
	srv := awstest.New(awstest.Sample(), awstest.Faults{Latency: 40 * time.Millisecond})
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	snap, _, err := awscollect.Collect(ctx, options(srv, awstest.SampleKey))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.NotNil(t, snap)
	assert.True(t, snap.Incomplete)
	assert.Contains(t, snap.IncompleteReason, "collection cancelled")
	assert.Empty(t, snap.NotCollected, "cancellation is not blamed on permissions")
	_, err = json.Marshal(snap)
	require.NoError(t, err)
}
