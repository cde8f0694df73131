package aws_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	awscollect "github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/collect/aws/awstest"
)

// TestTables: the sample's tables over pages of ListTables (paged by the
// last table name), with encryption, the key's manager, deletion
// protection and point-in-time recovery.
func TestTables(t *testing.T) {
	t.Parallel()
	srv := awstest.New(awstest.Sample(), awstest.Faults{PageSize: 2})
	defer srv.Close()
	snap, _, err := awscollect.Collect(context.Background(), options(srv, awstest.SampleKey))
	require.NoError(t, err)
	assert.Equal(t, 3, count(snap, awscollect.TypeDynamoDBTable), "three tables over two pages")

	orders := find(t, snap, awscollect.TypeDynamoDBTable, ":table/orders")
	assert.Equal(t, "KMS", orders.Attributes["encryption"])
	assert.Equal(t, true, orders.Attributes["customer_managed_key"])
	assert.Equal(t, true, orders.Attributes["point_in_time_recovery"])
	assert.Equal(t, true, orders.Attributes["deletion_protection"])
	sessions := find(t, snap, awscollect.TypeDynamoDBTable, ":table/sessions")
	assert.Equal(t, "KMS", sessions.Attributes["encryption"])
	assert.Equal(t, false, sessions.Attributes["customer_managed_key"], "aws/dynamodb is AWS-managed (kms:DescribeKey)")
	assert.Equal(t, false, sessions.Attributes["deletion_protection"])
	scratch := find(t, snap, awscollect.TypeDynamoDBTable, ":table/scratch")
	assert.Equal(t, "AWS_OWNED", scratch.Attributes["encryption"])
	assert.NotContains(t, scratch.Attributes, "kms_key_arn")
	assert.Equal(t, false, scratch.Attributes["point_in_time_recovery"])
}

// TestTablesFaults: a broken listing leaves the type not collected; a
// broken describe call leaves what it answers unknown, naming the action.
func TestTablesFaults(t *testing.T) {
	t.Parallel()
	for _, tc := range []regionalFault{
		{"listing denied", awscollect.TypeDynamoDBTable, awstest.Faults{Deny: map[string]bool{"dynamodb:ListTables@eu-west-1": true}}, "access denied: needs dynamodb:ListTables", false},
		{"listing looping", awscollect.TypeDynamoDBTable, awstest.Faults{PageSize: 2, LoopPages: map[string]bool{"dynamodb:ListTables@eu-west-1": true}}, "pagination loops", true},
		{"listing empty body", awscollect.TypeDynamoDBTable, awstest.Faults{EmptyBody: map[string]bool{"dynamodb:ListTables@eu-west-1": true}}, "dynamodb:ListTables failed: ", true},
		{"listing truncated", awscollect.TypeDynamoDBTable, awstest.Faults{Truncate: map[string]bool{"dynamodb:ListTables@eu-west-1": true}}, "dynamodb:ListTables failed: ", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.check(t)
		})
	}
	for _, tc := range []struct {
		name       string
		faults     awstest.Faults
		attrs      []string
		reason     string
		incomplete bool
	}{
		{"describe denied", awstest.Faults{Deny: map[string]bool{"dynamodb:DescribeTable": true}}, []string{"encryption", "customer_managed_key", "deletion_protection"}, "access denied: needs dynamodb:DescribeTable", false},
		{"describe truncated", awstest.Faults{Truncate: map[string]bool{"dynamodb:DescribeTable": true}}, []string{"encryption", "customer_managed_key", "deletion_protection"}, "dynamodb:DescribeTable failed: ", true},
		{"backups denied", awstest.Faults{Deny: map[string]bool{"dynamodb:DescribeContinuousBackups": true}}, []string{"point_in_time_recovery"}, "access denied: needs dynamodb:DescribeContinuousBackups", false},
		{"backups empty body", awstest.Faults{EmptyBody: map[string]bool{"dynamodb:DescribeContinuousBackups": true}}, []string{"point_in_time_recovery"}, "dynamodb:DescribeContinuousBackups", true},
		{"key manager denied", awstest.Faults{Deny: map[string]bool{"kms:DescribeKey": true}}, []string{"customer_managed_key"}, "access denied: needs kms:DescribeKey", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			snap := collectSampleWith(t, tc.faults)
			assert.Equal(t, tc.incomplete, snap.Incomplete, snap.IncompleteReason)
			orders := find(t, snap, awscollect.TypeDynamoDBTable, ":table/orders")
			for _, k := range tc.attrs {
				assert.NotContains(t, orders.Attributes, k)
				assert.Contains(t, orders.Unknown[k], tc.reason, k)
			}
		})
	}
}
