package terraform

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// TestCustomerKey: what a KMS key argument says about whose key it is, for
// every resource type that reads it. A literal key ID or ARN may be the
// service's AWS-managed key (aws/sns by its ARN passed as customer-managed
// before): unknown with the reason, never true.
func TestCustomerKey(t *testing.T) {
	t.Parallel()
	const keyARN = "arn:aws:kms:eu-west-1:111122223333:key/aaaa1111-2222-3333-4444-555566667777"
	for _, tc := range []struct {
		name, value string
		want        any // true, false, or nil: unknown
	}{
		{"unset", "", false},
		{"empty", `""`, false},
		{"aws alias", `"alias/aws/sns"`, false},
		{"aws alias arn", `"arn:aws:kms:eu-west-1:111122223333:alias/aws/sqs"`, false},
		{"customer alias", `"alias/orders"`, true},
		{"customer alias arn", `"arn:aws:kms:eu-west-1:111122223333:alias/orders"`, true},
		{"key of the configuration", "aws_kms_key.k.arn", true},
		{"key id of the configuration", "aws_kms_key.k.key_id", true},
		{"literal key arn", `"` + keyARN + `"`, nil},
		{"literal key id", `"aaaa1111-2222-3333-4444-555566667777"`, nil},
		{"variable", "var.key", nil},
	} {
		for _, r := range []struct{ tfType, arg, block, typ string }{
			{"aws_sns_topic", "kms_master_key_id", "", evidence.TypeAWSSNSTopic},
			{"aws_sqs_queue", "kms_master_key_id", "", evidence.TypeAWSSQSQueue},
			{"aws_secretsmanager_secret", "kms_key_id", "", evidence.TypeAWSSecretsManagerSecret},
			{"aws_dynamodb_table", "kms_key_arn", "server_side_encryption", evidence.TypeAWSDynamoDBTable},
		} {
			t.Run(tc.name+"/"+r.tfType, func(t *testing.T) {
				t.Parallel()
				arg := ""
				if tc.value != "" {
					arg = r.arg + " = " + tc.value
				}
				if r.block != "" {
					arg = r.block + " {\n    enabled = true\n    " + arg + "\n  }"
				}
				src := "variable \"key\" { type = string }\nresource \"aws_kms_key\" \"k\" {}\nresource \"" + r.tfType + "\" \"x\" {\n  name = \"x\"\n  " + arg + "\n}\n"
				res, err := Load(context.Background(), fstest.MapFS{"main.tf": {Data: []byte(src)}}, []string{"."}, Options{})
				require.NoError(t, err)
				require.NotNil(t, res.Snapshot, "%v", res.Diagnostics)
				var got *evidence.Resource
				for i := range res.Snapshot.Resources {
					if res.Snapshot.Resources[i].Type == r.typ {
						got = &res.Snapshot.Resources[i]
					}
				}
				require.NotNil(t, got, src)
				if tc.want == nil {
					assert.NotContains(t, got.Attributes, "customer_managed_key")
					assert.NotEmpty(t, got.Unknown["customer_managed_key"])
					return
				}
				assert.Equal(t, tc.want, got.Attributes["customer_managed_key"], src)
			})
		}
	}
}
