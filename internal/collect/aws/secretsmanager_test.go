package aws_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	awscollect "github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/collect/aws/awstest"
)

// TestSecrets: the sample's secrets over two pages, with rotation, key,
// use and policy as ListSecrets and GetResourcePolicy answer them; a
// policy that is not JSON is unknown with the reason, not "no policy".
func TestSecrets(t *testing.T) {
	t.Parallel()
	srv := awstest.New(awstest.Sample(), awstest.Faults{PageSize: 3})
	defer srv.Close()
	snap, _, err := awscollect.Collect(context.Background(), options(srv, awstest.SampleKey))
	require.NoError(t, err)
	assert.Equal(t, 5, count(snap, awscollect.TypeSecret), "five secrets over three pages")

	db := find(t, snap, awscollect.TypeSecret, ":secret:prod/db-password-a1B2c3")
	assert.Equal(t, true, db.Attributes["rotation_enabled"])
	assert.EqualValues(t, 30, db.Attributes["rotation_days"])
	assert.Equal(t, "2026-11-10T00:00:00Z", db.Attributes["last_rotated_date"])
	assert.Equal(t, "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", db.Attributes["kms_key_id"])
	assert.Equal(t, true, db.Attributes["policy"].(map[string]any)["present"])

	legacy := find(t, snap, awscollect.TypeSecret, ":secret:legacy/api-token-a1B2c3")
	assert.Equal(t, false, legacy.Attributes["rotation_enabled"], "AWS omits RotationEnabled when rotation was never set up")
	assert.NotContains(t, legacy.Attributes, "rotation_days")
	assert.NotContains(t, legacy.Attributes, "kms_key_id", "the AWS-managed key")
	assert.NotContains(t, legacy.Attributes, "last_rotated_date")
	assert.Equal(t, "2025-10-01T00:00:00Z", legacy.Attributes["last_accessed_date"])

	broken := find(t, snap, awscollect.TypeSecret, ":secret:scratch/broken-policy-a1B2c3")
	assert.NotContains(t, broken.Attributes, "policy")
	assert.Contains(t, broken.Unknown["policy"], "resource policy is not JSON")
	assert.NotContains(t, broken.Attributes, "last_accessed_date", "never read")
}

// TestSecretsFaults: a broken ListSecrets leaves the type not collected in
// the region; a broken GetResourcePolicy leaves that secret's policy
// unknown, naming the action, never "no policy".
func TestSecretsFaults(t *testing.T) {
	t.Parallel()
	for _, tc := range []regionalFault{
		{"listing denied", awscollect.TypeSecret, awstest.Faults{Deny: map[string]bool{"secretsmanager:ListSecrets@eu-west-1": true}}, "access denied: needs secretsmanager:ListSecrets", false},
		{"listing looping", awscollect.TypeSecret, awstest.Faults{LoopPages: map[string]bool{"secretsmanager:ListSecrets@eu-west-1": true}}, "pagination loops", true},
		{"listing empty body", awscollect.TypeSecret, awstest.Faults{EmptyBody: map[string]bool{"secretsmanager:ListSecrets@eu-west-1": true}}, "secretsmanager:ListSecrets failed: ", true},
		{"listing truncated", awscollect.TypeSecret, awstest.Faults{Truncate: map[string]bool{"secretsmanager:ListSecrets@eu-west-1": true}}, "secretsmanager:ListSecrets failed: ", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.check(t)
		})
	}
	for _, tc := range []struct {
		name       string
		faults     awstest.Faults
		reason     string
		incomplete bool
	}{
		{"policy denied", awstest.Faults{Deny: map[string]bool{"secretsmanager:GetResourcePolicy": true}}, "access denied: needs secretsmanager:GetResourcePolicy", false},
		{"policy truncated", awstest.Faults{Truncate: map[string]bool{"secretsmanager:GetResourcePolicy": true}}, "secretsmanager:GetResourcePolicy failed: ", true},
		{"policy empty body", awstest.Faults{EmptyBody: map[string]bool{"secretsmanager:GetResourcePolicy": true}}, "secretsmanager:GetResourcePolicy failed: ", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			snap := collectSampleWith(t, tc.faults)
			assert.Equal(t, tc.incomplete, snap.Incomplete, snap.IncompleteReason)
			db := find(t, snap, awscollect.TypeSecret, ":secret:prod/db-password-a1B2c3")
			assert.NotContains(t, db.Attributes, "policy")
			assert.Contains(t, db.Unknown["policy"], tc.reason)
			assert.Equal(t, true, db.Attributes["rotation_enabled"], "the listing's attributes stay")
		})
	}
}
