# METADATA
# title: An SCP on the root denies requests outside the allowed regions
# description: >-
#   Regions nobody uses are where an intruder runs crypto-miners and hides
#   resources, because nobody looks there and the security services are
#   often off. A service control policy on the root that denies every
#   regional action when aws:RequestedRegion is not one of the allowed
#   regions (a Deny with StringNotEquals on aws:RequestedRegion, usually a
#   NotAction exempting global services such as IAM, Organizations, STS,
#   CloudFront and Route 53) closes them. The statement must still cover
#   ec2:RunInstances, lambda:CreateFunction, rds:CreateDBInstance and
#   dynamodb:CreateTable, and its other conditions may only exempt named
#   principals. The allowed regions are reported; that they are the
#   regions the workspace's systems claim is not checked (the workspace has
#   no such setting yet). Only SCPs attached to the root count.
# custom:
#   id: AWS-ORG-006
#   severity: high
#   resource_types: [aws.organizations.organization]
#   related:
#     scps: {type: aws.organizations.policy, join: account}
#   frameworks:
#     iso27001-2022: ["A.5.15", "A.8.9"]
#     nist-800-53-r5: ["AC-6", "CM-7"]
#     soc2: ["CC6.1", "CC6.6"]
#   equivalents:
#     prowler: [organizations_scp_check_deny_regions]
#   remediation:
#     console: 'AWS Organizations → Policies → Service control policies → Create policy {"Effect": "Deny", "NotAction": ["iam:*", "organizations:*", "sts:*", "cloudfront:*", "route53:*", "support:*"], "Resource": "*", "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1"]}}} → Targets → Attach to the Root.'
#     terraform: 'aws_organizations_policy { type = "SERVICE_CONTROL_POLICY", content = jsonencode({Version = "2012-10-17", Statement = [{Effect = "Deny", NotAction = [...global services...], Resource = "*", Condition = {StringNotEquals = {"aws:RequestedRegion" = ["eu-west-1"]}}}]}) } with aws_organizations_policy_attachment { target_id = aws_organizations_organization.x.roots[0].id }.'
package rampart.aws.organizations.deny_regions

import data.rampart.lib

scps := object.get(input, ["related", "scps"], null)

region_deny(p) if {
	some st in lib.statements(p.attributes.document)
	count(lib.scp_allowed_regions(st)) > 0
}

on_root := [p | some p in scps; lib.scp_on_root(p); region_deny(p)]

elsewhere := [p | some p in scps; not lib.scp_on_root(p); count(p.attributes.targets) > 0; region_deny(p)]

undecided if {
	some p in scps
	lib.scp_undecided(p)
}

org := object.get(input, ["scope", "account_id"], lib.label("organization_id"))

deny contains {"msg": sprintf("AWS account %s %s", [org, lib.scp_not_enforced]), "path": "attributes.scp_enabled"} if {
	lib.scp_not_enforced
}

deny contains {"msg": sprintf("no SCP attached to the root of the organisation of account %s denies requests outside a list of regions (%d SCPs)", [org, count(scps)]), "path": "related.scps"} if {
	input.attributes.scp_enabled == true
	is_array(scps)
	count(on_root) == 0
	count(elsewhere) == 0
	not undecided
}

deny contains {"msg": sprintf("SCP %s restricts regions but is attached only to %s, not the root: other accounts may use every region", [lib.scp_name(p), lib.scp_where(p)]), "path": "related.scps"} if {
	input.attributes.scp_enabled == true
	count(on_root) == 0
	not undecided
	some p in elsewhere
}

unknown contains {"msg": sprintf("what SCP %s denies is unknown", [lib.scp_name(p)]), "path": "related.scps"} if {
	count(on_root) == 0
	some p in object.get(input, ["related", "scps"], [])
	not is_object(object.get(p, ["attributes", "document"], null))
}

unknown contains {"msg": sprintf("where SCP %s is attached is unknown", [lib.scp_name(p)]), "path": "related.scps"} if {
	count(on_root) == 0
	some p in object.get(input, ["related", "scps"], [])
	not is_array(object.get(p, ["attributes", "targets"], null))
}

unknown contains {"msg": sprintf("where SCP %s is attached is unknown", [lib.scp_name(p)]), "path": "related.scps"} if {
	count(on_root) == 0
	some p in object.get(input, ["related", "scps"], [])
	is_object(object.get(p, ["attributes", "document"], null))
	is_array(object.get(p, ["attributes", "targets"], null))
	lib.scp_undecided(p)
}

unknown contains {"msg": "whether the account is in an AWS Organization is unknown", "path": "attributes.in_organization"} if {
	not is_boolean(lib.attr("in_organization"))
}

unknown contains {"msg": "whether service control policies are enabled on the organisation's root is unknown", "path": "attributes.scp_enabled"} if {
	lib.attr("in_organization") == true
	not is_boolean(lib.attr("scp_enabled"))
}

unknown contains {"msg": "the organisation's SCPs were not given to the control (input.related.scps)", "path": "related.scps"} if {
	not is_array(object.get(input, ["related", "scps"], null))
}
