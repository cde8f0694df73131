terraform {
  required_version = ">= 1.5"
}

provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "us"
  region = "us-east-1"
}

variable "ports" {
  type    = list(number)
  default = [22, 3389]
}

variable "prefix" {
  type    = string
  default = "acme"
}

locals {
  bucket = "${var.prefix}-public"
}

resource "aws_s3_bucket" "public" {
  bucket = local.bucket
}

resource "aws_s3_bucket" "logs" {
  bucket   = "${var.prefix}-logs"
  provider = aws.us
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_public_access_block" "public" {
  bucket                  = aws_s3_bucket.public.id
  block_public_acls       = false
  block_public_policy     = false
  ignore_public_acls      = false
  restrict_public_buckets = false
}

resource "aws_s3_bucket_versioning" "logs" {
  bucket = aws_s3_bucket.logs.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_security_group" "web" {
  name = "web"
  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }
  dynamic "egress" {
    for_each = var.ports
    content {
      protocol    = "tcp"
      from_port   = egress.value
      to_port     = egress.value
      cidr_blocks = ["10.0.0.0/8"]
    }
  }
}

resource "aws_iam_policy" "admin" {
  name   = "admin"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}

resource "aws_iam_role" "ops" {
  name                = "ops"
  managed_policy_arns = [aws_iam_policy.admin.arn]
}

module "site" {
  source = "./mod"
  count  = 2
  name   = "${var.prefix}-site-${count.index}"
}

output "bucket" {
  value = aws_s3_bucket.public.bucket
}
