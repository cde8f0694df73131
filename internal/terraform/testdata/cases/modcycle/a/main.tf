module "b" {
  source = "../b"
}

resource "aws_s3_bucket" "in_a" {
  bucket = "in-a"
}
