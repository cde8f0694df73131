resource "aws_kms_key" "nested" {
  enable_key_rotation = false
}
