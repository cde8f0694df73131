provider "aws" {
  region = "eu-west-1"
}

variable "vendor_account" {
  type = string
}

resource "aws_kms_key" "secrets" {
  enable_key_rotation = true
}

# Passes: customer key, rotation every 30 days, a policy for the own account.
resource "aws_secretsmanager_secret" "db" {
  name       = "prod/db-password"
  kms_key_id = aws_kms_key.secrets.arn
}

resource "aws_secretsmanager_secret_rotation" "db" {
  secret_id           = aws_secretsmanager_secret.db.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:rotate"
  rotation_rules {
    automatically_after_days = 30
  }
}

resource "aws_secretsmanager_secret_policy" "db" {
  secret_arn = aws_secretsmanager_secret.db.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/app" }
      Action    = "secretsmanager:GetSecretValue"
      Resource  = "*"
    }]
  })
}

# Fails: AWS-managed key, no rotation, public through the inline policy.
resource "aws_secretsmanager_secret" "legacy" {
  name_prefix = "legacy-"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "secretsmanager:GetSecretValue", Resource = "*" }]
  })
}

# Rotated on a schedule: no day count; the policy names a variable's
# account, unknown until plan.
resource "aws_secretsmanager_secret" "vendor" {
  name       = "vendor/feed-key"
  kms_key_id = aws_kms_key.secrets.arn
}

resource "aws_secretsmanager_secret_rotation" "vendor" {
  secret_id = aws_secretsmanager_secret.vendor.id
  rotation_rules {
    schedule_expression = "rate(10 days)"
  }
}

resource "aws_secretsmanager_secret_policy" "vendor" {
  secret_arn = aws_secretsmanager_secret.vendor.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${var.vendor_account}:root" }
      Action    = "secretsmanager:GetSecretValue"
      Resource  = "*"
    }]
  })
}
