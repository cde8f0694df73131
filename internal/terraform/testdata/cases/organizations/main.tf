# The organisation, its SCPs and delegated administrators: one SCP on the
# root by reference, one on an OU, one detached, one whose content is only
# known after apply, one attached to a target only known after apply, a
# tag policy (not an SCP), and delegated administrators (one account ID
# known only after apply).
provider "aws" {
  region = "eu-west-1"
}

resource "aws_organizations_organization" "main" {
  feature_set                   = "ALL"
  enabled_policy_types          = ["SERVICE_CONTROL_POLICY", "TAG_POLICY"]
  aws_service_access_principals = ["guardduty.amazonaws.com", "securityhub.amazonaws.com", "config.amazonaws.com"]
}

resource "aws_organizations_organizational_unit" "workloads" {
  name      = "Workloads"
  parent_id = aws_organizations_organization.main.roots[0].id
}

resource "aws_organizations_account" "security" {
  name      = "security-tooling"
  email     = "aws+security@example.com"
  parent_id = aws_organizations_organization.main.roots[0].id
}

resource "aws_organizations_policy" "deny_leave" {
  name = "deny-leave-organization"
  content = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = "organizations:LeaveOrganization", Resource = "*" }]
  })
}

resource "aws_organizations_policy_attachment" "deny_leave_root" {
  policy_id = aws_organizations_policy.deny_leave.id
  target_id = aws_organizations_organization.main.roots[0].id
}

resource "aws_organizations_policy" "protect" {
  name    = "protect-security-services"
  type    = "SERVICE_CONTROL_POLICY"
  content = <<-JSON
    {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"], "Resource": "*"}]}
  JSON
}

resource "aws_organizations_policy_attachment" "protect_ou" {
  policy_id = aws_organizations_policy.protect.id
  target_id = aws_organizations_organizational_unit.workloads.id
}

resource "aws_organizations_policy" "draft" {
  name    = "draft"
  content = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = "*", Resource = "*" }] })
}

resource "aws_organizations_policy" "generated" {
  name    = "generated"
  content = aws_organizations_account.security.arn
}

resource "aws_organizations_policy" "to_account" {
  name    = "to-account"
  content = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = "s3:DeleteBucket", Resource = "*" }] })
}

resource "aws_organizations_policy_attachment" "to_account" {
  policy_id = aws_organizations_policy.to_account.id
  target_id = aws_organizations_account.security.id
}

resource "aws_organizations_policy" "tags" {
  name    = "tags"
  type    = "TAG_POLICY"
  content = jsonencode({ tags = {} })
}

resource "aws_organizations_delegated_administrator" "guardduty" {
  account_id        = aws_organizations_account.security.id
  service_principal = "guardduty.amazonaws.com"
}

resource "aws_organizations_delegated_administrator" "securityhub" {
  account_id        = "555566667777"
  service_principal = "securityhub.amazonaws.com"
}

variable "audit_target" {
  type = string
}

resource "aws_organizations_policy" "to_unknown" {
  name    = "to-unknown"
  content = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = "organizations:LeaveOrganization", Resource = "*" }] })
}

resource "aws_organizations_policy_attachment" "to_unknown" {
  policy_id = aws_organizations_policy.to_unknown.id
  target_id = var.audit_target
}
