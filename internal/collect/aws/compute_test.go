package aws_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	awscollect "github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/collect/aws/awstest"
)

// TestComputeListingFaults: a denied, empty, cut or looping listing of
// Lambda, ECR or EKS leaves the type not collected in the region with the
// action — never an empty or partial list.
func TestComputeListingFaults(t *testing.T) {
	t.Parallel()
	listings := []struct{ typ, op string }{
		{awscollect.TypeLambdaFunction, "lambda:ListFunctions"},
		{awscollect.TypeECRRepository, "ecr:DescribeRepositories"},
		{awscollect.TypeEKSCluster, "eks:ListClusters"},
	}
	for _, l := range listings {
		only := map[string]bool{l.op: true}
		for _, tc := range []regionalFault{
			{name: l.op + " denied", typ: l.typ, faults: awstest.Faults{Deny: only}, reason: "access denied: needs " + l.op},
			{name: l.op + " empty", typ: l.typ, faults: awstest.Faults{EmptyBody: only}, reason: l.op + " failed: ", incomplete: true},
			{name: l.op + " truncated", typ: l.typ, faults: awstest.Faults{Truncate: only}, reason: l.op + " failed: ", incomplete: true},
			{name: l.op + " loops", typ: l.typ, faults: awstest.Faults{LoopPages: only}, reason: "pagination loops", incomplete: true},
		} {
			t.Run(tc.name, func(t *testing.T) {
				t.Parallel()
				tc.check(t)
			})
		}
	}
}

// TestComputeAttributeFaults: a per-resource call that fails makes that
// attribute unknown with the reason, the resource still listed; a denial
// names the IAM action and leaves the snapshot complete, any other failure
// marks it incomplete.
func TestComputeAttributeFaults(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		op, typ, id string
		attrs       []string
	}{
		{"lambda:GetPolicy", awscollect.TypeLambdaFunction, ":function:orders-api", []string{"policy"}},
		{"lambda:ListFunctionUrlConfigs", awscollect.TypeLambdaFunction, ":function:legacy-report", []string{"function_urls"}},
		{"ecr:GetRepositoryPolicy", awscollect.TypeECRRepository, ":repository/tools", []string{"policy"}},
		{"ecr:GetLifecyclePolicy", awscollect.TypeECRRepository, ":repository/prod-api", []string{"lifecycle_policy"}},
		{"ecr:GetRegistryScanningConfiguration", awscollect.TypeECRRepository, ":repository/tools", []string{"registry_scanning"}},
		{"eks:DescribeCluster", awscollect.TypeEKSCluster, ":cluster/prod", []string{"version", "endpoint_public_access", "public_access_cidrs", "secrets_encrypted", "logging_enabled_types", "deletion_protection"}},
	} {
		for _, fault := range []struct {
			name       string
			faults     awstest.Faults
			reason     string
			incomplete bool
		}{
			{"denied", awstest.Faults{Deny: map[string]bool{tc.op: true}}, "access denied: needs " + tc.op, false},
			{"empty", awstest.Faults{EmptyBody: map[string]bool{tc.op: true}}, tc.op + " failed: ", true},
			{"truncated", awstest.Faults{Truncate: map[string]bool{tc.op: true}}, tc.op + " failed: ", true},
		} {
			t.Run(tc.op+" "+fault.name, func(t *testing.T) {
				t.Parallel()
				snap := collectSampleWith(t, fault.faults)
				assert.Equal(t, fault.incomplete, snap.Incomplete, snap.IncompleteReason)
				res := find(t, snap, tc.typ, tc.id)
				for _, a := range tc.attrs {
					assert.NotContains(t, res.Attributes, a, "an attribute that could not be read is absent")
					assert.Contains(t, res.Unknown[a], fault.reason, a)
				}
			})
		}
	}
}

// TestComputeSampleMeaning: spot checks that say what the golden means —
// no environment value reaches the snapshot, the not-found answers are
// data, and a listing that pages (page size 2) loses nothing.
func TestComputeSampleMeaning(t *testing.T) {
	t.Parallel()
	snap := collectSampleWith(t, awstest.Faults{})
	assert.Equal(t, 3, count(snap, awscollect.TypeLambdaFunction), "three functions over two pages")
	assert.Equal(t, 3, count(snap, awscollect.TypeECRRepository))
	assert.Equal(t, 2, count(snap, awscollect.TypeEKSCluster))

	legacy := find(t, snap, awscollect.TypeLambdaFunction, ":function:legacy-report")
	assert.Equal(t, []any{
		map[string]any{"name": "AWS_ACCESS_KEY_ID", "kinds": []string{"aws-access-key-id"}},
		map[string]any{"name": "AWS_SECRET_ACCESS_KEY", "kinds": []string{"aws-secret-key"}},
	}, legacy.Attributes["environment_secret_like"])
	enc := string(encode(t, snap))
	assert.NotContains(t, enc, awstest.SampleSecret, "an environment value never reaches the snapshot")
	assert.NotContains(t, enc, "AKIAI44QH8DHBEXAMPLE", "an environment value never reaches the snapshot")
	thumb := find(t, snap, awscollect.TypeLambdaFunction, ":function:thumbnailer")
	assert.NotContains(t, thumb.Attributes, "runtime", "a container image has no runtime")
	assert.Contains(t, thumb.Unknown["environment_secret_like"], "could not decrypt")
	assert.Equal(t, map[string]any{"present": false}, thumb.Attributes["policy"], "ResourceNotFoundException is no policy")

	sandbox := find(t, snap, awscollect.TypeECRRepository, ":repository/sandbox")
	assert.Equal(t, map[string]any{"present": false}, sandbox.Attributes["lifecycle_policy"], "LifecyclePolicyNotFoundException is no lifecycle policy")
	prod := find(t, snap, awscollect.TypeECRRepository, ":repository/prod-api")
	assert.Equal(t, map[string]any{"present": false}, prod.Attributes["policy"], "RepositoryPolicyNotFoundException is no policy")
}
