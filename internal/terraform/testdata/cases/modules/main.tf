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
