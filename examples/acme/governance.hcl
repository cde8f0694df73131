# Acme's own risks and waivers, on top of the default governance pack
# (policies/ in the Rampart repository: access control, change management,
# information protection, network security).

settings {
  organisation  = "Acme Payments Ltd"
  risk_appetite = 8
  # How long a security alert may stay open, by severity.
  alert_sla = { critical = "7d", high = "30d", medium = "90d", low = "180d" }
  # The AWS regions Acme runs in: a region-deny SCP on the root must leave
  # no other open (AWS-ORG-006).
  allowed_regions = ["eu-west-1", "us-east-1"]
}

risk "card-data-breach" {
  title       = "Cardholder data is exposed"
  threat      = "Ledger exports in S3 become readable from the internet or by an unauthorised insider"
  likelihood  = 2
  impact      = 5
  owner       = "carol"
  mitigations = ["storage-protection", "strong-authentication"]
}

risk "payments-outage-by-change" {
  title       = "A bad change takes payments down"
  threat      = "An unreviewed or force-pushed change reaches the payments API during business hours"
  likelihood  = 3
  impact      = 4
  owner       = "bob"
  mitigations = ["code-review"]
}

# ledger predates the monorepo split; it is read-mostly and deploys only
# through the release pipeline, which enforces review itself.
waiver "ledger-single-review" {
  control     = "GH-REPO-002"
  resources   = ["github.com/acme-payments/ledger"]
  reason      = "Deploys only via the release pipeline, which requires two approvals; GitHub-level review count raised when the repo moves to the monorepo (PAY-412)."
  approved_by = "carol"
  expires     = "2027-03-31"
  risk        = "payments-outage-by-change"
}

# Granted during the 2026 office move; it lapsed and the failure counts again.
waiver "office-vpn-ssh" {
  control     = "AWS-EC2-001"
  resources   = ["arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0b7e5a1c2d3f40001"]
  reason      = "Temporary SSH access while the office VPN was being replaced."
  approved_by = "carol"
  expires     = "2026-06-30"
  risk        = "network-intrusion"
}

# --- Governance results: added so that every section of the HTML, summary
# and JSON reports has content (docs/governance.md). ---

# Acme's own secure development policy: approved for a year in September
# 2025 and not reviewed since, so the report flags its review as overdue.
policy "secure-development" {
  title        = "Secure Development Policy"
  owner        = "alice"
  approved     = "2025-09-01"
  review_every = "365d"

  statement "two-person-review" {
    text     = "Every change to payments code is reviewed and approved by someone other than its author."
    controls = ["GH-REPO-001", "GH-REPO-002"]
  }

  statement "vulnerable-dependencies" {
    text     = "Known-vulnerable dependencies are fixed within the alert SLA."
    controls = ["GH-REPO-020", "GH-REPO-021"]
  }

  # Not measurable from GitHub or AWS evidence: reported as unmeasured.
  statement "threat-modelling" {
    text = "Every new service is threat-modelled before it takes production traffic."
  }
}

# A risk Acme treats only organisationally: no mitigation, so the register
# flags it as unmitigated and gives it no credit (residual = inherent).
risk "insider-fraud" {
  title      = "A payments employee commits fraud"
  threat     = "Someone with ledger access books unauthorised transfers and hides them in reconciliation"
  likelihood = 2
  impact     = 5
  owner      = "carol"
}

# A mitigation with no control yet: the risk it serves is unmeasured.
mitigation "processor-due-diligence" {
  title    = "Annual security review of payment processors"
  owner    = "carol"
  controls = []
}

risk "processor-breach" {
  title       = "A payment processor is breached"
  threat      = "An attacker inside a card processor reads Acme's settlement files"
  likelihood  = 2
  impact      = 4
  owner       = "carol"
  mitigations = ["processor-due-diligence"]
}

# Accepted until the warehouse migration; expires within 30 days of the
# recorded audit, so the report warns.
waiver "dbt-force-push" {
  control     = "GH-REPO-003"
  resources   = ["github.com/acme-payments/data-warehouse-dbt"]
  reason      = "dbt runs rewrite the generated-docs branch history; the repository moves to the warehouse monorepo in December (DATA-88)."
  approved_by = "carol"
  expires     = "2026-12-15"
  risk        = "unreviewed-change"
}

# legacy-billing was deleted in October; nothing matches this waiver any
# more, so the report calls it stale.
waiver "legacy-billing-reviews" {
  control     = "GH-REPO-002"
  resources   = ["github.com/acme-payments/legacy-billing"]
  reason      = "Read-only archive kept for the statutory retention period."
  approved_by = "carol"
  expires     = "2027-02-28"
}

# Granted for two years, longer than waiver_max_days (365) allows: the
# report names it and the failure still counts.
waiver "docs-force-push" {
  control     = "GH-REPO-003"
  resources   = ["github.com/acme-payments/docs"]
  reason      = "The docs site is rebuilt from scratch by the generator, which force-pushes."
  approved_by = "carol"
  expires     = "2028-06-30"
  risk        = "unreviewed-change"
}

# CIS AWS 1.3 has no API: carol checked the security challenge questions of
# every account and recorded it. The audit fails AWS-ACCT-003 once this expires.
attestation "aws-security-questions-2026" {
  control      = "AWS-ACCT-003"
  attested_by  = "carol"
  date         = "2026-03-02"
  expires      = "2027-03-02"
  evidence_url = "https://wiki.acme.example/security/aws-account-recovery"
  statement    = "Security challenge questions are set on accounts 111122223333 and 444455556666; the answers are in the root-credentials vault."
}
