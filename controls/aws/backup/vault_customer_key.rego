# METADATA
# title: Backup vaults encrypt recovery points with a customer-managed KMS key
# description: >-
#   AWS Backup always encrypts a vault's recovery points, by default under
#   the AWS-managed key aws/backup, which every principal of the account
#   with AWS Backup access may use and whose policy nobody can tighten. A
#   customer-managed key lets its policy decide who may restore or copy the
#   backups, lets the key be disabled in an incident, and logs every use
#   in CloudTrail under a key the customer owns.
# custom:
#   id: AWS-BK-002
#   severity: medium
#   resource_types: [aws.backup.vault]
#   frameworks:
#     iso27001-2022: ["A.8.24", "A.8.13"]
#     nist-800-53-r5: ["SC-28", "SC-12"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [backup_vaults_encrypted]
#   remediation:
#     console: 'A vault''s key is fixed at creation: AWS Backup → Backup vaults → Create backup vault with a customer-managed KMS key, point the backup plans'' rules at it, and let the old vault''s recovery points expire.'
#     terraform: 'aws_backup_vault { kms_key_arn = aws_kms_key.<key>.arn } (a new vault: the key cannot be changed in place).'
package rampart.aws.backup.vault_customer_key

import data.rampart.lib

deny contains {"msg": sprintf("backup vault %s encrypts its recovery points with an AWS-managed key, not a customer-managed one", [lib.label("name")]), "path": "attributes.customer_managed_key"} if {
	input.attributes.customer_managed_key == false
}

unknown contains {"msg": sprintf("whether backup vault %s uses a customer-managed key is unknown", [lib.label("name")]), "path": "attributes.customer_managed_key"} if {
	not is_boolean(lib.attr("customer_managed_key"))
}
