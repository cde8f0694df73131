# AWS provider v3 style: every setting inline on aws_s3_bucket.
resource "aws_s3_bucket" "audit_logs" {
  bucket = "${local.prefix}-audit-logs"
  acl    = "log-delivery-write"

  versioning {
    enabled = true
  }

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256"
      }
    }
  }

  tags = local.tags
}

# AWS provider v4+ style: the settings are separate resources.
resource "aws_s3_bucket" "ledger_exports" {
  bucket = "${local.prefix}-ledger-exports"
  tags   = local.tags
}

resource "aws_s3_bucket_server_side_encryption_configuration" "ledger_exports" {
  bucket = aws_s3_bucket.ledger_exports.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.ledger.arn
    }
  }
}

resource "aws_s3_bucket_public_access_block" "ledger_exports" {
  bucket = aws_s3_bucket.ledger_exports.id

  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = false
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "ledger_exports" {
  bucket = aws_s3_bucket.ledger_exports.id
  versioning_configuration {
    status = "Enabled"
  }
}

# A correctly locked-down bucket: passes.
resource "aws_s3_bucket" "artifacts" {
  bucket = "${local.prefix}-artifacts"
}

resource "aws_s3_bucket_public_access_block" "artifacts" {
  bucket                  = aws_s3_bucket.artifacts.bucket
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

# Log buckets from a local module, one per log source.
module "log_bucket" {
  source   = "./modules/bucket"
  for_each = var.log_buckets
  name     = "${local.prefix}-${each.key}-logs"
}

resource "aws_kms_key" "ledger" {
  description         = "Ledger export encryption"
  enable_key_rotation = true
}
