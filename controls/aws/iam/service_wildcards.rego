# METADATA
# title: No customer policy allows cloudtrail:*, kms:* or sts:AssumeRole on every resource
# description: >-
#   Full CloudTrail access lets its holder stop or delete the audit trail;
#   full KMS access lets it decrypt, disable or schedule the deletion of
#   every key; sts:AssumeRole on "*" lets it become any role that trusts
#   the account. Grant the actions needed on the resources needed.
# custom:
#   id: AWS-IAM-018
#   severity: medium
#   resource_types: [aws.iam.policy]
#   frameworks:
#     iso27001-2022: ["A.5.15", "A.8.2"]
#     nist-800-53-r5: ["AC-6", "AU-9"]
#     soc2: ["CC6.3"]
#   equivalents:
#     prowler: [iam_no_custom_policy_permissive_role_assumption, iam_policy_no_full_access_to_cloudtrail, iam_policy_no_full_access_to_kms]
#   remediation:
#     console: 'IAM → Policies → the policy → Edit → replace cloudtrail:*, kms:* or sts:AssumeRole on "*" with named actions and the ARNs of the trails, keys or roles needed.'
#     terraform: 'In the aws_iam_policy document, list the actions needed instead of cloudtrail:* or kms:*, and the role ARNs in the resources of sts:AssumeRole.'
package rampart.aws.iam.service_wildcards

import data.rampart.lib

attrs := input.attributes

# The action is matched literally against the policy's patterns, so
# "cloudtrail:*" is covered by "cloudtrail:*", "*" or NotAction, never by
# "cloudtrail:Get*".
judged := ["cloudtrail:*", "kms:*", "sts:AssumeRole"]

deny contains {"msg": sprintf("customer policy %s allows %s on every resource", [lib.label("policy_name"), action]), "path": "attributes.document"} if {
	lib.customer_managed
	some action in judged
	lib.allows(attrs.document, action, "*")
}

unknown contains {"msg": "whether AWS manages the policy is unknown", "path": "attributes.aws_managed"} if {
	lib.policy_manager_unknown
}

unknown contains {"msg": "the policy document is unknown", "path": "attributes.document"} if {
	not is_object(lib.attr("document"))
}

unknown contains {"msg": sprintf("statement %d of the policy document is unreadable", [i]), "path": "attributes.document.Statement"} if {
	is_object(lib.attr("document"))
	some i in lib.unreadable_statements(attrs.document)
}
