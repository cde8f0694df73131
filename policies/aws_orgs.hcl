# AWS Organizations and service control policies (issue 18): the
# guardrails above every member account's own administrators, linked to
# the risk that one compromised account switches its defences off.

mitigation "aws-organization-guardrails" {
  title    = "Every account is in an organisation with all features, SCPs enforced, and SCPs on the root that forbid leaving, switching off the security services and using unapproved regions"
  controls = ["AWS-ORG-001", "AWS-ORG-002", "AWS-ORG-003", "AWS-ORG-004", "AWS-ORG-005", "AWS-ORG-006"]
}

mitigation "aws-security-tooling-account" {
  title    = "GuardDuty, Security Hub and Config are administered for the organisation from a delegated security-tooling account"
  controls = ["AWS-ORG-007"]
}

risk "aws-guardrails-bypassed" {
  title       = "One compromised AWS account escapes the organisation's guardrails"
  threat      = "An intruder with administrator access to a member account stops its trail, deletes its GuardDuty detector, works in a region nobody watches, or takes the account out of the organisation"
  likelihood  = 3
  impact      = 4
  mitigations = ["aws-organization-guardrails", "aws-security-tooling-account"]
}
