package engine

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
)

// TestRelatedTypeMustBeListedAsCollected: a relation concludes from absence
// only where the snapshot's collected list names the related type for the
// subject's scope; anywhere else the result is not_evaluated naming the
// type and the scope, never pass, never fail.
func TestRelatedTypeMustBeListedAsCollected(t *testing.T) {
	t.Parallel()
	e, err := load(t, map[string]string{"trails.rego": trailsControl, "bucket.rego": bucketControl, "groups.rego": groupsControl})
	require.NoError(t, err)
	const trailType, bucketType = "aws.cloudtrail.trail", "aws.s3.bucket"
	scope := func(acct, region string) evidence.Scope {
		return evidence.Scope{Platform: "aws", AccountID: acct, Region: region}
	}
	read := func(s evidence.Scope, types ...string) evidence.Collected {
		return evidence.CollectedScope(s, types...)
	}
	notMulti := map[string]any{"is_multi_region_trail": false, "s3_bucket_name": "logs"}
	tests := []struct {
		name      string
		resources []evidence.Resource
		gaps      []evidence.NotCollected
		collected []evidence.Collected
		control   string
		subject   string
		status    finding.Status
		message   string
	}{
		{"listed for the account: absence is proven, the account fails",
			[]evidence.Resource{account("acct", "1")}, nil,
			[]evidence.Collected{read(scope("1", ""), trailType)},
			"TST-REL-001", "acct", finding.Fail, "no multi-region trail"},
		{"listed in every region of the account: evaluated",
			[]evidence.Resource{account("acct", "1"), trail("t", "1", "us-east-1", multiRegion)}, nil,
			[]evidence.Collected{read(scope("1", ""), "aws.account"), read(scope("1", "eu-west-1"), trailType), read(scope("1", "us-east-1"), trailType, bucketType)},
			"TST-REL-001", "acct", finding.Pass, "passed"},
		{"one region of the account does not list it: not_evaluated naming that region",
			[]evidence.Resource{account("acct", "1"), trail("t", "1", "us-east-1", notMulti)}, nil,
			[]evidence.Collected{read(scope("1", ""), "aws.account"), read(scope("1", "eu-west-1"), bucketType), read(scope("1", "us-east-1"), trailType)},
			"TST-REL-001", "acct", finding.NotEvaluated, "related trails: aws.cloudtrail.trail was not collected for aws:1/eu-west-1"},
		{"resources present of the type prove nothing: only the list does",
			[]evidence.Resource{account("acct", "1"), trail("t", "1", "us-east-1", notMulti)}, nil,
			[]evidence.Collected{read(scope("1", ""), "aws.account")},
			"TST-REL-001", "acct", finding.NotEvaluated, "aws.cloudtrail.trail was not collected for aws:1 "},
		{"listed for another account only",
			[]evidence.Resource{account("acct", "1")}, nil,
			[]evidence.Collected{read(scope("2", ""), trailType)},
			"TST-REL-001", "acct", finding.NotEvaluated, "aws.cloudtrail.trail was not collected for aws:1 "},
		{"an empty list: nothing was read",
			[]evidence.Resource{account("acct", "1")}, nil, []evidence.Collected{},
			"TST-REL-001", "acct", finding.NotEvaluated, "aws.cloudtrail.trail was not collected for aws:1 "},
		{"a gap is reported with its own reason first",
			[]evidence.Resource{account("acct", "1")},
			[]evidence.NotCollected{{ResourceType: trailType, Scope: scope("1", "eu-west-1"), ScopeID: "aws:1/eu-west-1", Reason: "AccessDenied", MissingPermission: "cloudtrail:DescribeTrails"}},
			[]evidence.Collected{read(scope("1", "us-east-1"), trailType)},
			"TST-REL-001", "acct", finding.NotEvaluated, "not collected in aws:1/eu-west-1: AccessDenied (missing permission: cloudtrail:DescribeTrails)"},

		{"region join: listed in the subject's region",
			[]evidence.Resource{{Type: "test.instance", ID: "i", Scope: evidence.Scope{Platform: "test", AccountID: "1", Region: "r1"}, Attributes: map[string]any{}}}, nil,
			[]evidence.Collected{read(evidence.Scope{Platform: "test", AccountID: "1", Region: "r1"}, "test.group")},
			"TST-REL-003", "i", finding.Fail, "groups=[] local=[]"},
		{"region join: listed in another region only",
			[]evidence.Resource{{Type: "test.instance", ID: "i", Scope: evidence.Scope{Platform: "test", AccountID: "1", Region: "r1"}, Attributes: map[string]any{}}}, nil,
			[]evidence.Collected{read(evidence.Scope{Platform: "test", AccountID: "1", Region: "r2"}, "test.group")},
			"TST-REL-003", "i", finding.NotEvaluated, "related local: test.group was not collected for test:1/r1"},

		{"attribute join: a matching reference needs no list",
			[]evidence.Resource{trail("t", "1", "eu-west-1", multiRegion), bucket("logs", "1", false)}, nil, []evidence.Collected{},
			"TST-REL-002", "t", finding.Fail, "bucket logs does not log"},
		{"attribute join: no match and the type not listed for the account",
			[]evidence.Resource{trail("t", "1", "eu-west-1", multiRegion)}, nil,
			[]evidence.Collected{read(scope("1", "eu-west-1"), trailType)},
			"TST-REL-002", "t", finding.NotEvaluated, "related bucket: aws.s3.bucket was not collected for aws:1/eu-west-1 "},
		{"attribute join: no match, listed: the control decides",
			[]evidence.Resource{trail("t", "1", "eu-west-1", multiRegion)}, nil,
			[]evidence.Collected{read(scope("1", ""), bucketType)},
			"TST-REL-002", "t", finding.NotEvaluated, "bucket not in the evidence"},

		{"terraform: a listed type is complete for every root",
			[]evidence.Resource{tfResource("aws.account", "infra/prod/aws_account", map[string]any{}, nil)}, nil,
			[]evidence.Collected{read(evidence.Scope{Platform: "terraform"}, "aws.account", trailType)},
			"TST-REL-001", "infra/prod/aws_account", finding.Fail, "no multi-region trail"},
		{"terraform: a type the scan does not list is not_evaluated",
			[]evidence.Resource{tfResource(trailType, "aws_cloudtrail.t", multiRegion, nil)}, nil,
			[]evidence.Collected{read(evidence.Scope{Platform: "terraform"}, "aws.account", trailType)},
			"TST-REL-002", "aws_cloudtrail.t", finding.NotEvaluated, "related bucket: aws.s3.bucket was not collected for terraform "},
		{"terraform is not live: a live list does not cover it",
			[]evidence.Resource{tfResource("aws.account", "infra/prod/aws_account", map[string]any{}, nil)}, nil,
			[]evidence.Collected{read(evidence.Scope{Platform: "aws"}, trailType)},
			"TST-REL-001", "infra/prod/aws_account", finding.NotEvaluated, "aws.cloudtrail.trail was not collected for terraform "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			snap := &evidence.Snapshot{Resources: tc.resources, NotCollected: tc.gaps, Collected: tc.collected}
			got := findingOf(t, e.Evaluate(context.Background(), snap, nil), tc.control, tc.subject)
			assert.Equal(t, tc.status, got.Status, got.Message)
			assert.Contains(t, got.Message, tc.message)
			assert.Empty(t, e.UnlistedWarning(snap), "a snapshot with a list needs no warning")
		})
	}
}

func findingOf(t *testing.T, fs []finding.Finding, control, subject string) finding.Finding {
	t.Helper()
	for _, f := range fs {
		if f.ControlID == control && f.Resource.ID == subject {
			return f
		}
	}
	require.Failf(t, "no finding", "no finding of %s on %s in %v", control, subject, fs)
	return finding.Finding{}
}

// TestSnapshotWithoutCollectedList: a snapshot written before the list
// existed proves no absence — every relation is not_evaluated, in process
// and in an evaluation child — and the run gets one warning.
func TestSnapshotWithoutCollectedList(t *testing.T) {
	t.Parallel()
	files := map[string]string{"trails.rego": trailsControl}
	trusted, err := load(t, files)
	require.NoError(t, err)
	untrusted, err := loadUntrusted(t, files)
	require.NoError(t, err)
	legacy := &evidence.Snapshot{Resources: []evidence.Resource{account("acct", "1"), trail("t", "1", "us-east-1", multiRegion)}}
	for name, e := range map[string]*Engine{"in process": trusted, "in a child": untrusted} {
		got := findingOf(t, e.Evaluate(context.Background(), legacy, nil), "TST-REL-001", "acct")
		assert.Equal(t, finding.NotEvaluated, got.Status, name)
		assert.Contains(t, got.Message, "aws.cloudtrail.trail was not collected for aws:1: the snapshot does not say which types it collected", name)
	}
	assert.Contains(t, trusted.UnlistedWarning(legacy), "does not list the resource types it collected")
	merged := &evidence.Snapshot{Collected: []evidence.Collected{}, CollectedUnlisted: true}
	assert.NotEmpty(t, trusted.UnlistedWarning(merged), "a merge with a part without a list still says so")

	plain, err := load(t, map[string]string{"c.rego": meta("TST-PLAIN-001", "aws.account") + "package test.plain\n\ndeny contains \"x\" if false\n"})
	require.NoError(t, err)
	assert.Empty(t, plain.UnlistedWarning(legacy), "without relations nothing concludes from absence: no warning")
}
