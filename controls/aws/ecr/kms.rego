# METADATA
# title: ECR repositories are encrypted with a KMS key
# description: >-
#   With encryption type AES256 the images are encrypted with a key ECR
#   keeps; with KMS the key policy decides who may decrypt them and
#   CloudTrail records every use. The type is fixed at creation.
# custom:
#   id: AWS-ECR-004
#   severity: low
#   resource_types: [aws.ecr.repository]
#   frameworks:
#     iso27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12", "SC-28"]
#     soc2: ["CC6.1"]
#   equivalents:
#     trivy: [AVD-AWS-0033]
#   remediation:
#     console: 'ECR → Create repository → Encryption settings → AWS KMS with your key; copy the images over (docker pull/push or ECR replication) and delete the old repository.'
#     terraform: 'aws_ecr_repository { encryption_configuration { encryption_type = "KMS", kms_key = aws_kms_key.ecr.arn } } (changing it replaces the repository).'
package rampart.aws.ecr.kms

import data.rampart.lib

deny contains {"msg": sprintf("ECR repository %s is not encrypted with a KMS key (%s)", [lib.label("repository_name"), input.attributes.encryption_type]), "path": "attributes.encryption_type"} if {
	input.attributes.encryption_type == "AES256"
}

unknown contains {"msg": "the repository's encryption type is unknown", "path": "attributes.encryption_type"} if {
	not is_string(lib.attr("encryption_type"))
}

unknown contains {"msg": sprintf("encryption type %s is not one Rampart knows", [input.attributes.encryption_type]), "path": "attributes.encryption_type"} if {
	is_string(input.attributes.encryption_type)
	not input.attributes.encryption_type in {"AES256", "KMS", "KMS_DSSE"}
}
