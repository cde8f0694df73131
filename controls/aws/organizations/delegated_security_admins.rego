# METADATA
# title: GuardDuty, Security Hub and Config have a delegated administrator
# description: >-
#   Run from the management account, the security services share its
#   blast radius, and the people who triage findings need access to the
#   account that can change every SCP. AWS's guidance is a dedicated
#   security-tooling member account registered as delegated administrator
#   of GuardDuty (guardduty.amazonaws.com), Security Hub
#   (securityhub.amazonaws.com) and Config (config.amazonaws.com, or
#   config-multiaccountsetup.amazonaws.com for organisation rules and
#   conformance packs): it then sees and manages the service for every
#   member. AWS refuses the management account as a delegated
#   administrator, so that need not be checked.
# custom:
#   id: AWS-ORG-007
#   severity: medium
#   resource_types: [aws.organizations.organization]
#   frameworks:
#     iso27001-2022: ["A.5.3", "A.8.16"]
#     nist-800-53-r5: ["AC-5", "SI-4"]
#     soc2: ["CC7.2"]
#   equivalents: {}
#   remediation:
#     console: 'In the management account: GuardDuty → Settings → Delegated administrator; Security Hub → Settings → General → Delegated administrator; Config → Aggregators or AWS Organizations → Services → AWS Config → register the security-tooling account.'
#     terraform: 'aws_guardduty_organization_admin_account, aws_securityhub_organization_admin_account, and aws_organizations_delegated_administrator { service_principal = "config.amazonaws.com" } naming the security-tooling account.'
package rampart.aws.organizations.delegated_security_admins

import data.rampart.lib

services := {
	"GuardDuty": {"guardduty.amazonaws.com"},
	"Security Hub": {"securityhub.amazonaws.com"},
	"Config": {"config.amazonaws.com", "config-multiaccountsetup.amazonaws.com"},
}

admins := lib.attr("delegated_administrators")

delegated := {p |
	some a in admins
	some p in object.get(a, "service_principals", [])
}

missing := {name |
	some name, principals in services
	count(principals & delegated) == 0
}

deny contains {"msg": sprintf("AWS account %s is in no AWS Organization: no service can have a delegated administrator", [object.get(input, ["scope", "account_id"], "(unknown account)")]), "path": "attributes.in_organization"} if {
	input.attributes.in_organization == false
}

deny contains {"msg": sprintf("organisation %s has no delegated administrator for %s", [lib.label("organization_id"), concat(", ", sort([m | some m in missing]))]), "path": "attributes.delegated_administrators"} if {
	input.attributes.in_organization == true
	is_array(input.attributes.delegated_administrators)
	count(missing) > 0
	not malformed
}

malformed if {
	some a in admins
	not is_array(object.get(a, "service_principals", null))
}

unknown contains {"msg": "whether the account is in an AWS Organization is unknown", "path": "attributes.in_organization"} if {
	not is_boolean(lib.attr("in_organization"))
}

unknown contains {"msg": sprintf("the delegated administrators of organisation %s are unknown", [lib.label("organization_id")]), "path": "attributes.delegated_administrators"} if {
	lib.attr("in_organization") == true
	not is_array(lib.attr("delegated_administrators"))
}

unknown contains {"msg": sprintf("the services delegated to an administrator of organisation %s are unknown", [lib.label("organization_id")]), "path": "attributes.delegated_administrators"} if {
	lib.attr("in_organization") == true
	count(missing) > 0
	some a in input.attributes.delegated_administrators
	not is_array(object.get(a, "service_principals", null))
}
