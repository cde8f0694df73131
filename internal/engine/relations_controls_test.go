package engine

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/controls"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/terraform"
)

// statusOf evaluates the built-in controls and returns control → subject ID → finding.
func statusOf(t *testing.T, snap *evidence.Snapshot) map[string]map[string]finding.Finding {
	t.Helper()
	e, err := New(context.Background(), []Source{{Name: "controls", FS: controls.FS}})
	require.NoError(t, err)
	out := map[string]map[string]finding.Finding{}
	for _, f := range e.Evaluate(context.Background(), snap, nil) {
		if out[f.ControlID] == nil {
			out[f.ControlID] = map[string]finding.Finding{}
		}
		out[f.ControlID][f.Resource.ID] = f
	}
	return out
}

// TestBuiltinRelationControls runs the relation controls end to end on
// live-shaped evidence: absence fails the account, a gap in trails makes
// it not_evaluated naming the permission, the trail's bucket and key are
// found by reference.
func TestBuiltinRelationControls(t *testing.T) {
	t.Parallel()
	keyARN := "arn:aws:kms:eu-west-1:111122223333:key/k1"
	goodTrail := trail("arn:aws:cloudtrail:eu-west-1:111122223333:trail/main", "111122223333", "eu-west-1", map[string]any{
		"name": "main", "is_multi_region_trail": true, "is_logging": true, "s3_bucket_name": "logs", "kms_encrypted": true, "kms_key_id": keyARN,
	})
	key := evidence.Resource{Type: "aws.kms.key", ID: keyARN, Scope: evidence.Scope{Platform: "aws", AccountID: "111122223333", Region: "eu-west-1"},
		Attributes: map[string]any{"key_id": "k1", "key_state": "Enabled", "rotation_enabled": false, "customer_managed": true, "key_spec": "SYMMETRIC_DEFAULT"}}
	snap := &evidence.Snapshot{
		Collected: readEverywhere,
		Resources: []evidence.Resource{
			account("arn:aws:iam::111122223333:root", "111122223333"), goodTrail, bucket("logs", "111122223333", false), key,
			account("arn:aws:iam::444455556666:root", "444455556666"),
			account("arn:aws:iam::777788889999:root", "777788889999"),
		},
		NotCollected: []evidence.NotCollected{{ResourceType: "aws.cloudtrail.trail", Scope: evidence.Scope{Platform: "aws", AccountID: "777788889999", Region: "us-east-1"},
			ScopeID: "aws:777788889999/us-east-1", Reason: "AccessDeniedException", MissingPermission: "cloudtrail:DescribeTrails"}},
	}
	got := statusOf(t, snap)
	ct010 := got["AWS-CT-010"]
	assert.Equal(t, finding.Pass, ct010["arn:aws:iam::111122223333:root"].Status, ct010["arn:aws:iam::111122223333:root"].Message)
	assert.Equal(t, finding.Fail, ct010["arn:aws:iam::444455556666:root"].Status)
	assert.Equal(t, "account arn:aws:iam::444455556666:root has no trail", ct010["arn:aws:iam::444455556666:root"].Message)
	gap := ct010["arn:aws:iam::777788889999:root"]
	assert.Equal(t, finding.NotEvaluated, gap.Status)
	assert.Equal(t, "related trails (aws.cloudtrail.trail) not collected in aws:777788889999/us-east-1: AccessDeniedException (missing permission: cloudtrail:DescribeTrails)", gap.Message)

	assert.Equal(t, finding.Fail, got["AWS-CT-011"][goodTrail.ID].Status)
	assert.Equal(t, "bucket logs receiving the logs of trail main has no server access logging", got["AWS-CT-011"][goodTrail.ID].Message)
	assert.Equal(t, finding.Fail, got["AWS-CT-012"][goodTrail.ID].Status)
	assert.Contains(t, got["AWS-CT-012"][goodTrail.ID].Message, "does not rotate automatically")
}

// TestBuiltinRelationControlsTerraform: the same controls on Terraform
// evidence, where the root module is the account.
func TestBuiltinRelationControlsTerraform(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"prod/main.tf": {Data: []byte(`
provider "aws" { region = "eu-west-1" }
resource "aws_iam_account_password_policy" "p" { minimum_password_length = 14 }
resource "aws_cloudtrail" "main" {
  name                  = "main"
  s3_bucket_name        = "prod-trail-logs"
  is_multi_region_trail = true
  enable_logging        = true
}
`)},
		"dev/main.tf": {Data: []byte(`
provider "aws" { region = "eu-west-1" }
resource "aws_iam_account_password_policy" "p" { minimum_password_length = 14 }
resource "aws_cloudtrail" "local" {
  name           = "local"
  s3_bucket_name = "dev-trail-logs"
}
`)},
	}
	res, err := terraform.Load(context.Background(), fsys, []string{"."}, terraform.Options{})
	require.NoError(t, err)
	got := statusOf(t, res.Snapshot)["AWS-CT-010"]
	require.Len(t, got, 2, "%v", got)
	for id, f := range got {
		switch AccountKey(evidence.Resource{ID: id, Scope: evidence.Scope{Platform: "terraform"}}) {
		case "terraform\x00prod":
			assert.Equal(t, finding.Pass, f.Status, f.Message)
		case "terraform\x00dev":
			assert.Equal(t, finding.Fail, f.Status, f.Message)
			assert.Contains(t, f.Message, "no multi-region trail that is logging (1 trails)")
		default:
			t.Errorf("unexpected account %s", id)
		}
	}
}
