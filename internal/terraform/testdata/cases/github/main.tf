provider "github" {
  owner = "acme"
}

resource "github_repository" "classic" {
  name                   = "classic"
  private                = true
  allow_forking          = false
  delete_branch_on_merge = true
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
    restrict_dismissals             = true
    dismissal_restrictions          = ["/alice"]
  }
  restrict_pushes {
    push_allowances = ["acme/release"]
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
    update           = true
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
  billing_email                         = "x@acme.example"
  members_can_fork_private_repositories = true
}

# One group open to public repositories, one limited to selected ones.
resource "github_actions_runner_group" "open" {
  name                       = "open"
  visibility                 = "all"
  allows_public_repositories = true
}

resource "github_actions_runner_group" "build" {
  name       = "build"
  visibility = "selected"
}

resource "github_repository" "full" {
  name                 = "full"
  visibility           = "private"
  vulnerability_alerts = true
  security_and_analysis {
    secret_scanning {
      status = "enabled"
    }
    secret_scanning_push_protection {
      status = "disabled"
    }
  }
}

resource "github_repository_file" "codeowners" {
  repository = github_repository.full.name
  file       = ".github/CODEOWNERS"
  content    = "* @acme/platform"
}

resource "github_repository_webhook" "ci" {
  repository = github_repository.full.name
  events     = ["push"]
  configuration {
    url          = "http://ci.acme.example/hook?token=abc"
    content_type = "json"
    insecure_ssl = true
    secret       = "s3cr3t"
  }
}

resource "github_repository_deploy_key" "deploy" {
  repository = github_repository.full.name
  title      = "deploy"
  key        = "ssh-ed25519 AAAA"
  read_only  = false
}

resource "github_repository_collaborators" "full" {
  repository = github_repository.full.name
  user {
    username   = "contractor"
    permission = "admin"
  }
  user {
    username = "dev"
  }
}

resource "github_workflow_repository_permissions" "full" {
  repository                       = github_repository.full.name
  default_workflow_permissions     = "write"
  can_approve_pull_request_reviews = true
}

resource "github_repository_dependabot_security_updates" "full" {
  repository = github_repository.full.name
  enabled    = true
}

resource "github_actions_organization_permissions" "acme" {
  allowed_actions      = "selected"
  enabled_repositories = "all"
}

resource "github_organization_ruleset" "signed" {
  name        = "signed-default-branches"
  target      = "branch"
  enforcement = "active"
  conditions {
    ref_name {
      include = ["~DEFAULT_BRANCH"]
      exclude = []
    }
    repository_name {
      include = ["fu*"]
      exclude = []
    }
  }
  rules {
    required_signatures = true
  }
}

resource "github_membership" "carol" {
  username = "carol-sec"
  role     = "admin"
}
