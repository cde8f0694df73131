# Installed by terraform init: read from .terraform/modules.
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
}

# Not in modules.json: blocking.
module "missing" {
  source = "git::https://example.com/missing.git"
}

# modules.json points outside the root module: refused.
module "escape" {
  source = "example/escape/aws"
}

# Installed for another source than the one configured (stale init): blocking.
module "stale" {
  source = "example/new/aws"
}
