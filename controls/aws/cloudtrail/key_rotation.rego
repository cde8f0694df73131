# METADATA
# title: The KMS key encrypting CloudTrail logs is enabled and rotates
# description: >-
#   A trail encrypted with SSE-KMS (CIS 3.5) depends on its key: a disabled
#   or pending-deletion key stops log delivery, and a key that never
#   rotates keeps one secret protecting years of audit logs (CIS 3.6). The
#   control relates the trail to its key by the trail's kms_key_id (the key
#   ARN, which is the key's resource ID); a key not in the evidence is
#   not_evaluated, never a pass.
# custom:
#   id: AWS-CT-012
#   severity: medium
#   resource_types: [aws.cloudtrail.trail]
#   related:
#     key: {type: aws.kms.key, join: {attribute: kms_key_id}}
#   frameworks:
#     cis-aws-3.0: ["3.6"]
#     iso27001-2022: ["A.8.24", "A.8.15"]
#     nist-800-53-r5: ["SC-12", "AU-9"]
#     soc2: ["CC6.1"]
#   equivalents: {}
#   remediation:
#     console: 'KMS → Customer managed keys → the trail''s key → Key rotation → Automatically rotate this KMS key every year; and Enable the key if it is disabled.'
#     terraform: 'aws_kms_key { enable_key_rotation = true, is_enabled = true } for the key in aws_cloudtrail.kms_key_id.'
package rampart.aws.cloudtrail.key_rotation

import data.rampart.lib

keys := object.get(input, ["related", "key"], null)

encrypted if input.attributes.kms_encrypted == true

deny contains {"msg": sprintf("key %s encrypting trail %s is %s, so new logs cannot be encrypted", [k.id, lib.label("name"), k.attributes.key_state]), "path": "related.key"} if {
	encrypted
	some k in keys
	is_string(k.attributes.key_state)
	k.attributes.key_state != "Enabled"
}

deny contains {"msg": sprintf("key %s encrypting trail %s does not rotate automatically", [k.id, lib.label("name")]), "path": "related.key"} if {
	encrypted
	some k in keys
	k.attributes.key_state == "Enabled"
	k.attributes.rotation_enabled == false
}

unknown contains {"msg": "whether the trail is encrypted with a KMS key is unknown", "path": "attributes.kms_encrypted"} if {
	not is_boolean(lib.attr("kms_encrypted"))
}

unknown contains {"msg": "the trail's kms_key_id is unknown", "path": "attributes.kms_key_id"} if {
	encrypted
	not is_string(lib.attr("kms_key_id"))
}

unknown contains {"msg": sprintf("key %s of trail %s is not in the evidence (another account, or not collected)", [lib.attr("kms_key_id"), lib.label("name")]), "path": "related.key"} if {
	encrypted
	is_string(lib.attr("kms_key_id"))
	is_array(keys)
	count(keys) == 0
}

unknown contains {"msg": sprintf("the state of key %s is unknown: %s", [k.id, object.get(k, ["unknown", "key_state"], "not reported")]), "path": "related.key"} if {
	encrypted
	some k in keys
	not is_string(object.get(k, ["attributes", "key_state"], null))
}

unknown contains {"msg": sprintf("whether key %s rotates is unknown: %s", [k.id, object.get(k, ["unknown", "rotation_enabled"], "not reported")]), "path": "related.key"} if {
	encrypted
	some k in keys
	k.attributes.key_state == "Enabled"
	not is_boolean(object.get(k, ["attributes", "rotation_enabled"], null))
}

unknown contains {"msg": "the trail's key was not given to the control (input.related.key)", "path": "related.key"} if {
	encrypted
	not is_array(keys)
}
