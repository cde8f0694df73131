locals {
  envs   = { prod = { versioned = true }, dev = { versioned = false } }
  ports  = [22, 443]
  prefix = lower(format("%s-%s", "ACME", "data"))
}

resource "aws_s3_bucket" "env" {
  for_each = local.envs
  bucket   = "${local.prefix}-${each.key}"
}

resource "aws_s3_bucket_versioning" "env" {
  for_each = local.envs
  bucket   = aws_s3_bucket.env[each.key].id
  versioning_configuration {
    status = each.value.versioned ? "Enabled" : "Suspended"
  }
}

resource "aws_s3_bucket" "numbered" {
  count  = 2
  bucket = "numbered-${count.index}"
}

resource "aws_security_group" "counted" {
  count = length(local.ports)
  name  = "sg-${local.ports[count.index]}"
  ingress {
    protocol    = "tcp"
    from_port   = local.ports[count.index]
    to_port     = local.ports[count.index]
    cidr_blocks = ["10.0.0.0/8"]
  }
}

variable "replicas" {
  type = number
}

resource "aws_kms_key" "maybe" {
  count               = var.replicas
  enable_key_rotation = true
}

resource "aws_ebs_volume" "many" {
  count             = 100000
  availability_zone = "eu-west-1a"
  encrypted         = true
}
