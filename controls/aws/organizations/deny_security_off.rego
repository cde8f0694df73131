# METADATA
# title: An SCP on the root denies turning off the security services
# description: >-
#   The first thing an intruder with administrator access does is blind
#   the defenders: stop the trail, delete the GuardDuty detector, stop the
#   Config recorder, disable Security Hub. A service control policy on the
#   root that denies those actions keeps them on in every member account,
#   whatever its own administrators may do. The actions required are
#   guardduty:DeleteDetector, guardduty:DisassociateFromMasterAccount,
#   guardduty:UpdateDetector, cloudtrail:StopLogging,
#   cloudtrail:DeleteTrail, cloudtrail:UpdateTrail,
#   config:DeleteConfigurationRecorder, config:StopConfigurationRecorder,
#   config:DeleteDeliveryChannel and securityhub:DisableSecurityHub; they
#   may be spread over several SCPs. As for AWS-ORG-004, only SCPs
#   attached to the root count, and a Deny counts when its conditions only
#   exempt named principals.
# custom:
#   id: AWS-ORG-005
#   severity: high
#   resource_types: [aws.organizations.organization]
#   related:
#     scps: {type: aws.organizations.policy, join: account}
#   frameworks:
#     iso27001-2022: ["A.8.15", "A.8.16"]
#     nist-800-53-r5: ["AU-9", "SI-4", "CM-5"]
#     soc2: ["CC7.2"]
#   equivalents: {}
#   remediation:
#     console: 'AWS Organizations → Policies → Service control policies → Create policy denying guardduty:DeleteDetector, guardduty:DisassociateFromMasterAccount, guardduty:UpdateDetector, cloudtrail:StopLogging, cloudtrail:DeleteTrail, cloudtrail:UpdateTrail, config:DeleteConfigurationRecorder, config:StopConfigurationRecorder, config:DeleteDeliveryChannel and securityhub:DisableSecurityHub on "*" (exempting a break-glass role with ArnNotLike aws:PrincipalArn if needed) → Targets → Attach to the Root.'
#     terraform: 'aws_organizations_policy { type = "SERVICE_CONTROL_POLICY", content = jsonencode({Version = "2012-10-17", Statement = [{Effect = "Deny", Action = [...the ten actions...], Resource = "*"}]}) } with aws_organizations_policy_attachment { target_id = aws_organizations_organization.x.roots[0].id }.'
package rampart.aws.organizations.deny_security_off

import data.rampart.lib

required := {
	"guardduty:DeleteDetector", "guardduty:DisassociateFromMasterAccount", "guardduty:UpdateDetector",
	"cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail",
	"config:DeleteConfigurationRecorder", "config:StopConfigurationRecorder", "config:DeleteDeliveryChannel",
	"securityhub:DisableSecurityHub",
}

scps := object.get(input, ["related", "scps"], null)

denied_on_root := {a |
	some a in required
	some p in scps
	lib.scp_on_root(p)
	lib.scp_denies(p.attributes.document, a)
}

missing := required - denied_on_root

# on_root is non-empty when nothing is missing: the tail's unknown rules
# then stay quiet.
on_root := [1 | count(missing) == 0]

elsewhere := {sprintf("%s on %s", [lib.scp_name(p), lib.scp_where(p)]) |
	some p in scps
	not lib.scp_on_root(p)
	count(p.attributes.targets) > 0
	some a in missing
	lib.scp_denies(p.attributes.document, a)
}

undecided if {
	some p in scps
	lib.scp_undecided(p)
}

org := object.get(input, ["scope", "account_id"], lib.label("organization_id"))

deny contains {"msg": sprintf("AWS account %s %s", [org, lib.scp_not_enforced]), "path": "attributes.scp_enabled"} if {
	lib.scp_not_enforced
}

deny contains {"msg": sprintf("no SCP attached to the root of the organisation of account %s denies %s%s", [org, concat(", ", sort([a | some a in missing])), elsewhere_note]), "path": "related.scps"} if {
	input.attributes.scp_enabled == true
	is_array(scps)
	count(missing) > 0
	not undecided
}

elsewhere_note := sprintf(" (attached elsewhere only: %s)", [concat("; ", sort([e | some e in elsewhere]))]) if {
	count(elsewhere) > 0
} else := ""

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
