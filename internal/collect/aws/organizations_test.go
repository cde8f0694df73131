package aws_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	awscollect "github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/collect/aws/awstest"
	"github.com/rampart-audit/rampart/internal/evidence"
)

const orgARN = "arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5"

// TestOrganization: the management account reads its organisation, the
// root's policy types, the delegated administrators and every SCP with its
// content and targets, over pages of one; a detached SCP has no targets.
func TestOrganization(t *testing.T) {
	t.Parallel()
	srv := awstest.New(awstest.Sample(), awstest.Faults{PageSize: 1})
	defer srv.Close()
	snap, _, err := awscollect.Collect(context.Background(), options(srv, awstest.SampleKey))
	require.NoError(t, err)
	assert.Empty(t, snap.NotCollected)
	org := find(t, snap, awscollect.TypeOrganization, orgARN)
	assert.Empty(t, org.Unknown)
	assert.Equal(t, true, org.Attributes["is_management_account"])
	assert.Equal(t, "ALL", org.Attributes["feature_set"])
	assert.Equal(t, true, org.Attributes["scp_enabled"])
	assert.Equal(t, []string{"SERVICE_CONTROL_POLICY", "TAG_POLICY"}, org.Attributes["enabled_policy_types"])
	assert.Equal(t, []any{map[string]any{"account_id": "555566667777", "service_principals": []string{"guardduty.amazonaws.com", "securityhub.amazonaws.com"}}}, org.Attributes["delegated_administrators"], "two services over two pages")

	assert.Equal(t, 5, count(snap, awscollect.TypeOrgPolicy), "five SCPs over five pages")
	regions := find(t, snap, awscollect.TypeOrgPolicy, "/p-regions001")
	assert.Equal(t, []any{map[string]any{"target_id": "r-a1b2", "type": "ROOT"}, map[string]any{"target_id": "555566667777", "type": "ACCOUNT"}}, regions.Attributes["targets"])
	doc := regions.Attributes["document"].(map[string]any)
	assert.Equal(t, "DenyOtherRegions", doc["Statement"].([]any)[0].(map[string]any)["Sid"], "the content parsed as a policy document")
	full := find(t, snap, awscollect.TypeOrgPolicy, "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess")
	assert.Equal(t, true, full.Attributes["aws_managed"])
	draft := find(t, snap, awscollect.TypeOrgPolicy, "/p-draft00001")
	assert.Equal(t, []any{}, draft.Attributes["targets"], "detached: an explicit empty list")
}

// TestOrganizationMemberAndNone: outside an organisation the resource says
// so (a fact, no gap); a member account describes its organisation and is
// denied the rest: the policies not collected, the root and the delegated
// administrators unknown, each naming the IAM action.
func TestOrganizationMemberAndNone(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		estate *awstest.Estate
		check  func(t *testing.T, snap *evidence.Snapshot)
	}{
		{"not in an organisation", awstest.Sample(), func(t *testing.T, snap *evidence.Snapshot) {
			assert.Empty(t, snap.NotCollected)
			org := find(t, snap, awscollect.TypeOrganization, "arn:aws:organizations::444455556666:no-organization")
			assert.Equal(t, map[string]any{"in_organization": false}, org.Attributes)
			assert.Zero(t, count(snap, awscollect.TypeOrgPolicy))
			assert.Contains(t, listedTypes(snap, "444455556666"), awscollect.TypeOrgPolicy, "no organisation, no SCP: the absence is proven")
		}},
		{"member account", awstest.SampleWithMember(), func(t *testing.T, snap *evidence.Snapshot) {
			org := find(t, snap, awscollect.TypeOrganization, orgARN)
			assert.Equal(t, false, org.Attributes["is_management_account"])
			assert.Equal(t, "111122223333", org.Attributes["management_account_id"])
			assert.Equal(t, "access denied: needs organizations:ListRoots", org.Unknown["scp_enabled"])
			assert.Equal(t, "access denied: needs organizations:ListDelegatedAdministrators", org.Unknown["delegated_administrators"])
			assert.NotContains(t, org.Attributes, "scp_enabled")
			require.Len(t, snap.NotCollected, 1)
			assert.Equal(t, awscollect.TypeOrgPolicy, snap.NotCollected[0].ResourceType)
			assert.Equal(t, "organizations:ListPolicies", snap.NotCollected[0].MissingPermission)
			assert.False(t, snap.Incomplete, "a missing permission is a named gap")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := awstest.New(tc.estate, awstest.Faults{})
			defer srv.Close()
			opts := options(srv, awstest.SampleKey)
			opts.Targets = []awscollect.Target{{AccountID: awstest.RoleAccount, RoleARN: awstest.SampleRole}}
			snap, _, err := awscollect.Collect(context.Background(), opts)
			require.NoError(t, err)
			tc.check(t, snap)
		})
	}
}

func listedTypes(snap *evidence.Snapshot, account string) []string {
	var out []string
	for _, c := range snap.Collected {
		if c.Scope.AccountID == account && c.Scope.Region == "" {
			out = append(out, c.Types...)
		}
	}
	return out
}

// TestOrganizationFaults: a broken listing is a gap (denied: naming the
// action; looping, empty or truncated: the snapshot incomplete too), and a
// broken per-policy or per-account call leaves that attribute unknown —
// never a detached policy, an empty document or "no delegated administrator".
func TestOrganizationFaults(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		faults     awstest.Faults
		typ        string // the type not collected; "" when none is
		reason     string
		incomplete bool
		check      func(t *testing.T, snap *evidence.Snapshot)
	}{
		{name: "describe denied", faults: awstest.Faults{Deny: map[string]bool{"organizations:DescribeOrganization": true}},
			typ: awscollect.TypeOrganization, reason: "access denied: needs organizations:DescribeOrganization"},
		{name: "describe empty body", faults: awstest.Faults{EmptyBody: map[string]bool{"organizations:DescribeOrganization": true}},
			typ: awscollect.TypeOrganization, reason: "organizations:DescribeOrganization failed: ", incomplete: true},
		{name: "policies denied", faults: awstest.Faults{Deny: map[string]bool{"organizations:ListPolicies": true}},
			typ: awscollect.TypeOrgPolicy, reason: "access denied: needs organizations:ListPolicies"},
		{name: "policies looping", faults: awstest.Faults{LoopPages: map[string]bool{"organizations:ListPolicies": true}},
			typ: awscollect.TypeOrgPolicy, reason: "pagination loops", incomplete: true},
		{name: "policies truncated", faults: awstest.Faults{Truncate: map[string]bool{"organizations:ListPolicies": true}},
			typ: awscollect.TypeOrgPolicy, reason: "organizations:ListPolicies failed: ", incomplete: true},
		{name: "roots empty body", faults: awstest.Faults{EmptyBody: map[string]bool{"organizations:ListRoots": true}}, incomplete: true,
			check: func(t *testing.T, snap *evidence.Snapshot) {
				org := find(t, snap, awscollect.TypeOrganization, orgARN)
				assert.Contains(t, org.Unknown["scp_enabled"], "organizations:ListRoots failed: ")
				assert.NotContains(t, org.Attributes, "enabled_policy_types")
			}},
		{name: "delegated services denied", faults: awstest.Faults{Deny: map[string]bool{"organizations:ListDelegatedServicesForAccount": true}},
			check: func(t *testing.T, snap *evidence.Snapshot) {
				org := find(t, snap, awscollect.TypeOrganization, orgARN)
				assert.Equal(t, "access denied: needs organizations:ListDelegatedServicesForAccount", org.Unknown["delegated_administrators"])
				assert.NotContains(t, org.Attributes, "delegated_administrators", "all or nothing")
			}},
		{name: "policy content truncated", faults: awstest.Faults{Truncate: map[string]bool{"organizations:DescribePolicy": true}}, incomplete: true,
			check: func(t *testing.T, snap *evidence.Snapshot) {
				p := find(t, snap, awscollect.TypeOrgPolicy, "/p-leave0001")
				assert.Contains(t, p.Unknown["document"], "organizations:DescribePolicy failed: ")
				assert.NotContains(t, p.Attributes, "document")
			}},
		{name: "targets looping", faults: awstest.Faults{LoopPages: map[string]bool{"organizations:ListTargetsForPolicy": true}}, incomplete: true,
			check: func(t *testing.T, snap *evidence.Snapshot) {
				p := find(t, snap, awscollect.TypeOrgPolicy, "/p-leave0001")
				assert.Contains(t, p.Unknown["targets"], "pagination loops")
				assert.NotContains(t, p.Attributes, "targets", "never an empty list: detached would read as proven")
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			snap := collectSampleWith(t, tc.faults)
			assert.Equal(t, tc.incomplete, snap.Incomplete, snap.IncompleteReason)
			if tc.typ != "" {
				found := false
				for _, g := range snap.NotCollected {
					if g.ResourceType == tc.typ && g.ScopeID == "aws:111122223333" {
						found = true
						assert.Contains(t, g.Reason, tc.reason)
					}
				}
				assert.True(t, found, "%s not collected: %v", tc.typ, snap.NotCollected)
				assert.Zero(t, count(snap, tc.typ), "no partial listing")
				assert.NotContains(t, listedTypes(snap, "111122223333"), tc.typ)
			} else {
				assert.Empty(t, snap.NotCollected)
			}
			if tc.check != nil {
				tc.check(t, snap)
			}
		})
	}
}

// TestOrganizationThrottled: throttled Organizations calls are retried
// away, the snapshot the same as an unthrottled one.
func TestOrganizationThrottled(t *testing.T) {
	t.Parallel()
	srv := awstest.New(awstest.Sample(), awstest.Faults{ThrottleEvery: map[string]int{"organizations": 2}})
	defer srv.Close()
	snap, rep, err := awscollect.Collect(context.Background(), options(srv, awstest.SampleKey))
	require.NoError(t, err)
	assert.False(t, snap.Incomplete, snap.IncompleteReason)
	assert.Positive(t, rep.Stats.Throttles)
	org := find(t, snap, awscollect.TypeOrganization, orgARN)
	assert.Empty(t, org.Unknown)
	assert.Equal(t, 5, count(snap, awscollect.TypeOrgPolicy))
	for _, r := range snap.Resources {
		if r.Type == awscollect.TypeOrgPolicy {
			assert.Empty(t, r.Unknown, r.ID)
		}
	}
}
