package terraform

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestComputeMapping says what the compute golden means: environment
// values never reach the evidence, permissions become the statements
// Lambda writes, and what Terraform cannot know stays unknown.
func TestComputeMapping(t *testing.T) {
	t.Parallel()
	res := load(t, "compute", Options{})
	enc, err := json.Marshal(res.Snapshot.Resources)
	require.NoError(t, err)
	assert.NotContains(t, string(enc), "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "an environment value never reaches the evidence")
	assert.NotContains(t, string(enc), "AKIAI44QH8DHBEXAMPLE")

	legacy := byID(t, res, "aws_lambda_function.legacy")
	doc := legacy.Attributes["policy"].(map[string]any)["document"].(map[string]any)
	require.Len(t, doc["Statement"], 2, "one statement per aws_lambda_permission, linked by name and by reference")
	assert.Equal(t, "*", doc["Statement"].([]any)[0].(map[string]any)["Principal"])
	assert.Equal(t, map[string]any{"Service": "sns.amazonaws.com"}, doc["Statement"].([]any)[1].(map[string]any)["Principal"])

	orders := byID(t, res, "aws_lambda_function.orders")
	assert.Equal(t, true, orders.Attributes["in_vpc"])
	assert.Contains(t, orders.Unknown["environment_secret_like"], "QUEUE_URL", "a value known only after apply may be a secret")
	assert.Contains(t, orders.Unknown["kms_key_arn"], "aws_kms_key.lambda.arn")

	image := byID(t, res, "aws_lambda_function.image")
	assert.NotContains(t, image.Attributes, "runtime", "a container image has no runtime")

	dev := byID(t, res, "aws_eks_cluster.dev")
	assert.Equal(t, []any{"0.0.0.0/0"}, dev.Attributes["public_access_cidrs"], "EKS's default when unset")
	assert.Contains(t, dev.Unknown["version"], "EKS picks")

	prod := byID(t, res, "aws_ecr_repository.prod")
	assert.Equal(t, "ENHANCED", prod.Attributes["registry_scanning"].(map[string]any)["scan_type"])
}

// TestECRRegistryScanningOutsideConfiguration: without a registry
// scanning configuration in the root module it is unknown, never "basic
// without rules".
func TestECRRegistryScanningOutsideConfiguration(t *testing.T) {
	t.Parallel()
	m := &mapper{byType: map[string][]*Instance{}}
	b := newBuilder("aws.ecr.repository", "r", &Instance{Address: "aws_ecr_repository.r", Root: "."}, awsScope(&Instance{}))
	registryScanning(m, b, &Instance{Root: ".", Region: "eu-west-1"})
	assert.Contains(t, b.r.Unknown["registry_scanning"], "no aws_ecr_registry_scanning_configuration")
	assert.NotContains(t, b.r.Attributes, "registry_scanning")
}

// TestLambdaPermissionSourceUnknown: a source_arn / source_account unknown
// until apply restricts the statement only when it is a bare reference to
// a managed resource's attribute; a variable, a data source, a template or
// a function could be "*" and leave the policy unknown, never restricted.
func TestLambdaPermissionSourceUnknown(t *testing.T) {
	t.Parallel()
	res := load(t, "lambdasource", Options{})
	direct := byID(t, res, `aws_lambda_function.f["direct"]`)
	doc := direct.Attributes["policy"].(map[string]any)["document"].(map[string]any)
	cond := doc["Statement"].([]any)[0].(map[string]any)["Condition"].(map[string]any)
	assert.Equal(t, map[string]any{"AWS:SourceArn": "(unknown until apply: aws_s3_bucket.uploads.arn)"}, cond["ArnLike"])
	for name, reason := range map[string]string{
		"variable": `variable "source_arn"`,
		"data":     "data source data.aws_caller_identity.current",
		"template": "aws_s3_bucket.uploads.arn",
		"function": "known only after apply",
	} {
		f := byID(t, res, `aws_lambda_function.f["`+name+`"]`)
		assert.NotContains(t, f.Attributes, "policy", name)
		assert.Contains(t, f.Unknown["policy"], reason, name)
		assert.Contains(t, f.Unknown["policy"], `could be "*"`, name)
	}
}
