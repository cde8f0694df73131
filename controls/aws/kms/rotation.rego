# METADATA
# title: Customer-managed symmetric KMS keys rotate automatically
# description: >-
#   Automatic rotation replaces the key material yearly, limiting how much
#   data one compromised key version protects. Only customer-managed symmetric
#   keys with KMS key material support it; other keys are not judged.
# custom:
#   id: AWS-KMS-001
#   severity: medium
#   resource_types: [aws.kms.key]
#   frameworks:
#     cis-aws-3.0: ["3.6"]
#     iso27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [kms_cmk_rotation_enabled]
#     trivy: [AVD-AWS-0065]
#   remediation:
#     console: 'KMS → Customer managed keys → the key → Key rotation → Automatically rotate this KMS key every year.'
#     terraform: 'aws_kms_key { enable_key_rotation = true }.'
package rampart.aws.kms.rotation

import data.rampart.lib

attrs := input.attributes

rotatable if {
	attrs.customer_managed == true
	attrs.key_spec == "SYMMETRIC_DEFAULT"
	attrs.key_state == "Enabled"
}

deny contains {"msg": sprintf("key %s does not rotate automatically", [lib.label("key_id")]), "path": "attributes.rotation_enabled"} if {
	rotatable
	attrs.rotation_enabled == false
}

unknown contains {"msg": "whether the key is customer managed is unknown", "path": "attributes.customer_managed"} if {
	not is_boolean(lib.attr("customer_managed"))
}

# Only symmetric, enabled keys can rotate; without the spec or state the
# control cannot tell whether the key is exempt.
unknown contains {"msg": sprintf("the key's %s is unknown", [field]), "path": sprintf("attributes.%s", [field])} if {
	attrs.customer_managed == true
	some field in ["key_spec", "key_state"]
	not is_string(lib.attr(field))
}

unknown contains {"msg": "the key's rotation status is unknown", "path": "attributes.rotation_enabled"} if {
	rotatable
	not is_boolean(lib.attr("rotation_enabled"))
}
