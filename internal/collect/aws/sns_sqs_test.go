package aws_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	awscollect "github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/collect/aws/awstest"
)

// TestTopicsAndQueues: the sample's topics and queues over pages, with
// their keys and policies as GetTopicAttributes and GetQueueAttributes
// answer them; a policy that is not JSON, and a queue answer without
// SqsManagedSseEnabled or KMS key, are unknown with the reason, not a pass.
func TestTopicsAndQueues(t *testing.T) {
	t.Parallel()
	srv := awstest.New(awstest.Sample(), awstest.Faults{PageSize: 3})
	defer srv.Close()
	snap, _, err := awscollect.Collect(context.Background(), options(srv, awstest.SampleKey))
	require.NoError(t, err)
	assert.Equal(t, 5, count(snap, awscollect.TypeSNSTopic), "five topics over two pages")
	assert.Equal(t, 5, count(snap, awscollect.TypeSQSQueue), "five queues over two pages")

	alerts := find(t, snap, awscollect.TypeSNSTopic, ":security-alerts")
	assert.Equal(t, true, alerts.Attributes["customer_managed_key"])
	assert.Equal(t, true, alerts.Attributes["encrypted"])
	assert.Equal(t, "__default_policy_ID", alerts.Attributes["policy"].(map[string]any)["document"].(map[string]any)["Id"], "SNS's default policy is a policy")
	public := find(t, snap, awscollect.TypeSNSTopic, ":public-events")
	assert.Equal(t, false, public.Attributes["customer_managed_key"], "alias/aws/sns is the AWS-managed key")
	assert.Equal(t, true, public.Attributes["encrypted"])
	plain := find(t, snap, awscollect.TypeSNSTopic, ":build-notices")
	assert.Equal(t, false, plain.Attributes["encrypted"])
	assert.NotContains(t, plain.Attributes, "kms_master_key_id")
	broken := find(t, snap, awscollect.TypeSNSTopic, ":broken-policy")
	assert.NotContains(t, broken.Attributes, "policy")
	assert.Contains(t, broken.Unknown["policy"], "resource policy is not JSON")

	orders := find(t, snap, awscollect.TypeSQSQueue, "/orders")
	assert.Equal(t, "arn:aws:sqs:eu-west-1:111122223333:orders", orders.Attributes["arn"])
	assert.Equal(t, true, orders.Attributes["customer_managed_key"])
	assert.Equal(t, false, orders.Attributes["sqs_managed_sse"])
	assert.Equal(t, true, orders.Attributes["encrypted"])
	dlq := find(t, snap, awscollect.TypeSQSQueue, "/orders-dlq")
	assert.Equal(t, true, dlq.Attributes["encrypted"], "SSE-SQS")
	assert.Equal(t, false, dlq.Attributes["customer_managed_key"])
	assert.Equal(t, map[string]any{"present": false}, dlq.Attributes["policy"], "no Policy attribute is no policy")
	legacy := find(t, snap, awscollect.TypeSQSQueue, "/legacy-jobs")
	assert.Equal(t, true, legacy.Attributes["encrypted"], "a KMS key without SqsManagedSseEnabled")
	assert.Equal(t, false, legacy.Attributes["customer_managed_key"], "alias/aws/sqs")
	open := find(t, snap, awscollect.TypeSQSQueue, "/webhooks-in")
	assert.Equal(t, false, open.Attributes["encrypted"])
}

// TestAWSManagedKeyByID: the AWS-managed key named by its ARN or key ID
// (not by alias/aws/...) is not a customer-managed key — kms:DescribeKey's
// KeyManager says so, where the name alone passed before (the cache is
// TestKeyManagerCache's); an alias/aws/ name asks nothing; a denied
// DescribeKey leaves customer_managed_key unknown naming the
// action, never true.
func TestAWSManagedKeyByID(t *testing.T) {
	t.Parallel()
	srv := awstest.New(awstest.Sample(), awstest.Faults{})
	defer srv.Close()
	snap, _, err := awscollect.Collect(context.Background(), options(srv, awstest.SampleKey))
	require.NoError(t, err)
	for _, tc := range []struct{ typ, id string }{
		{awscollect.TypeSNSTopic, ":ops-events"},
		{awscollect.TypeSQSQueue, "/ops-jobs"},
		{awscollect.TypeSecret, ":secret:ops/aws-key-by-arn-a1B2c3"},
		{awscollect.TypeDynamoDBTable, ":table/sessions"},
	} {
		r := find(t, snap, tc.typ, tc.id)
		assert.Equal(t, false, r.Attributes["customer_managed_key"], "%s %s is under aws-managed key aaaa1111-…", tc.typ, tc.id)
	}
	denied := collectSampleWith(t, awstest.Faults{Deny: map[string]bool{"kms:DescribeKey": true}})
	for _, tc := range []struct{ typ, id string }{
		{awscollect.TypeSNSTopic, ":ops-events"}, {awscollect.TypeSNSTopic, ":security-alerts"},
		{awscollect.TypeSQSQueue, "/ops-jobs"}, {awscollect.TypeSQSQueue, "/orders"},
		{awscollect.TypeSecret, ":secret:prod/db-password-a1B2c3"},
	} {
		r := find(t, denied, tc.typ, tc.id)
		assert.NotContains(t, r.Attributes, "customer_managed_key", tc.id)
		assert.Equal(t, "access denied: needs kms:DescribeKey", r.Unknown["customer_managed_key"], tc.id)
	}
	public := find(t, denied, awscollect.TypeSNSTopic, ":public-events")
	assert.Equal(t, false, public.Attributes["customer_managed_key"], "alias/aws/sns needs no call")
}

// TestTopicsAndQueuesFaults: a broken listing leaves the type not
// collected in the region; a broken attributes call leaves every attribute
// it answers unknown, naming the action, never "unencrypted" or "no policy".
func TestTopicsAndQueuesFaults(t *testing.T) {
	t.Parallel()
	for _, tc := range []regionalFault{
		{"topics denied", awscollect.TypeSNSTopic, awstest.Faults{Deny: map[string]bool{"sns:ListTopics@eu-west-1": true}}, "access denied: needs sns:ListTopics", false},
		{"topics looping", awscollect.TypeSNSTopic, awstest.Faults{LoopPages: map[string]bool{"sns:ListTopics@eu-west-1": true}}, "pagination loops", true},
		{"topics truncated", awscollect.TypeSNSTopic, awstest.Faults{Truncate: map[string]bool{"sns:ListTopics@eu-west-1": true}}, "sns:ListTopics failed: ", true},
		{"queues denied", awscollect.TypeSQSQueue, awstest.Faults{Deny: map[string]bool{"sqs:ListQueues@eu-west-1": true}}, "access denied: needs sqs:ListQueues", false},
		{"queues looping", awscollect.TypeSQSQueue, awstest.Faults{LoopPages: map[string]bool{"sqs:ListQueues@eu-west-1": true}}, "pagination loops", true},
		{"queues empty body", awscollect.TypeSQSQueue, awstest.Faults{EmptyBody: map[string]bool{"sqs:ListQueues@eu-west-1": true}}, "sqs:ListQueues failed: ", true},
		{"queues truncated", awscollect.TypeSQSQueue, awstest.Faults{Truncate: map[string]bool{"sqs:ListQueues@eu-west-1": true}}, "sqs:ListQueues failed: ", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.check(t)
		})
	}
	for _, tc := range []struct {
		name, typ, id string
		faults        awstest.Faults
		reason        string
		incomplete    bool
	}{
		{"topic attributes denied", awscollect.TypeSNSTopic, ":security-alerts", awstest.Faults{Deny: map[string]bool{"sns:GetTopicAttributes": true}}, "access denied: needs sns:GetTopicAttributes", false},
		{"topic attributes empty body", awscollect.TypeSNSTopic, ":security-alerts", awstest.Faults{EmptyBody: map[string]bool{"sns:GetTopicAttributes": true}}, "sns:GetTopicAttributes failed: ", true},
		{"topic attributes truncated", awscollect.TypeSNSTopic, ":security-alerts", awstest.Faults{Truncate: map[string]bool{"sns:GetTopicAttributes": true}}, "sns:GetTopicAttributes failed: ", true},
		{"queue attributes denied", awscollect.TypeSQSQueue, "/orders-dlq", awstest.Faults{Deny: map[string]bool{"sqs:GetQueueAttributes": true}}, "access denied: needs sqs:GetQueueAttributes", false},
		{"queue attributes empty body", awscollect.TypeSQSQueue, "/orders-dlq", awstest.Faults{EmptyBody: map[string]bool{"sqs:GetQueueAttributes": true}}, "sqs:GetQueueAttributes failed: ", true},
		{"queue attributes truncated", awscollect.TypeSQSQueue, "/orders-dlq", awstest.Faults{Truncate: map[string]bool{"sqs:GetQueueAttributes": true}}, "sqs:GetQueueAttributes failed: ", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			snap := collectSampleWith(t, tc.faults)
			assert.Equal(t, tc.incomplete, snap.Incomplete, snap.IncompleteReason)
			r := find(t, snap, tc.typ, tc.id)
			for _, k := range []string{"policy", "encrypted", "customer_managed_key"} {
				assert.NotContains(t, r.Attributes, k)
				assert.Contains(t, r.Unknown[k], tc.reason, k)
			}
		})
	}
	t.Run("queue without SqsManagedSseEnabled or key", func(t *testing.T) {
		t.Parallel()
		est := awstest.Sample()
		qs := est.Accounts[0].Regions["eu-west-1"].Queues
		for i := range qs {
			if qs[i].Name == "orders-dlq" {
				qs[i].NoSSEAttribute = true
			}
		}
		srv := awstest.New(est, awstest.Faults{})
		defer srv.Close()
		snap, _, err := awscollect.Collect(context.Background(), options(srv, awstest.SampleKey))
		require.NoError(t, err)
		dlq := find(t, snap, awscollect.TypeSQSQueue, "/orders-dlq")
		assert.NotContains(t, dlq.Attributes, "encrypted")
		assert.Contains(t, dlq.Unknown["encrypted"], "the answer has no SqsManagedSseEnabled")
	})
}

// TestKeyPolicies: customer-managed keys carry their key policy (KMS's
// default one included); AWS-managed keys none; a denied or broken
// GetKeyPolicy leaves the policy unknown, never "no policy".
func TestKeyPolicies(t *testing.T) {
	t.Parallel()
	snap := collectSampleWith(t, awstest.Faults{})
	own := find(t, snap, awscollect.TypeKMSKey, "key/1234abcd-12ab-34cd-56ef-1234567890ab")
	assert.Equal(t, "key-default-1", own.Attributes["policy"].(map[string]any)["document"].(map[string]any)["Id"])
	public := find(t, snap, awscollect.TypeKMSKey, "key/0987dcba-09fe-87dc-65ba-ab0987654321")
	assert.Len(t, public.Attributes["policy"].(map[string]any)["document"].(map[string]any)["Statement"], 2)
	managed := find(t, snap, awscollect.TypeKMSKey, "key/aaaa1111-2222-3333-4444-555566667777")
	assert.NotContains(t, managed.Attributes, "policy")
	assert.NotContains(t, managed.Unknown, "policy")
	for _, tc := range []struct {
		name       string
		faults     awstest.Faults
		reason     string
		incomplete bool
	}{
		{"denied", awstest.Faults{Deny: map[string]bool{"kms:GetKeyPolicy": true}}, "access denied: needs kms:GetKeyPolicy", false},
		{"empty body", awstest.Faults{EmptyBody: map[string]bool{"kms:GetKeyPolicy": true}}, "kms:GetKeyPolicy failed: ", true},
		{"truncated", awstest.Faults{Truncate: map[string]bool{"kms:GetKeyPolicy": true}}, "kms:GetKeyPolicy failed: ", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			snap := collectSampleWith(t, tc.faults)
			assert.Equal(t, tc.incomplete, snap.Incomplete, snap.IncompleteReason)
			k := find(t, snap, awscollect.TypeKMSKey, "key/1234abcd-12ab-34cd-56ef-1234567890ab")
			assert.NotContains(t, k.Attributes, "policy")
			assert.Contains(t, k.Unknown["policy"], tc.reason)
		})
	}
}
