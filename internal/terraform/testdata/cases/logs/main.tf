provider "aws" {
  region = "eu-west-1"
}

variable "logs_key_arn" {
  type = string
}

variable "retention_days" {
  type = number
}

resource "aws_kms_key" "logs" {
  enable_key_rotation = true
}

# Passes: kept a year, under a key of this configuration (its ARN is
# unknown until apply, but it is a key).
resource "aws_cloudwatch_log_group" "trail" {
  name              = "cloudtrail-org"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.logs.arn
}

# Fails both: two weeks, CloudWatch Logs' own encryption.
resource "aws_cloudwatch_log_group" "app" {
  name              = "/app/orders"
  retention_in_days = 14
}

# Never expires (no retention_in_days), a literal key ARN.
resource "aws_cloudwatch_log_group" "access" {
  name_prefix     = "events-access-"
  kms_key_id      = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  log_group_class = "INFREQUENT_ACCESS"
}

# Unknown until apply: retention and key from variables without defaults
# (the key variable may be null).
resource "aws_cloudwatch_log_group" "partner" {
  name              = "partner-feed"
  retention_in_days = var.retention_days
  kms_key_id        = var.logs_key_arn
}

# 0 is "never expire" to the provider.
resource "aws_cloudwatch_log_group" "forever" {
  name              = "audit-archive"
  retention_in_days = 0
}
