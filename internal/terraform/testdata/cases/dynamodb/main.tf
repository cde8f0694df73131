provider "aws" {
  region = "eu-west-1"
}

variable "encrypt" {
  type = bool
}

resource "aws_kms_key" "tables" {
  enable_key_rotation = true
}

# Passes: a customer key, point-in-time recovery, deletion protection.
resource "aws_dynamodb_table" "orders" {
  name                        = "orders"
  hash_key                    = "pk"
  billing_mode                = "PAY_PER_REQUEST"
  deletion_protection_enabled = true
  attribute {
    name = "pk"
    type = "S"
  }
  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.tables.arn
  }
  point_in_time_recovery {
    enabled = true
  }
}

# The AWS-managed key; no point-in-time recovery block.
resource "aws_dynamodb_table" "sessions" {
  name         = "sessions"
  hash_key     = "pk"
  billing_mode = "PAY_PER_REQUEST"
  attribute {
    name = "pk"
    type = "S"
  }
  server_side_encryption {
    enabled = true
  }
}

# DynamoDB's own key (no block); PITR switched off.
resource "aws_dynamodb_table" "scratch" {
  name     = "scratch"
  hash_key = "pk"
  attribute {
    name = "pk"
    type = "S"
  }
  point_in_time_recovery {
    enabled = false
  }
}

# Unknown: encryption from a variable without a default.
resource "aws_dynamodb_table" "feed" {
  name     = "feed"
  hash_key = "pk"
  attribute {
    name = "pk"
    type = "S"
  }
  server_side_encryption {
    enabled = var.encrypt
  }
}
