resource "aws_s3_bucket" "inner" {
  bucket = "inner"
}
