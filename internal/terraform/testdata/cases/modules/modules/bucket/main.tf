variable "name" {
  type = string
}

variable "public" {
  type = bool
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.id
  block_public_acls       = !var.public
  ignore_public_acls      = !var.public
  block_public_policy     = !var.public
  restrict_public_buckets = !var.public
}

output "name" {
  value = aws_s3_bucket.this.bucket
}
