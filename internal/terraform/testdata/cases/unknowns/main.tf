variable "bucket_name" {
  type = string
}

variable "algorithm" {
  type = string
}

data "aws_caller_identity" "current" {}

resource "aws_s3_bucket" "named_by_var" {
  bucket = var.bucket_name
}

resource "aws_s3_bucket_server_side_encryption_configuration" "named_by_var" {
  bucket = aws_s3_bucket.named_by_var.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = var.algorithm
    }
  }
}

resource "aws_s3_bucket" "other" {
  bucket = "other-${data.aws_caller_identity.current.account_id}"
}

# Which bucket this blocks cannot be known: every bucket here without its
# own public access block becomes unknown, never "not configured".
resource "aws_s3_bucket_public_access_block" "somewhere" {
  bucket                  = var.bucket_name
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

resource "aws_security_group" "dyn" {
  name = "dyn"
  dynamic "ingress" {
    for_each = var.rules
    content {
      protocol    = "tcp"
      from_port   = ingress.value
      to_port     = ingress.value
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}

variable "rules" {
  type = list(number)
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 10
}

resource "aws_instance" "app" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  user_data     = file("boot.sh")
}

variable "who" {
  type = string
}

resource "aws_iam_user" "named_by_var" {
  name = var.who
}

resource "aws_iam_user_login_profile" "named_by_var" {
  user = aws_iam_user.named_by_var.name
}
