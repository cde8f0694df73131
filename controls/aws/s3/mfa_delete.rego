# METADATA
# title: S3 buckets require MFA to delete versions
# description: >-
#   With MFA Delete, permanently deleting an object version or turning
#   versioning off needs the root user's MFA code, so stolen credentials
#   alone cannot destroy the bucket's history.
# custom:
#   id: AWS-S3-008
#   severity: low
#   resource_types: [aws.s3.bucket]
#   frameworks:
#     cis-aws-3.0: ["2.1.2"]
#     iso27001-2022: ["A.8.13"]
#     nist-800-53-r5: ["CP-9", "SI-12"]
#     soc2: ["A1.2"]
#   equivalents:
#     prowler: [s3_bucket_no_mfa_delete]
#     trivy: [AVD-AWS-0170]
#   remediation:
#     console: 'MFA Delete cannot be set in the console: as the root user run aws s3api put-bucket-versioning --bucket NAME --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa "SERIAL CODE".'
#     terraform: 'aws_s3_bucket_versioning with versioning_configuration { status = "Enabled", mfa_delete = "Enabled" } and mfa = "<serial> <code>" (applied with the root user''s MFA).'
package rampart.aws.s3.mfa_delete

import data.rampart.lib

deny contains {"msg": sprintf("bucket %q does not require MFA to delete versions", [lib.label("name")]), "path": "attributes.versioning.mfa_delete"} if {
	input.attributes.versioning.mfa_delete == false
}

unknown contains {"msg": "whether the bucket requires MFA Delete is unknown", "path": "attributes.versioning.mfa_delete"} if {
	not is_boolean(lib.attr(["versioning", "mfa_delete"]))
}
