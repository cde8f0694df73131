provider "aws" {
  region = "eu-central-1"
}

# v3 inline blocks with a KMS key and logging
resource "aws_s3_bucket" "inline" {
  bucket = "inline-bucket"
  acl    = "private"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "arn:aws:s3:::inline-bucket/*", Condition = { Bool = { "aws:SecureTransport" = "false" } } }]
  })

  versioning {
    enabled    = true
    mfa_delete = true
  }

  logging {
    target_bucket = "central-logs"
    target_prefix = "inline/"
  }

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = "arn:aws:kms:eu-central-1:111122223333:key/abc"
      }
    }
  }
}

# v4 split resources linked by reference and by name
resource "aws_s3_bucket" "split" {
  bucket = "split-bucket"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "split" {
  bucket = aws_s3_bucket.split.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_s3_bucket_versioning" "split" {
  bucket = "split-bucket"
  versioning_configuration {
    status = "Suspended"
  }
}

resource "aws_s3_bucket_logging" "split" {
  bucket        = aws_s3_bucket.split.bucket
  target_bucket = aws_s3_bucket.inline.id
  target_prefix = "split/"
}

resource "aws_s3_bucket_acl" "split" {
  bucket = aws_s3_bucket.split.id
  acl    = "public-read"
}

resource "aws_s3_bucket_policy" "split" {
  bucket = aws_s3_bucket.split.id
  policy = <<-POLICY
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::split-bucket/*"}]}
  POLICY
}

# nothing configured: AWS's defaults apply
resource "aws_s3_bucket" "bare" {
  bucket_prefix = "bare-"
}

# Derived from the inline bucket's name, but another bucket: not linked to it.
resource "aws_s3_bucket_public_access_block" "derived" {
  bucket                  = "${aws_s3_bucket.inline.bucket}-replica"
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

# Object Ownership and Object Lock (issue 18): ACLs left on, a locked
# bucket with a default retention in years.
resource "aws_s3_bucket" "locked" {
  bucket              = "locked-bucket"
  object_lock_enabled = true
}

resource "aws_s3_bucket_ownership_controls" "locked" {
  bucket = aws_s3_bucket.locked.id
  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_object_lock_configuration" "locked" {
  bucket = aws_s3_bucket.locked.id
  rule {
    default_retention {
      mode  = "GOVERNANCE"
      years = 2
    }
  }
}
