resource "aws_kms_key" "missing" {
  enable_key_rotation = true
}
