# Infrastructure of the engineering platform, as a pull request would change
# it. `rampart gate examples/acme/terraform --workspace examples/acme` checks
# it with the same controls the audit runs against the live accounts.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
    github = {
      source  = "integrations/github"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = var.region
}

provider "github" {
  owner = "acme-payments"
}
