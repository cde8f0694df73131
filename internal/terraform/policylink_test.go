package terraform

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"
)

// TestLinkedPolicy: every resource type whose policy may sit in a separate
// resource reads it through linkedPolicy, so each case holds for all of
// them: the linked resource wins over the inline argument, no policy is
// {present: false}, and a document unknown until apply, one that is not
// JSON, or a policy resource whose target cannot be placed leave the
// attribute unknown with the reason — never "no policy".
func TestLinkedPolicy(t *testing.T) {
	t.Parallel()
	const doc = `jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*"}]})`
	cases := []struct {
		name, hcl, id string
		present       any    // {present} when the attribute is known
		unknown       string // substring of the reason when unknown
	}{
		{name: "no policy", id: "arn:aws:s3:::b",
			hcl: `resource "aws_s3_bucket" "b" { bucket = "b" }`, present: false},
		{name: "inline argument", id: "arn:aws:s3:::b",
			hcl: `resource "aws_s3_bucket" "b" { 
  bucket = "b"
  policy = ` + doc + `
}`, present: true},
		{name: "linked resource by reference", id: "arn:aws:s3:::b",
			hcl: `resource "aws_s3_bucket" "b" { bucket = "b" }
resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.b.id
  policy = ` + doc + `
}`, present: true},
		{name: "linked document unknown until apply", id: "arn:aws:s3:::b",
			hcl: `resource "aws_s3_bucket" "b" { bucket = "b" }
resource "aws_iam_role" "r" { assume_role_policy = "{}" }
resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.b.id
  policy = jsonencode({Statement = [{Effect = "Allow", Principal = {AWS = aws_iam_role.r.arn}, Action = "s3:*", Resource = "*"}]})
}`, unknown: "aws_iam_role.r.arn"},
		{name: "inline not JSON", id: "aws_secretsmanager_secret.s",
			hcl: `resource "aws_secretsmanager_secret" "s" { 
  name_prefix = "s"
  policy = "{not json"
}`, unknown: "not valid JSON"},
		{name: "policy resource whose target is unknown", id: "aws_secretsmanager_secret.s",
			hcl: `variable "target" {}
resource "aws_secretsmanager_secret" "s" { name_prefix = "s" }
resource "aws_secretsmanager_secret_policy" "p" {
  secret_arn = var.target
  policy = ` + doc + `
}`, unknown: "cannot be determined statically"},
		{name: "topic policy linked by the topic's arn", id: "aws_sns_topic.t",
			hcl: `resource "aws_sns_topic" "t" { name = "t" }
resource "aws_sns_topic_policy" "p" {
  arn    = aws_sns_topic.t.arn
  policy = ` + doc + `
}`, present: true},
		{name: "topic without policy", id: "aws_sns_topic.t",
			hcl: `resource "aws_sns_topic" "t" { name = "t" }`, present: false},
		{name: "queue policy linked by the queue's url", id: "aws_sqs_queue.q",
			hcl: `resource "aws_sqs_queue" "q" { name = "q" }
resource "aws_sqs_queue_policy" "p" {
  queue_url = aws_sqs_queue.q.url
  policy    = ` + doc + `
}`, present: true},
		{name: "queue inline policy unknown until apply", id: "aws_sqs_queue.q",
			hcl: `resource "aws_iam_role" "r" { assume_role_policy = "{}" }
resource "aws_sqs_queue" "q" {
  name   = "q"
  policy = jsonencode({Statement = [{Effect = "Allow", Principal = {AWS = aws_iam_role.r.arn}, Action = "sqs:*", Resource = "*"}]})
}`, unknown: "aws_iam_role.r.arn"},
		{name: "key policy linked by the key's id", id: "aws_kms_key.k",
			hcl: `resource "aws_kms_key" "k" {}
resource "aws_kms_key_policy" "p" {
  key_id = aws_kms_key.k.id
  policy = ` + doc + `
}`, present: true},
		{name: "key without policy", id: "aws_kms_key.k",
			hcl: `resource "aws_kms_key" "k" {}`, present: false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fsys := fstest.MapFS{"main.tf": {Data: []byte(`provider "aws" { region = "eu-west-1" }` + "\n" + tc.hcl + "\n")}}
			res, err := Load(context.Background(), fsys, []string{"."}, Options{})
			require.NoError(t, err)
			r := byID(t, res, tc.id)
			if tc.unknown != "" {
				require.NotContains(t, r.Attributes, "policy")
				require.Contains(t, r.Unknown["policy"], tc.unknown)
				return
			}
			require.NotContains(t, r.Unknown, "policy")
			pol := r.Attributes["policy"].(map[string]any)
			require.Equal(t, tc.present, pol["present"])
			if tc.present == true {
				require.NotNil(t, pol["document"])
			}
		})
	}
}
