package aws_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	awscollect "github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/collect/aws/awstest"
	"github.com/rampart-audit/rampart/internal/evidence"
)

// TestBackup: plans with their rules, selections with what they assign,
// vaults with key, lock and policy, and the protected resources, read over
// pages of two; a vault without a policy (ResourceNotFoundException) has
// {present: false}, a fact.
func TestBackup(t *testing.T) {
	t.Parallel()
	srv := awstest.New(awstest.Sample(), awstest.Faults{PageSize: 2})
	defer srv.Close()
	snap, _, err := awscollect.Collect(context.Background(), options(srv, awstest.SampleKey))
	require.NoError(t, err)
	require.NoError(t, evidence.Normalize(snap), "the hand-off form: []any and map[string]any")
	assert.Equal(t, 3, count(snap, awscollect.TypeBackupPlan))
	assert.Equal(t, 3, count(snap, awscollect.TypeBackupSelection))
	assert.Equal(t, 4, count(snap, awscollect.TypeBackupVault), "three vaults over two pages in eu-west-1, one in us-east-1")
	assert.Equal(t, 5, count(snap, awscollect.TypeBackupProtectedResource), "five over three pages")

	daily := find(t, snap, awscollect.TypeBackupPlan, ":backup-plan:8ba2fcb4-9f18-4b4b-b6a8-1c6a1d0c9c1e")
	rules := daily.Attributes["rules"].([]any)
	require.Len(t, rules, 1)
	rule := rules[0].(map[string]any)
	assert.Equal(t, json.Number("35"), rule["delete_after_days"])
	assert.Equal(t, "acme-main", rule["target_vault"])
	assert.NotContains(t, rule, "move_to_cold_storage_after_days")
	assert.Equal(t, json.Number("90"), rule["copy_actions"].([]any)[0].(map[string]any)["delete_after_days"])

	sel := find(t, snap, awscollect.TypeBackupSelection, "/selection/6f1c3e0a-4d2b-4a7e-9c61-0b5a8d2e7f10")
	assert.Equal(t, daily.ID, sel.Attributes["plan"])
	assert.Contains(t, sel.Attributes["resources"], "arn:aws:rds:eu-west-1:111122223333:db:orders")
	assert.Equal(t, []any{"arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-0legacy"}, sel.Attributes["not_resources"])
	tagged := find(t, snap, awscollect.TypeBackupSelection, "/selection/e9b2c5a8-7d1f-4a63-b0e4-2f8c6a1d9b57")
	assert.Equal(t, []any{map[string]any{"type": "STRINGEQUALS", "key": "backup", "value": "monthly"}}, tagged.Attributes["tags"])
	assert.Equal(t, []any{map[string]any{"operator": "string_equals", "key": "aws:ResourceTag/env", "value": "prod"}}, tagged.Attributes["conditions"])

	main := find(t, snap, awscollect.TypeBackupVault, ":backup-vault:acme-main")
	assert.Equal(t, true, main.Attributes["customer_managed_key"], "kms:DescribeKey says CUSTOMER")
	assert.Equal(t, true, main.Attributes["locked"])
	assert.Equal(t, json.Number("30"), main.Attributes["min_retention_days"])
	def := find(t, snap, awscollect.TypeBackupVault, ":backup-vault:Default")
	assert.Equal(t, false, def.Attributes["customer_managed_key"], "the AWS-managed key")
	assert.Equal(t, map[string]any{"present": false}, def.Attributes["policy"])
	assert.NotContains(t, def.Attributes, "min_retention_days")
	dr := find(t, snap, awscollect.TypeBackupVault, ":backup-vault:acme-dr")
	assert.Equal(t, true, dr.Attributes["customer_managed_key"], "EncryptionKeyType says it without kms:DescribeKey")

	vol := find(t, snap, awscollect.TypeBackupProtectedResource, ":volume/vol-0enc#backup")
	assert.Equal(t, "2026-09-14T00:00:00Z", vol.Attributes["last_backup_time"])
	assert.Equal(t, "EBS", vol.Attributes["resource_type"])
}

// TestBackupFaults: a broken listing leaves its type not collected in the
// region (the plan listing both plans and selections); a broken
// per-resource call leaves the attributes it says unknown, naming the
// action — never "no policy", "no rules" or "assigns nothing".
func TestBackupFaults(t *testing.T) {
	t.Parallel()
	for _, tc := range []regionalFault{
		{"plans denied", awscollect.TypeBackupPlan, awstest.Faults{Deny: map[string]bool{"backup:ListBackupPlans@eu-west-1": true}}, "access denied: needs backup:ListBackupPlans", false},
		{"plans denied: no selections either", awscollect.TypeBackupSelection, awstest.Faults{Deny: map[string]bool{"backup:ListBackupPlans@eu-west-1": true}}, "access denied: needs backup:ListBackupPlans", false},
		{"plans looping", awscollect.TypeBackupPlan, awstest.Faults{LoopPages: map[string]bool{"backup:ListBackupPlans@eu-west-1": true}}, "pagination loops", true},
		{"plans empty body", awscollect.TypeBackupPlan, awstest.Faults{EmptyBody: map[string]bool{"backup:ListBackupPlans@eu-west-1": true}}, "backup:ListBackupPlans failed: ", true},
		{"selections denied", awscollect.TypeBackupSelection, awstest.Faults{Deny: map[string]bool{"backup:ListBackupSelections@eu-west-1": true}}, "access denied: needs backup:ListBackupSelections", false},
		{"selections truncated", awscollect.TypeBackupSelection, awstest.Faults{Truncate: map[string]bool{"backup:ListBackupSelections@eu-west-1": true}}, "backup:ListBackupSelections failed: ", true},
		{"vaults denied", awscollect.TypeBackupVault, awstest.Faults{Deny: map[string]bool{"backup:ListBackupVaults@eu-west-1": true}}, "access denied: needs backup:ListBackupVaults", false},
		{"vaults truncated", awscollect.TypeBackupVault, awstest.Faults{Truncate: map[string]bool{"backup:ListBackupVaults@eu-west-1": true}}, "backup:ListBackupVaults failed: ", true},
		{"protected denied", awscollect.TypeBackupProtectedResource, awstest.Faults{Deny: map[string]bool{"backup:ListProtectedResources@eu-west-1": true}}, "access denied: needs backup:ListProtectedResources", false},
		{"protected empty body", awscollect.TypeBackupProtectedResource, awstest.Faults{EmptyBody: map[string]bool{"backup:ListProtectedResources@eu-west-1": true}}, "backup:ListProtectedResources failed: ", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.check(t)
		})
	}
	for _, tc := range []struct {
		name       string
		faults     awstest.Faults
		typ, id    string
		attrs      []string
		reason     string
		incomplete bool
	}{
		{"vault policy denied", awstest.Faults{Deny: map[string]bool{"backup:GetBackupVaultAccessPolicy": true}}, awscollect.TypeBackupVault, ":backup-vault:Default",
			[]string{"policy"}, "access denied: needs backup:GetBackupVaultAccessPolicy", false},
		{"vault policy empty body", awstest.Faults{EmptyBody: map[string]bool{"backup:GetBackupVaultAccessPolicy": true}}, awscollect.TypeBackupVault, ":backup-vault:acme-main",
			[]string{"policy"}, "backup:GetBackupVaultAccessPolicy failed: ", true},
		{"vault key denied", awstest.Faults{Deny: map[string]bool{"kms:DescribeKey": true}}, awscollect.TypeBackupVault, ":backup-vault:acme-main",
			[]string{"customer_managed_key"}, "access denied: needs kms:DescribeKey", false},
		{"plan rules denied", awstest.Faults{Deny: map[string]bool{"backup:GetBackupPlan": true}}, awscollect.TypeBackupPlan, ":backup-plan:8ba2fcb4-9f18-4b4b-b6a8-1c6a1d0c9c1e",
			[]string{"rules"}, "access denied: needs backup:GetBackupPlan", false},
		{"plan rules empty body", awstest.Faults{EmptyBody: map[string]bool{"backup:GetBackupPlan": true}}, awscollect.TypeBackupPlan, ":backup-plan:8ba2fcb4-9f18-4b4b-b6a8-1c6a1d0c9c1e",
			[]string{"rules"}, "backup:GetBackupPlan failed: ", true},
		{"selection denied", awstest.Faults{Deny: map[string]bool{"backup:GetBackupSelection": true}}, awscollect.TypeBackupSelection, "/selection/6f1c3e0a-4d2b-4a7e-9c61-0b5a8d2e7f10",
			[]string{"resources", "not_resources", "tags", "conditions"}, "access denied: needs backup:GetBackupSelection", false},
		{"selection truncated", awstest.Faults{Truncate: map[string]bool{"backup:GetBackupSelection": true}}, awscollect.TypeBackupSelection, "/selection/6f1c3e0a-4d2b-4a7e-9c61-0b5a8d2e7f10",
			[]string{"resources", "not_resources", "tags", "conditions"}, "backup:GetBackupSelection failed: ", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			snap := collectSampleWith(t, tc.faults)
			assert.Equal(t, tc.incomplete, snap.Incomplete, snap.IncompleteReason)
			res := find(t, snap, tc.typ, tc.id)
			for _, a := range tc.attrs {
				assert.NotContains(t, res.Attributes, a)
				assert.Contains(t, res.Unknown[a], tc.reason, a)
			}
			assert.NotEmpty(t, res.Attributes["name"], "the listing's attributes stay")
		})
	}
}
