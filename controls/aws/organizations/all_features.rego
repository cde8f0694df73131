# METADATA
# title: The AWS Organization has all features enabled
# description: >-
#   An organisation created for consolidated billing only
#   (feature_set CONSOLIDATED_BILLING) cannot use service control
#   policies, tag or AI opt-out policies, or most delegated administration:
#   the management account pays for its members but governs none of them.
#   Enabling all features is what makes the other organisation controls
#   possible.
# custom:
#   id: AWS-ORG-002
#   severity: medium
#   resource_types: [aws.organizations.organization]
#   frameworks:
#     iso27001-2022: ["A.5.15"]
#     nist-800-53-r5: ["AC-3", "PM-10"]
#     soc2: ["CC6.1"]
#   equivalents: {}
#   remediation:
#     console: 'AWS Organizations (management account) → Settings → Enable all features; every member account approves the request.'
#     terraform: 'aws_organizations_organization { feature_set = "ALL" }.'
package rampart.aws.organizations.all_features

import data.rampart.lib

deny contains {"msg": sprintf("AWS account %s is in no AWS Organization, so none of its features apply", [object.get(input, ["scope", "account_id"], "(unknown account)")]), "path": "attributes.in_organization"} if {
	input.attributes.in_organization == false
}

deny contains {"msg": sprintf("organisation %s has feature set %s, not ALL: no service control or other policies can be used", [lib.label("organization_id"), input.attributes.feature_set]), "path": "attributes.feature_set"} if {
	input.attributes.in_organization == true
	is_string(input.attributes.feature_set)
	input.attributes.feature_set != "ALL"
}

unknown contains {"msg": "whether the account is in an AWS Organization is unknown", "path": "attributes.in_organization"} if {
	not is_boolean(lib.attr("in_organization"))
}

unknown contains {"msg": sprintf("the feature set of organisation %s is unknown", [lib.label("organization_id")]), "path": "attributes.feature_set"} if {
	input.attributes.in_organization == true
	not is_string(lib.attr("feature_set"))
}
