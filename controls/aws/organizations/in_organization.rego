# METADATA
# title: The AWS account belongs to an AWS Organization
# description: >-
#   An account outside an organisation has no guardrail above its own
#   administrators: no service control policy, no delegated security
#   tooling, no organisation-wide trail, Config or GuardDuty. Anyone who
#   becomes administrator of it is unconstrained. Accounts are managed
#   centrally through AWS Organizations.
# custom:
#   id: AWS-ORG-001
#   severity: medium
#   resource_types: [aws.organizations.organization]
#   frameworks:
#     iso27001-2022: ["A.5.15", "A.8.3"]
#     nist-800-53-r5: ["AC-2", "PM-10"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [organizations_account_part_of_organizations]
#   remediation:
#     console: 'AWS Organizations (in the management account) → AWS accounts → Add an AWS account → Invite an existing account; then accept the invitation in this account.'
#     terraform: 'aws_organizations_organization { feature_set = "ALL" } in the management account, and aws_organizations_account (or an invitation) for this account.'
package rampart.aws.organizations.in_organization

import data.rampart.lib

deny contains {"msg": sprintf("AWS account %s is not in an AWS Organization", [object.get(input, ["scope", "account_id"], "(unknown account)")]), "path": "attributes.in_organization"} if {
	input.attributes.in_organization == false
}

unknown contains {"msg": "whether the account is in an AWS Organization is unknown", "path": "attributes.in_organization"} if {
	not is_boolean(lib.attr("in_organization"))
}
