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

// iamTypes are the types GetAccountAuthorizationDetails answers for.
var iamTypes = []string{awscollect.TypeIAMUser, awscollect.TypeIAMRole, awscollect.TypeIAMGroup, awscollect.TypeIAMPolicy}

// TestAuthorizationDetailsFaults: when the one account-wide IAM listing
// fails, no user, role, group or policy may be in the snapshot (a part of
// the answer would hide the rest) and each type is not collected with the
// reason; only access denied names the permission and leaves the snapshot
// complete.
func TestAuthorizationDetailsFaults(t *testing.T) {
	t.Parallel()
	const op = "iam:GetAccountAuthorizationDetails"
	for _, tc := range []struct {
		name       string
		faults     awstest.Faults
		reason     string
		permission string
		incomplete bool
	}{
		{"access denied", awstest.Faults{Deny: map[string]bool{op: true}},
			"access denied: needs iam:GetAccountAuthorizationDetails", "iam:GetAccountAuthorizationDetails", false},
		{"server error", awstest.Faults{FailAlways: map[string]bool{op: true}},
			"iam:GetAccountAuthorizationDetails failed: ", "", true},
		{"empty body", awstest.Faults{EmptyBody: map[string]bool{op: true}},
			"iam:GetAccountAuthorizationDetails failed: ", "", true},
		{"truncated body", awstest.Faults{Truncate: map[string]bool{op: true}},
			"iam:GetAccountAuthorizationDetails failed: ", "", true},
		// Page size 2 over 18 entities: the last page hands out the first Marker again.
		{"looping Marker", awstest.Faults{LoopPages: map[string]bool{op: true}},
			"pagination loops", "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := awstest.New(awstest.Sample(), tc.faults)
			defer srv.Close()
			opts := options(srv, awstest.SampleKey)
			opts.MaxAttempts = 2
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			snap, _, err := awscollect.Collect(ctx, opts)
			require.NoError(t, err, "the collection ends on its own")
			assert.Equal(t, tc.incomplete, snap.Incomplete, snap.IncompleteReason)
			gaps := map[string]evidence.NotCollected{}
			for _, g := range snap.NotCollected {
				gaps[g.ResourceType+" "+g.ScopeID] = g
			}
			for _, typ := range iamTypes {
				assert.Zero(t, count(snap, typ), typ)
				g, ok := gaps[typ+" aws:111122223333"]
				if assert.True(t, ok, "%s not collected", typ) {
					assert.Contains(t, g.Reason, tc.reason, typ)
					assert.Equal(t, tc.permission, g.MissingPermission, typ)
				}
			}
			assert.Positive(t, count(snap, awscollect.TypeS3Bucket), "the other services are still read")
		})
	}
}

// TestListRolesDeniedLeavesMaxSessionUnknown: the one role attribute that
// needs a second listing is unknown with the reason, the roles are there.
func TestListRolesDeniedLeavesMaxSessionUnknown(t *testing.T) {
	t.Parallel()
	srv := awstest.New(awstest.Sample(), awstest.Faults{Deny: map[string]bool{"iam:ListRoles": true}})
	defer srv.Close()
	snap, _, err := awscollect.Collect(context.Background(), options(srv, awstest.SampleKey))
	require.NoError(t, err)
	assert.False(t, snap.Incomplete, snap.IncompleteReason)
	assert.Equal(t, 6, count(snap, awscollect.TypeIAMRole))
	role := find(t, snap, awscollect.TypeIAMRole, ":role/break-glass")
	assert.NotContains(t, role.Attributes, "max_session_duration")
	assert.Equal(t, "access denied: needs iam:ListRoles", role.Unknown["max_session_duration"])
	assert.Contains(t, role.Attributes, "assume_role_policy")
}

// TestBrokenPolicyDocumentsAreUnknown: a trust or inline document that is
// not JSON is absent and named in unknown; the rest of the resource and
// the other inline policies stay.
func TestBrokenPolicyDocumentsAreUnknown(t *testing.T) {
	t.Parallel()
	estate := awstest.Sample()
	a := estate.Accounts[0]
	a.IAMRoles[0].Trust = `{"Version":"2012-10-17","Statement":[`
	a.Groups[1].Inline = append([]awstest.InlinePolicy{{Name: "broken", Document: "not json"}}, a.Groups[1].Inline...)
	a.Users[1].Inline[0].Document = `[]`
	srv := awstest.New(estate, awstest.Faults{})
	defer srv.Close()
	snap, _, err := awscollect.Collect(context.Background(), options(srv, awstest.SampleKey))
	require.NoError(t, err)

	role := find(t, snap, awscollect.TypeIAMRole, ":role/public-trust")
	assert.NotContains(t, role.Attributes, "assume_role_policy")
	assert.Contains(t, role.Unknown["assume_role_policy"], "trust policy: policy document is not a JSON object")
	assert.Contains(t, role.Attributes, "attached_policies")

	dev := find(t, snap, awscollect.TypeIAMGroup, ":group/developers")
	inline := dev.Attributes["inline_policies"].([]any)
	require.Len(t, inline, 2)
	assert.Equal(t, map[string]any{"name": "broken"}, inline[0])
	assert.Contains(t, dev.Unknown["inline_policies[0].document"], "inline policy broken: policy document is not a JSON object")
	assert.Contains(t, inline[1], "document")

	bob := find(t, snap, awscollect.TypeIAMUser, ":user/bob")
	assert.Equal(t, []any{map[string]any{"name": "bob-extra"}}, bob.Attributes["inline_policies"])
	assert.Contains(t, bob.Unknown["inline_policies[0].document"], "not a JSON object")
}

// TestIAMDepth spells out what the golden file's IAM part means.
func TestIAMDepth(t *testing.T) {
	t.Parallel()
	srv := awstest.New(awstest.Sample(), awstest.Faults{})
	defer srv.Close()
	snap, _, err := awscollect.Collect(context.Background(), options(srv, awstest.SampleKey))
	require.NoError(t, err)
	// 3 users, 2 groups, 6 roles, 8 policies in pages of 2: one listing, no per-entity calls.
	assert.Equal(t, int64(10), srv.Calls("iam:GetAccountAuthorizationDetails"))

	public := find(t, snap, awscollect.TypeIAMRole, ":role/public-trust")
	trust := public.Attributes["assume_role_policy"].(map[string]any)
	assert.Equal(t, map[string]any{"AWS": "*"}, trust["Statement"].([]any)[0].(map[string]any)["Principal"])

	app := find(t, snap, awscollect.TypeIAMRole, ":role/ec2-app")
	assert.Equal(t, []any{map[string]any{"instance_profile_name": "ec2-app", "arn": "arn:aws:iam::111122223333:instance-profile/ec2-app"}}, app.Attributes["instance_profiles"])
	assert.Equal(t, "arn:aws:iam::111122223333:policy/read-only", app.Attributes["permissions_boundary"])
	assert.Equal(t, "2026-11-26T00:00:00Z", app.Attributes["last_used_date"])
	assert.Equal(t, "eu-west-1", app.Attributes["last_used_region"])
	doc := app.Attributes["inline_policies"].([]any)[0].(map[string]any)["document"].(map[string]any)
	stmt := doc["Statement"].([]any)[0].(map[string]any)
	assert.Equal(t, "arn:aws:s3:::acme-logs/app/${aws:PrincipalTag/team}/*", stmt["Resource"])
	assert.Equal(t, map[string]any{"StringEquals": map[string]any{"s3:x-amz-meta-owner": "ops+sec team"}}, stmt["Condition"], `a "+" in a document is a plus sign`)
	partner := find(t, snap, awscollect.TypeIAMRole, ":role/partner-access")
	assert.NotContains(t, partner.Attributes, "last_used_date", "never used: absent")
	assert.Equal(t, 3600, toInt(t, partner.Attributes["max_session_duration"]))

	admins := find(t, snap, awscollect.TypeIAMGroup, ":group/admins")
	assert.Equal(t, []string{"bob"}, admins.Attributes["members"])
	assert.Equal(t, []any{map[string]any{"policy_name": "AdministratorAccess", "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"}}, admins.Attributes["attached_policies"])

	aws := find(t, snap, awscollect.TypeIAMPolicy, "arn:aws:iam::aws:policy/AdministratorAccess")
	assert.Equal(t, true, aws.Attributes["aws_managed"])
	assert.Equal(t, 2, toInt(t, aws.Attributes["attachment_count"]))
	legacy := find(t, snap, awscollect.TypeIAMPolicy, ":policy/legacy-admin")
	assert.Equal(t, false, legacy.Attributes["aws_managed"])
	assert.Equal(t, 0, toInt(t, legacy.Attributes["attachment_count"]), "customer policies are kept unattached")
	for _, r := range snap.Resources {
		assert.NotEqual(t, "arn:aws:iam::aws:policy/ReadOnlyAccess", r.ID, "an AWS-managed policy nothing attaches is left out")
	}
}

func toInt(t *testing.T, v any) int {
	t.Helper()
	switch n := v.(type) {
	case int:
		return n
	case float64:
		return int(n)
	case interface{ Int64() (int64, error) }:
		i, err := n.Int64()
		require.NoError(t, err)
		return int(i)
	}
	t.Fatalf("%v (%T) is not a number", v, v)
	return 0
}
