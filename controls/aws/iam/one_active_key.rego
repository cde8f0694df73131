# METADATA
# title: IAM users have at most one active access key
# description: >-
#   Two active keys are only needed during a rotation; a second long-lived key
#   doubles what can leak and hides which one is in use.
# custom:
#   id: AWS-IAM-008
#   severity: low
#   resource_types: [aws.iam.user]
#   frameworks:
#     cis-aws-3.0: ["1.13"]
#     iso27001-2022: ["A.5.17"]
#     nist-800-53-r5: ["IA-5(1)"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [iam_user_two_active_access_key]
#     trivy: [AVD-AWS-0167]
#   remediation:
#     console: 'IAM → Users → the user → Security credentials → deactivate and delete the key not in use.'
#     terraform: 'Keep a single aws_iam_access_key per user outside a rotation window.'
package rampart.aws.iam.one_active_key

import data.rampart.lib

active := [k | some k in input.attributes.access_keys; k.status == "Active"]

deny contains {"msg": sprintf("the user has %d active access keys", [count(active)]), "path": "attributes.access_keys"} if {
	count(active) > 1
}

unknown contains {"msg": "the user's access keys are unknown", "path": "attributes.access_keys"} if {
	not is_array(lib.attr("access_keys"))
}

unknown contains {"msg": sprintf("access key %d has no status", [i]), "path": sprintf("attributes.access_keys[%d].status", [i])} if {
	some i, key in input.attributes.access_keys
	not is_string(object.get(key, "status", null))
}
