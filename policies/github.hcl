# GitHub part of the default governance pack: mitigations, risks, training
# and a policy measured by the controls under controls/github/. The seed
# controls (GH-ORG-001/002, GH-REPO-001/002/003) stay linked where the core
# pack put them; the risks of policies/risks.hcl list the new mitigations
# below as well.

mitigation "branch-protection-depth" {
  title    = "Default-branch protection in depth: fresh reviews, code owners, no bypass, no deletion"
  controls = ["GH-REPO-004", "GH-REPO-005", "GH-REPO-006", "GH-REPO-007", "GH-REPO-008", "GH-REPO-009", "GH-REPO-010", "GH-REPO-011", "GH-REPO-023", "GH-REPO-024", "GH-REPO-025", "GH-REPO-026", "GH-REPO-027", "GH-REPO-028", "GH-REPO-032", "GH-ORG-017"]
}

mitigation "github-member-authentication" {
  title    = "Two-factor authentication checked for every GitHub member and outside collaborator"
  controls = ["GH-MEMBER-001"]
}

mitigation "source-access-minimisation" {
  title    = "Few owners, no outside admins, no public repositories by accident, read-only deploy keys"
  controls = ["GH-ORG-003", "GH-ORG-007", "GH-REPO-018", "GH-REPO-019", "GH-ORG-010", "GH-ORG-011", "GH-ORG-015", "GH-ORG-016", "GH-ORG-018", "GH-ORG-019", "GH-ORG-020", "GH-MEMBER-002", "GH-MEMBER-003", "GH-REPO-029", "GH-REPO-030", "GH-REPO-034"]
}

mitigation "secret-leak-prevention" {
  title    = "Secret scanning and push protection everywhere, leaked secrets revoked within a week"
  controls = ["GH-ORG-008", "GH-REPO-012", "GH-REPO-013", "GH-REPO-022", "GH-ORG-012", "GH-SECRET-001", "GH-SECRET-002", "GH-SECRET-003"]
}

mitigation "vulnerability-management" {
  title    = "Dependabot and code scanning on, alerts fixed within their SLA"
  controls = ["GH-ORG-009", "GH-REPO-014", "GH-REPO-015", "GH-REPO-020", "GH-REPO-021", "GH-ORG-013", "GH-REPO-031", "GH-REPO-033"]
}

mitigation "ci-least-privilege" {
  title    = "GitHub Actions with a read-only token, no self-approval, vetted actions only"
  controls = ["GH-ORG-004", "GH-ORG-005", "GH-ORG-006", "GH-REPO-016", "GH-REPO-017", "GH-ORG-014", "GH-RUNNER-001", "GH-RUNNER-002"]
}

mitigation "workflow-hardening" {
  title    = "Workflow files pin their actions, never run pull-request code with privileges, interpolate no untrusted input, declare least-privilege tokens and keep public repositories off self-hosted runners"
  controls = ["GH-WF-001", "GH-WF-002", "GH-WF-003", "GH-WF-004", "GH-WF-005"]
}

mitigation "webhook-integrity" {
  title    = "Webhooks over verified HTTPS, signed with a secret"
  controls = ["GH-HOOK-001", "GH-HOOK-002", "GH-HOOK-003"]
}

# The alert SLA view (internal/governance) counts open security alerts
# against the risks whose `alerts` name their kind: Dependabot alerts
# against "vulnerable-dependencies", code scanning alerts against
# "vulnerable-code" (these two risks give them a home in the default pack),
# secret scanning alerts against "credential-leak" (risks.hcl). A workspace
# relinks a kind with settings { alert_risks = { dependabot = ["..."] } }.
risk "vulnerable-dependencies" {
  title       = "Known-vulnerable dependencies stay in production"
  threat      = "An attacker exploits a published vulnerability in a library the code still ships months after the fix"
  likelihood  = 4
  impact      = 4
  mitigations = ["vulnerability-management"]
  alerts      = ["dependabot"]
}

risk "vulnerable-code" {
  title       = "Known flaws in our own code stay unfixed"
  threat      = "A flaw found by code scanning (injection, path traversal) is exploited before anyone fixes it"
  likelihood  = 3
  impact      = 4
  mitigations = ["vulnerability-management"]
  alerts      = ["code_scanning"]
}

risk "ci-pipeline-compromise" {
  title       = "The CI pipeline is turned against the code it builds"
  threat      = "A malicious third-party action or a poisoned workflow uses the GITHUB_TOKEN to push code, approve its own pull request or leak secrets"
  likelihood  = 3
  impact      = 5
  mitigations = ["ci-least-privilege", "workflow-hardening", "webhook-integrity"]
}

risk "source-code-exposure" {
  title       = "Source code or its credentials reach outsiders"
  threat      = "A repository is made public by a member, an outside collaborator keeps admin access after a contract ends, or a write deploy key leaks"
  likelihood  = 3
  impact      = 4
  mitigations = ["source-access-minimisation", "secret-leak-prevention"]
}

training "github-administration" {
  title        = "Administering GitHub organizations securely"
  required_for = ["github-admin"]
  valid_for    = "365d"
  controls     = ["GH-ORG-003", "GH-ORG-004", "GH-ORG-005", "GH-ORG-006", "GH-ORG-007", "GH-ORG-008", "GH-ORG-009", "GH-MEMBER-001", "GH-REPO-018", "GH-REPO-019", "GH-HOOK-001", "GH-HOOK-002", "GH-HOOK-003"]
}

training "secure-ci-pipelines" {
  title        = "Secure GitHub Actions: token permissions, third-party actions, required checks"
  required_for = ["developer"]
  valid_for    = "730d"
  controls     = ["GH-REPO-008", "GH-REPO-016", "GH-REPO-017"]
}

training "vulnerability-response" {
  title        = "Handling Dependabot, code scanning and secret scanning alerts"
  required_for = ["developer"]
  valid_for    = "730d"
  controls     = ["GH-REPO-012", "GH-REPO-013", "GH-REPO-014", "GH-REPO-015", "GH-REPO-020", "GH-REPO-021", "GH-REPO-022"]
}

policy "source-code-security" {
  title        = "Source Code and CI/CD Security Policy"
  review_every = "365d"

  statement "review-depth" {
    text     = "Every change to a default branch is approved after its last commit, by the code owners where they are defined, with review threads resolved, and nobody, administrators included, can bypass these rules."
    controls = ["GH-REPO-004", "GH-REPO-005", "GH-REPO-007", "GH-REPO-011", "GH-REPO-023"]
  }

  statement "branch-integrity" {
    text     = "Default branches cannot be deleted, merge only after the required checks pass, keep a linear history, and accept only signed commits for confidential systems."
    controls = ["GH-REPO-006", "GH-REPO-008", "GH-REPO-009", "GH-REPO-010"]
  }

  statement "secrets-in-code" {
    text     = "Credentials are never committed: secret scanning and push protection are on for every repository, and a leaked secret is revoked within 7 days."
    controls = ["GH-ORG-008", "GH-REPO-012", "GH-REPO-013", "GH-REPO-022"]
  }

  statement "vulnerability-sla" {
    text     = "Dependency and code vulnerabilities are detected automatically and fixed within 7 days (critical), 30 days (high) or 90 days (medium)."
    controls = ["GH-ORG-009", "GH-REPO-014", "GH-REPO-015", "GH-REPO-020", "GH-REPO-021"]
  }

  statement "ci-least-privilege" {
    text     = "Workflows run with a read-only token by default, cannot approve pull requests, and use only vetted actions."
    controls = ["GH-ORG-004", "GH-ORG-005", "GH-ORG-006", "GH-REPO-016", "GH-REPO-017"]
  }

  statement "integrations" {
    text     = "Integrations receive data only over verified HTTPS with signed deliveries, and deploy keys are read-only."
    controls = ["GH-HOOK-001", "GH-HOOK-002", "GH-HOOK-003", "GH-REPO-018"]
  }

  statement "github-access" {
    text     = "Every GitHub account uses two-factor authentication; owners are few; outside collaborators never hold admin rights; only owners publish repositories."
    controls = ["GH-MEMBER-001", "GH-ORG-003", "GH-ORG-007", "GH-REPO-019"]
  }
}
