# METADATA
# title: Active access keys are rotated within 90 days
# description: >-
#   Long-lived keys leak through laptops, CI logs and old images; an active
#   access key older than 90 days must be rotated.
# custom:
#   id: AWS-IAM-002
#   severity: medium
#   resource_types: [aws.iam.user]
#   frameworks:
#     cis-aws-3.0: ["1.14"]
#     iso27001-2022: ["A.5.17"]
#     nist-800-53-r5: ["IA-5(1)"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [iam_rotate_access_key_90_days]
#     trivy: [AVD-AWS-0146]
#   remediation:
#     console: IAM → Users → Security credentials → Create access key, move clients to it, then deactivate and delete the old key.
#     terraform: Replace the aws_iam_access_key resource (taint or create_before_destroy with a new name) and roll the secret to its consumers.
package rampart.aws.iam.access_key_rotation

import data.rampart.lib

max_age_days := 90

deny contains {"msg": sprintf("active access key %s is %d days old (limit %d)", [object.get(key, "access_key_id", "(no ID)"), age, max_age_days]), "path": sprintf("attributes.access_keys[%d].create_date", [i])} if {
	some i, key in input.attributes.access_keys
	key.status == "Active"
	age := lib.days_since(key.create_date)
	age > max_age_days
}

unknown contains {"msg": "the user's access keys are unknown", "path": "attributes.access_keys"} if {
	not is_array(lib.attr("access_keys"))
}

unknown contains {"msg": sprintf("access key %d has no status or creation date", [i]), "path": sprintf("attributes.access_keys[%d]", [i])} if {
	some i, key in input.attributes.access_keys
	not valid_key(key)
}

valid_key(key) if {
	key.status in {"Active", "Inactive"}
	is_string(key.create_date)
}
