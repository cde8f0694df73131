resource "aws_s3_bucket" "logs" {
  bucket = "logs-b"
}

resource "aws_kms_key" "k" {}
