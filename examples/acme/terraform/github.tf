resource "github_repository" "payments_api" {
  name       = "payments-api"
  visibility = "private"
}

resource "github_branch_default" "payments_api" {
  repository = github_repository.payments_api.name
  branch     = "main"
}

resource "github_branch_protection" "payments_api" {
  repository_id       = github_repository.payments_api.node_id
  pattern             = "main"
  allows_force_pushes = true

  required_pull_request_reviews {
    required_approving_review_count = 1
  }
}

# New repository without any protection on its default branch.
resource "github_repository" "status_page" {
  name       = "status-page"
  visibility = "public"
}

resource "github_branch_default" "status_page" {
  repository = github_repository.status_page.name
  branch     = "main"
}

resource "github_repository" "website" {
  name       = "website"
  visibility = "public"
}

resource "github_repository_ruleset" "website" {
  name        = "default-branch"
  repository  = github_repository.website.name
  target      = "branch"
  enforcement = "active"

  conditions {
    ref_name {
      include = ["~DEFAULT_BRANCH"]
      exclude = []
    }
  }

  rules {
    non_fast_forward = true
    pull_request {
      required_approving_review_count = 1
    }
  }
}

resource "github_organization_settings" "acme" {
  billing_email                 = "billing@acme-payments.example"
  default_repository_permission = "write"
}
