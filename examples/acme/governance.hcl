# Acme's own risks and waivers, on top of the default governance pack
# (policies/ in the Rampart repository: access control, change management,
# information protection, network security).

settings {
  risk_appetite = 8
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
