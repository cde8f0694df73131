module "logs" {
  source = "./modules/bucket"
  name   = "module-logs"
  public = false
}

module "sites" {
  source   = "./modules/bucket"
  for_each = toset(["a", "b"])
  name     = "site-${each.key}"
  public   = true
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
}

resource "aws_s3_bucket" "uses_output" {
  bucket = "${module.logs.name}-copy"
}

provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "us"
  region = "us-east-1"
}

module "east" {
  source = "./modules/bucket"
  name   = "east-logs"
  public = false
  providers = {
    aws = aws.us
  }
}
