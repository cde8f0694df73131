provider "aws" {
  region = "eu-west-1"
}

variable "partner_account" {
  type = string
}

resource "aws_kms_key" "messages" {
  enable_key_rotation = true
}

# Passes: a customer key, a policy for the own account (linked resource).
resource "aws_sns_topic" "alerts" {
  name              = "security-alerts"
  kms_master_key_id = aws_kms_key.messages.arn
}

resource "aws_sns_topic_policy" "alerts" {
  arn = aws_sns_topic.alerts.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "cloudwatch.amazonaws.com" }
      Action    = "sns:Publish"
      Resource  = "*"
      Condition = { StringEquals = { "aws:SourceAccount" = "111122223333" } }
    }]
  })
}

# Fails: the AWS-managed key and a public inline policy.
resource "aws_sns_topic" "public" {
  name              = "public-events"
  kms_master_key_id = "alias/aws/sns"
  policy            = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "sns:Subscribe", Resource = "*" }] })
}

# Fails: not encrypted; no policy (AWS writes the owner-only default).
resource "aws_sns_topic" "plain" {
  name_prefix = "build-"
}

# Passes: a customer key, a queue policy linked by the queue's id.
resource "aws_sqs_queue" "orders" {
  name              = "orders"
  kms_master_key_id = aws_kms_key.messages.id
}

resource "aws_sqs_queue_policy" "orders" {
  queue_url = aws_sqs_queue.orders.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:role/app" }, Action = "sqs:SendMessage", Resource = "*" }]
  })
}

# SSE-SQS by default, no policy.
resource "aws_sqs_queue" "dlq" {
  name = "orders-dlq"
}

# Fails: encryption switched off, a public policy with every action.
resource "aws_sqs_queue" "webhooks" {
  name                    = "webhooks-in"
  sqs_managed_sse_enabled = false
  policy                  = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "sqs:*", Resource = "*" }] })
}

# Unknown until apply: a principal from a variable without a default.
resource "aws_sqs_queue" "partner" {
  name = "partner-feed"
}

resource "aws_sqs_queue_policy" "partner" {
  queue_url = aws_sqs_queue.partner.url
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::${var.partner_account}:root" }, Action = "sqs:ReceiveMessage", Resource = "*" }]
  })
}

# The AWS-managed key given by its key ARN, not alias/aws/sns: which key it
# is only kms:DescribeKey tells, so customer_managed_key is unknown.
resource "aws_sns_topic" "ops" {
  name              = "ops-events"
  kms_master_key_id = "arn:aws:kms:eu-west-1:111122223333:key/aaaa1111-2222-3333-4444-555566667777"
}

# A customer alias: KMS lets aliases name customer-managed keys only.
resource "aws_sqs_queue" "ops" {
  name              = "ops-jobs"
  kms_master_key_id = "alias/ops"
}
