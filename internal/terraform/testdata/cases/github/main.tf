provider "github" {
  owner = "acme"
}

resource "github_repository" "classic" {
  name    = "classic"
  private = true
}

resource "github_branch_default" "classic" {
  repository = github_repository.classic.name
  branch     = "main"
}

resource "github_branch_protection" "classic" {
  repository_id = github_repository.classic.node_id
  pattern       = "ma*"
  required_pull_request_reviews {
    required_approving_review_count = 2
  }
}

resource "github_repository" "v3" {
  name = "v3"
}

resource "github_branch_default" "v3" {
  repository = github_repository.v3.name
  branch     = "trunk"
}

resource "github_branch_protection_v3" "v3" {
  repository = github_repository.v3.name
  branch     = "trunk"
}

resource "github_repository" "ruleset" {
  name       = "ruleset"
  visibility = "internal"
  archived   = true
}

resource "github_repository_ruleset" "ruleset" {
  name        = "all"
  repository  = github_repository.ruleset.name
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
      required_approving_review_count = 3
    }
  }
}

resource "github_repository" "unknown_branch" {
  name = "unknown-branch"
}

resource "github_branch_protection" "unknown_branch" {
  repository_id = github_repository.unknown_branch.node_id
  pattern       = "main"
}

resource "github_repository_ruleset" "evaluate_only" {
  name        = "dry-run"
  repository  = github_repository.unknown_branch.name
  target      = "branch"
  enforcement = "evaluate"
  conditions {
    ref_name {
      include = ["~ALL"]
      exclude = []
    }
  }
  rules {
    non_fast_forward = true
  }
}

resource "github_actions_repository_permissions" "classic" {
  repository      = github_repository.classic.name
  allowed_actions = "local_only"
}

resource "github_organization_settings" "acme" {
  billing_email = "x@acme.example"
}
