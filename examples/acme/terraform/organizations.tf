# AWS Organizations (issue 18): Acme's organisation is managed from the
# production account. The deny on leaving is on the root; this change adds
# the region restriction (eu-west-1 and us-east-1 only, global services
# exempt) to the root as well. The security-services deny is still on the
# Payments OU only (AWS-ORG-005), and only GuardDuty has a delegated
# administrator (AWS-ORG-007).

resource "aws_organizations_organization" "acme" {
  feature_set          = "ALL"
  enabled_policy_types = ["SERVICE_CONTROL_POLICY"]
  aws_service_access_principals = [
    "cloudtrail.amazonaws.com",
    "config.amazonaws.com",
    "guardduty.amazonaws.com",
  ]
}

resource "aws_organizations_organizational_unit" "payments" {
  name      = "Payments"
  parent_id = aws_organizations_organization.acme.roots[0].id
}

resource "aws_organizations_policy" "deny_leave" {
  name        = "deny-leave-organization"
  description = "Member accounts cannot leave the organisation"
  content = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = "organizations:LeaveOrganization", Resource = "*" }]
  })
}

resource "aws_organizations_policy_attachment" "deny_leave" {
  policy_id = aws_organizations_policy.deny_leave.id
  target_id = aws_organizations_organization.acme.roots[0].id
}

resource "aws_organizations_policy" "protect_security" {
  name = "protect-security-services"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Deny"
      Action = [
        "guardduty:DeleteDetector", "guardduty:DisassociateFromMasterAccount", "guardduty:UpdateDetector",
        "cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail",
        "config:DeleteConfigurationRecorder", "config:StopConfigurationRecorder", "config:DeleteDeliveryChannel",
        "securityhub:DisableSecurityHub",
      ]
      Resource  = "*"
      Condition = { ArnNotLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/security-break-glass" } }
    }]
  })
}

resource "aws_organizations_policy_attachment" "protect_security" {
  policy_id = aws_organizations_policy.protect_security.id
  target_id = aws_organizations_organizational_unit.payments.id
}

resource "aws_organizations_policy" "regions" {
  name = "allowed-regions"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      NotAction = ["iam:*", "organizations:*", "sts:*", "cloudfront:*", "route53:*", "support:*", "budgets:*"]
      Resource  = "*"
      Condition = { StringNotEquals = { "aws:RequestedRegion" = ["eu-west-1", "us-east-1"] } }
    }]
  })
}

resource "aws_organizations_policy_attachment" "regions" {
  policy_id = aws_organizations_policy.regions.id
  target_id = aws_organizations_organization.acme.roots[0].id
}

resource "aws_organizations_delegated_administrator" "guardduty" {
  account_id        = "777788889999"
  service_principal = "guardduty.amazonaws.com"
}
