package aws_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	awscollect "github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/collect/aws/awstest"
	"github.com/rampart-audit/rampart/internal/evidence"
)

// TestDescribeRegionsDeniedLeavesRegionsUnknown: without the region list
// the account must not carry an empty regions map, which the region
// controls (GuardDuty, Config, EBS default encryption) would read as "no
// region fails" and pass.
func TestDescribeRegionsDeniedLeavesRegionsUnknown(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		faults     awstest.Faults
		reason     string
		incomplete bool
	}{
		{"access denied", awstest.Faults{Deny: map[string]bool{"ec2:DescribeRegions": true}},
			"access denied: needs ec2:DescribeRegions", false},
		{"empty body", awstest.Faults{EmptyBody: map[string]bool{"ec2:DescribeRegions": true}},
			"ec2:DescribeRegions failed: ", true},
		{"truncated body", awstest.Faults{Truncate: map[string]bool{"ec2:DescribeRegions": true}},
			"ec2:DescribeRegions failed: ", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			snap := collectSampleWith(t, tc.faults)
			acct := find(t, snap, awscollect.TypeAccount, ":111122223333:root")
			assert.NotContains(t, acct.Attributes, "regions", "an account whose regions are unknown has no regions attribute, never {}")
			assert.Contains(t, acct.Unknown["regions"], tc.reason)
			assert.Contains(t, acct.Unknown["regions"], "ec2:DescribeRegions", "the reason names the call")
			assert.Equal(t, tc.incomplete, snap.Incomplete, snap.IncompleteReason)
			for _, typ := range []string{awscollect.TypeSecurityGroup, awscollect.TypeKMSKey, awscollect.TypeTrail} {
				assert.Zero(t, count(snap, typ), "no region was collected")
			}
			gaps := 0
			for _, g := range snap.NotCollected {
				if g.ScopeID == "aws:111122223333" && g.ResourceType == awscollect.TypeSecurityGroup {
					gaps++
					assert.Contains(t, g.Reason, "ec2:DescribeRegions")
				}
			}
			assert.Equal(t, 1, gaps, "the regional types are not collected for the account")
			assert.Contains(t, acct.Attributes, "password_policy", "the global services are still read")
		})
	}
}

// TestEmptyAndTruncatedBodiesAreErrors injects a 200 without a body, and
// one cut in half, into one operation of each protocol the collector
// speaks. The scope or attribute must end up not collected or unknown with
// the reason, the snapshot incomplete — never an empty list.
func TestEmptyAndTruncatedBodiesAreErrors(t *testing.T) {
	t.Parallel()
	type check func(t *testing.T, snap *evidence.Snapshot)
	gap := func(typ, scopeID, action string) check {
		return func(t *testing.T, snap *evidence.Snapshot) {
			t.Helper()
			for _, g := range snap.NotCollected {
				if g.ResourceType == typ && g.ScopeID == scopeID {
					assert.Contains(t, g.Reason, action+" failed: ")
					assert.Empty(t, g.MissingPermission, "a broken answer is not a missing permission")
					return
				}
			}
			t.Errorf("no not_collected entry for %s in %s: %+v", typ, scopeID, snap.NotCollected)
		}
	}
	unknown := func(typ, idSuffix, attr, action string) check {
		return func(t *testing.T, snap *evidence.Snapshot) {
			t.Helper()
			res := find(t, snap, typ, idSuffix)
			assert.NotContains(t, res.Attributes, attr, "an attribute that could not be read is absent")
			assert.Contains(t, res.Unknown[attr], action+" failed: ")
		}
	}
	accountUnknown := func(path, action string) check {
		return func(t *testing.T, snap *evidence.Snapshot) {
			t.Helper()
			acct := find(t, snap, awscollect.TypeAccount, ":111122223333:root")
			assert.Contains(t, acct.Unknown[path], action+" failed: ")
		}
	}
	for _, tc := range []struct {
		protocol, op string
		check        check
		// sgGone: no security group of eu-west-1 may come from the broken answer.
		sgGone bool
	}{
		{"EC2 query", "ec2:DescribeSecurityGroups@eu-west-1",
			gap(awscollect.TypeSecurityGroup, "aws:111122223333/eu-west-1", "ec2:DescribeSecurityGroups"), true},
		{"EC2 query, one boolean", "ec2:GetEbsEncryptionByDefault@eu-west-1",
			accountUnknown("regions.eu-west-1.ebs_encryption_by_default", "ec2:GetEbsEncryptionByDefault"), false},
		{"S3 REST-XML", "s3:GetBucketAcl",
			unknown(awscollect.TypeS3Bucket, ":::acme-site", "public_acl_grants", "s3:GetBucketAcl"), false},
		{"S3 REST-XML listing", "s3:ListBuckets",
			gap(awscollect.TypeS3Bucket, "aws:111122223333", "s3:ListAllMyBuckets"), false},
		{"S3 Control REST-XML", "s3control:GetPublicAccessBlock",
			accountUnknown("s3_public_access_block", "s3:GetAccountPublicAccessBlock"), false},
		{"IAM query", "iam:GetAccountAuthorizationDetails",
			gap(awscollect.TypeIAMUser, "aws:111122223333", "iam:GetAccountAuthorizationDetails"), false},
		{"IAM query, one document", "iam:GetAccountPasswordPolicy",
			accountUnknown("password_policy", "iam:GetAccountPasswordPolicy"), false},
		{"RDS query", "rds:DescribeDBInstances@eu-west-1",
			gap(awscollect.TypeRDSInstance, "aws:111122223333/eu-west-1", "rds:DescribeDBInstances"), false},
		{"KMS JSON 1.1", "kms:ListKeys@eu-west-1",
			gap(awscollect.TypeKMSKey, "aws:111122223333/eu-west-1", "kms:ListKeys"), false},
		{"KMS JSON 1.1, one key", "kms:DescribeKey@eu-west-1",
			unknown(awscollect.TypeKMSKey, "key/1234abcd-12ab-34cd-56ef-1234567890ab", "key_state", "kms:DescribeKey"), false},
		{"CloudTrail JSON 1.1", "cloudtrail:DescribeTrails@eu-west-1",
			gap(awscollect.TypeTrail, "aws:111122223333/eu-west-1", "cloudtrail:DescribeTrails"), false},
		{"Config JSON 1.1", "config:DescribeConfigurationRecorders@eu-west-1",
			accountUnknown("regions.eu-west-1.config_recorder", "config:DescribeConfigurationRecorders"), false},
		{"GuardDuty REST-JSON", "guardduty:ListDetectors@eu-west-1",
			accountUnknown("regions.eu-west-1.guardduty", "guardduty:ListDetectors"), false},
		{"Account REST-JSON", "account:GetAlternateContact",
			accountUnknown("security_contact", "account:GetAlternateContact"), false},
	} {
		for _, fault := range []string{"empty", "truncated"} {
			t.Run(tc.protocol+" "+fault, func(t *testing.T) {
				t.Parallel()
				f := awstest.Faults{EmptyBody: map[string]bool{}, Truncate: map[string]bool{}}
				if fault == "empty" {
					f.EmptyBody[tc.op] = true
				} else {
					f.Truncate[tc.op] = true
				}
				estate := awstest.Sample()
				// A contact, so that GetAlternateContact answers 200 (truncation cuts successes only).
				estate.Accounts[0].SecurityContact = "security@example.com"
				srv := awstest.New(estate, f)
				defer srv.Close()
				opts := options(srv, awstest.SampleKey)
				opts.MaxAttempts = 2
				snap, _, err := awscollect.Collect(context.Background(), opts)
				require.NoError(t, err)
				assert.True(t, snap.Incomplete, "a broken answer marks the snapshot incomplete")
				assert.Contains(t, snap.IncompleteReason, "aws:111122223333")
				tc.check(t, snap)
				if tc.sgGone {
					for _, r := range snap.Resources {
						assert.False(t, r.Type == awscollect.TypeSecurityGroup && r.Scope.Region == "eu-west-1", "security group %s from a broken answer", r.ID)
					}
				}
			})
		}
	}
}

// TestEmptyBodyIsRetried: an empty answer that goes away is absorbed by
// the retries; one that persists costs exactly MaxAttempts calls.
func TestEmptyBodyIsRetried(t *testing.T) {
	t.Parallel()
	srv := awstest.New(awstest.Sample(), awstest.Faults{EmptyBody: map[string]bool{"ec2:DescribeSecurityGroups@eu-west-1": true}})
	defer srv.Close()
	opts := options(srv, awstest.SampleKey)
	opts.MaxAttempts = 3
	opts.Regions = []string{"eu-west-1"}
	snap, rep, err := awscollect.Collect(context.Background(), opts)
	require.NoError(t, err)
	assert.Equal(t, int64(3), srv.Calls("ec2:DescribeSecurityGroups"), "three attempts, then the gap")
	assert.Positive(t, rep.Stats.Retries)
	require.NotEmpty(t, snap.NotCollected)
	assert.Contains(t, snap.NotCollected[0].Reason, "empty response body (HTTP 200)")
}

// TestPaginationLoopIsNotCollected: a listing whose last page hands out
// the first page's token again. The SDK's paginators stop quietly on a
// token repeated back to back (a one-page list: a truncation that reads as
// complete) and loop for ever on a longer cycle. Both must end, bounded,
// as not collected.
func TestPaginationLoopIsNotCollected(t *testing.T) {
	t.Parallel()
	srv := awstest.New(awstest.Sample(), awstest.Faults{LoopPages: map[string]bool{
		"ec2:DescribeSecurityGroups": true, // three groups in eu-west-1 (two pages), one in us-east-1
		"iam:ListMFADevices":         true,
		"kms:ListKeys@eu-west-1":     true,
		"rds:DescribeDBInstances":    true,
		"s3:ListBuckets":             true,
	}})
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	snap, _, err := awscollect.Collect(ctx, options(srv, awstest.SampleKey))
	require.NoError(t, err, "the collection ends on its own")
	assert.True(t, snap.Incomplete)

	gaps := map[string]string{}
	for _, g := range snap.NotCollected {
		gaps[g.ResourceType+" "+g.ScopeID] = g.Reason
	}
	for _, k := range []string{
		"aws.ec2.security_group aws:111122223333/eu-west-1",
		"aws.ec2.security_group aws:111122223333/us-east-1",
		"aws.kms.key aws:111122223333/eu-west-1",
		"aws.rds.instance aws:111122223333/eu-west-1",
		"aws.s3.bucket aws:111122223333",
	} {
		assert.Contains(t, gaps[k], "pagination loops", k)
	}
	assert.Zero(t, count(snap, awscollect.TypeSecurityGroup))
	assert.Zero(t, count(snap, awscollect.TypeS3Bucket))
	alice := find(t, snap, awscollect.TypeIAMUser, ":user/alice")
	assert.NotContains(t, alice.Attributes, "mfa_devices")
	assert.Contains(t, alice.Unknown["mfa_devices"], "pagination loops")
	// eu-west-1: page 1, page 2, page 1 again; us-east-1: page 1, page 1 again.
	assert.Equal(t, int64(5), srv.Calls("ec2:DescribeSecurityGroups"))
}
