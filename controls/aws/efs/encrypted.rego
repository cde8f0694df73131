# METADATA
# title: EFS file systems are encrypted at rest
# description: >-
#   CIS 2.4.1: a file system's data, metadata and backups are encrypted at
#   rest only if it was created so — encryption cannot be switched on
#   later, so an unencrypted file system must be replaced.
# custom:
#   id: AWS-EFS-001
#   severity: medium
#   resource_types: [aws.efs.file_system]
#   frameworks:
#     cis-aws-3.0: ["2.4.1"]
#     iso27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-28", "SC-28(1)"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [efs_encryption_at_rest_enabled]
#     trivy: [AVD-AWS-0037]
#   remediation:
#     console: 'EFS → Create file system → Customize → Enable encryption of data at rest (KMS key); copy the data over (AWS DataSync) and delete the unencrypted one.'
#     terraform: 'aws_efs_file_system { encrypted = true, kms_key_id = aws_kms_key.efs.arn } (changing it replaces the file system).'
package rampart.aws.efs.encrypted

import data.rampart.lib

deny contains {"msg": sprintf("EFS file system %s is not encrypted at rest", [lib.label("file_system_id")]), "path": "attributes.encrypted"} if {
	input.attributes.encrypted == false
}

unknown contains {"msg": sprintf("whether EFS file system %s is encrypted is unknown", [lib.label("file_system_id")]), "path": "attributes.encrypted"} if {
	not is_boolean(lib.attr("encrypted"))
}
