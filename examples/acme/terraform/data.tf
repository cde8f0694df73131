# Data services: secrets (issue 18). The payments database password rotates
# monthly under the ledger key and is readable by the payments role only;
# the analytics reporting key, added in this change, uses the AWS-managed
# key and has no rotation yet.

resource "aws_secretsmanager_secret" "payments_db" {
  name       = "payments/db-password"
  kms_key_id = aws_kms_key.ledger.arn
}

resource "aws_secretsmanager_secret_rotation" "payments_db" {
  secret_id           = aws_secretsmanager_secret.payments_db.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:rotate-payments-db"
  rotation_rules {
    automatically_after_days = 30
  }
}

resource "aws_secretsmanager_secret_policy" "payments_db" {
  secret_arn = aws_secretsmanager_secret.payments_db.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/payments-api" }
      Action    = "secretsmanager:GetSecretValue"
      Resource  = "*"
    }]
  })
}

resource "aws_secretsmanager_secret" "reporting_token" {
  name = "analytics/reporting-key"
}

# Messaging (issue 18): the payments order queue is under the ledger key and
# reachable by the payments role; the analytics export topic added in this
# change has no key and lets anyone subscribe.

resource "aws_sqs_queue" "payments_orders" {
  name              = "payments-orders"
  kms_master_key_id = aws_kms_key.ledger.arn
}

resource "aws_sqs_queue_policy" "payments_orders" {
  queue_url = aws_sqs_queue.payments_orders.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/payments-api" }
      Action    = ["sqs:SendMessage", "sqs:ReceiveMessage"]
      Resource  = "*"
    }]
  })
}

resource "aws_sns_topic" "analytics_exports" {
  name = "analytics-exports"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "SNS:Subscribe"
      Resource  = "*"
    }]
  })
}

# The payments ledger table: the ledger key, point-in-time recovery and
# deletion protection. The analytics scratch table added in this change has
# none of them.

resource "aws_dynamodb_table" "payments_ledger" {
  name                        = "payments-ledger"
  hash_key                    = "entry_id"
  billing_mode                = "PAY_PER_REQUEST"
  deletion_protection_enabled = true
  attribute {
    name = "entry_id"
    type = "S"
  }
  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.ledger.arn
  }
  point_in_time_recovery {
    enabled = true
  }
}

resource "aws_dynamodb_table" "analytics_scratch" {
  name     = "analytics-scratch"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
}
