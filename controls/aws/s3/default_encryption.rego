# METADATA
# title: S3 bucket default encryption uses KMS
# description: >-
#   Objects are encrypted at rest with a KMS key (SSE-KMS or DSSE-KMS), so
#   access to data also needs access to the key and is logged in CloudTrail.
#   Since 2023 every bucket has at least SSE-S3; this control asks for KMS
#   on buckets of confidential or restricted systems and SSE of any kind elsewhere.
# custom:
#   id: AWS-S3-002
#   severity: medium
#   resource_types: [aws.s3.bucket]
#   frameworks:
#     iso27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-28", "SC-28(1)"]
#     soc2: ["CC6.1", "CC6.7"]
#   equivalents: {}
#   remediation:
#     console: S3 → the bucket → Properties → Default encryption → SSE-KMS with a customer managed key.
#     terraform: 'aws_s3_bucket_server_side_encryption_configuration with rule { apply_server_side_encryption_by_default { sse_algorithm = "aws:kms", kms_master_key_id = aws_kms_key.x.arn } }.'
package rampart.aws.s3.default_encryption

import data.rampart.lib

enc := input.attributes.encryption

kms_algorithms := {"aws:kms", "aws:kms:dsse"}

deny contains {"msg": sprintf("bucket %q has no default encryption", [lib.label("name")]), "path": "attributes.encryption.sse_algorithm"} if {
	enc.enabled == false
}

deny contains {"msg": sprintf("bucket %q of a %s system uses %s, not a KMS key", [lib.label("name"), input.system.classification, enc.sse_algorithm]), "path": "attributes.encryption.sse_algorithm"} if {
	enc.enabled == true
	lib.confidential(input)
	is_string(enc.sse_algorithm)
	not enc.sse_algorithm in kms_algorithms
}

unknown contains {"msg": "the bucket's default encryption is unknown", "path": "attributes.encryption"} if {
	not is_boolean(lib.attr(["encryption", "enabled"]))
}

unknown contains {"msg": "the bucket's encryption algorithm is unknown", "path": "attributes.encryption.sse_algorithm"} if {
	enc.enabled == true
	not is_string(lib.attr(["encryption", "sse_algorithm"]))
}
