# METADATA
# title: An SCP on the root denies leaving the organisation
# description: >-
#   An account that leaves its organisation leaves every guardrail with
#   it: the SCPs, the organisation trail, delegated GuardDuty and Security
#   Hub. An attacker with administrator access to one member account takes
#   it out first. A service control policy attached to the root that
#   denies organizations:LeaveOrganization closes that door for every
#   member. Only attached policies count: a detached SCP denies nothing,
#   and one attached to an OU or an account leaves the others open, so the
#   control asks for the root. A Deny counts when it has no condition, or
#   only conditions exempting named principals (ArnNotLike
#   aws:PrincipalArn, a break-glass role); a condition that narrows it to
#   some principals or requests does not count (docs: controls/lib
#   organizations.rego).
# custom:
#   id: AWS-ORG-004
#   severity: high
#   resource_types: [aws.organizations.organization]
#   related:
#     scps: {type: aws.organizations.policy, join: account}
#   frameworks:
#     iso27001-2022: ["A.5.15", "A.8.2"]
#     nist-800-53-r5: ["AC-6", "CM-5"]
#     soc2: ["CC6.1"]
#   equivalents: {}
#   remediation:
#     console: 'AWS Organizations → Policies → Service control policies → Create policy with {"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"} → Targets → Attach to the Root.'
#     terraform: 'aws_organizations_policy { type = "SERVICE_CONTROL_POLICY", content = jsonencode({Version = "2012-10-17", Statement = [{Effect = "Deny", Action = "organizations:LeaveOrganization", Resource = "*"}]}) } and aws_organizations_policy_attachment { policy_id = ..., target_id = aws_organizations_organization.x.roots[0].id }.'
package rampart.aws.organizations.deny_leave

import data.rampart.lib

action := "organizations:LeaveOrganization"

scps := object.get(input, ["related", "scps"], null)

on_root := [p | some p in scps; lib.scp_on_root(p); lib.scp_denies(p.attributes.document, action)]

elsewhere := [p | some p in scps; not lib.scp_on_root(p); count(p.attributes.targets) > 0; lib.scp_denies(p.attributes.document, action)]

undecided if {
	some p in scps
	lib.scp_undecided(p)
}

org := object.get(input, ["scope", "account_id"], lib.label("organization_id"))

deny contains {"msg": sprintf("AWS account %s %s", [org, lib.scp_not_enforced]), "path": "attributes.scp_enabled"} if {
	lib.scp_not_enforced
}

deny contains {"msg": sprintf("no SCP attached to the root of the organisation of account %s denies %s (%d SCPs)", [org, action, count(scps)]), "path": "related.scps"} if {
	input.attributes.scp_enabled == true
	is_array(scps)
	count(on_root) == 0
	count(elsewhere) == 0
	not undecided
}

deny contains {"msg": sprintf("SCP %s denies %s but is attached only to %s, not the root: other accounts may leave", [lib.scp_name(p), action, lib.scp_where(p)]), "path": "related.scps"} if {
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
