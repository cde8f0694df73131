resource "aws_s3_bucket" "sub" {
  bucket = "vpc-sub"
}
