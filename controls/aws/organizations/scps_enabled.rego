# METADATA
# title: Service control policies are enabled on the organisation's root
# description: >-
#   Service control policies are enforced only when the policy type
#   SERVICE_CONTROL_POLICY is enabled on the root; until then an SCP can
#   be written and attached and still deny nothing. This control reads the
#   root's policy types (organizations:ListRoots), which only the
#   management account or a delegated administrator may read.
# custom:
#   id: AWS-ORG-003
#   severity: high
#   resource_types: [aws.organizations.organization]
#   frameworks:
#     iso27001-2022: ["A.5.15", "A.8.2"]
#     nist-800-53-r5: ["AC-3", "AC-6"]
#     soc2: ["CC6.1", "CC6.3"]
#   equivalents: {}
#   remediation:
#     console: 'AWS Organizations (management account) → Policies → Service control policies → Enable service control policies.'
#     terraform: 'aws_organizations_organization { feature_set = "ALL", enabled_policy_types = ["SERVICE_CONTROL_POLICY"] }.'
package rampart.aws.organizations.scps_enabled

import data.rampart.lib

deny contains {"msg": sprintf("AWS account %s %s", [object.get(input, ["scope", "account_id"], lib.label("organization_id")), lib.scp_not_enforced]), "path": "attributes.scp_enabled"} if {
	lib.scp_not_enforced
}

unknown contains {"msg": sprintf("whether service control policies are enabled in the organisation of account %s is unknown", [object.get(input, ["scope", "account_id"], "(unknown account)")]), "path": "attributes.scp_enabled"} if {
	lib.scp_enforcement_unknown
}
