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
#   principals. When the workspace sets allowed_regions, the regions the
#   root's region denies leave open (a region stays open only if every
#   one of them leaves it open) must all be among them: a region left open
#   that the organisation does not use, or a pattern such as "eu-west-?",
#   fails. Only SCPs attached to the root count.
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

# The regions the region denies on the root leave open: each denies what
# is outside its own list, so a region is open only if all of them leave
# it open.
root_open := intersection({lib.scp_allowed_regions(st) |
	some p in on_root
	some st in lib.statements(p.attributes.document)
	count(lib.scp_allowed_regions(st)) > 0
})

allowed_setting := object.get(input, ["settings", "allowed_regions"], null)

# Open regions the workspace does not list; a pattern counts as itself,
# since the regions it matches are not all known here.
open_elsewhere := {r | some r in root_open; not r in allowed_setting}

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

deny contains {"msg": sprintf("the SCPs on the root of the organisation of account %s leave %s open, which settings allowed_regions (%s) does not list", [org, concat(", ", sort(open_elsewhere)), concat(", ", sort(allowed_setting))]), "path": "related.scps"} if {
	input.attributes.scp_enabled == true
	is_array(allowed_setting)
	count(on_root) > 0
	not undecided
	count(open_elsewhere) > 0
}

# Another SCP on the root whose content or attachment is unknown may close
# the regions this one leaves open.
unknown contains {"msg": sprintf("the SCPs on the root leave %s open, outside settings allowed_regions, unless an SCP whose content or attachment is unknown closes them", [concat(", ", sort(open_elsewhere))]), "path": "related.scps"} if {
	is_array(allowed_setting)
	count(on_root) > 0
	undecided
	count(open_elsewhere) > 0
}

unknown contains {"msg": "settings allowed_regions is not a list of region names", "path": "settings.allowed_regions"} if {
	allowed_setting != null
	not is_array(allowed_setting)
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
