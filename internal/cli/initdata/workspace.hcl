# A Rampart workspace: the organisation the audit judges evidence against.
# Every *.hcl file of this folder is read; the embedded governance pack
# (risks, mitigations, training and policies linked to every control) is
# merged in. The reference of every block is docs/workspace.md.
#
# Next steps:
#   1. Edit the system and the person below (your GitHub organisation, you).
#   2. Collect evidence:  GITHUB_TOKEN=... rampart collect github . -o evidence/github.json
#   3. Audit:             rampart audit .

# settings are optional; these are the defaults.
settings {
  # The highest residual risk score (likelihood x impact, 1-25) accepted without treatment.
  risk_appetite = 8
  # How far ahead a waiver may expire.
  waiver_max_days = 365
  # GitHub: approvals a default branch must require (2 is the CIS reading),
  # where signed commits are required ("all" is the CIS reading), and the
  # days without a push after which a repository must be archived.
  required_approving_reviews = 1
  signed_commits             = "confidential"
  inactive_repository_days   = 90
}

# A system owns resources through selectors; its classification (public,
# internal, confidential, restricted) makes some controls stricter.
system "main" {
  name           = "Our source code"
  owner          = "me"
  classification = "internal"

  github {
    org = "my-org" # your GitHub organisation; repos = ["api-*"] claims some of its repositories
  }

  # aws {
  #   account_id = "111122223333"
  # }
}

# People: their roles decide which training they must complete (the pack's
# trainings require "employee", "developer" and "platform-engineer").
person "me" {
  name   = "Me"
  roles  = ["employee", "developer"]
  github = "my-github-login"
  # completed = { "security-awareness" = "2026-01-15" }
}
