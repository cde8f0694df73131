variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "environment" {
  type = string
}

# Set in terraform.tfvars: the bastion's source range.
variable "admin_cidr" {
  type = string
}

variable "log_buckets" {
  type    = set(string)
  default = ["cloudfront", "alb"]
}

locals {
  prefix = "acme-${var.environment}"
  tags = {
    Environment = var.environment
    Owner       = "platform"
  }
}
