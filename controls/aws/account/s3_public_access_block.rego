# METADATA
# title: S3 Block Public Access is on for the whole account
# description: >-
#   The account-level Block Public Access settings apply to every bucket,
#   present and future, so a single misconfigured bucket cannot be made
#   public.
# custom:
#   id: AWS-S3-004
#   severity: high
#   resource_types: [aws.account]
#   frameworks:
#     cis-aws-3.0: ["2.1.4"]
#     iso27001-2022: ["A.8.3", "A.8.12"]
#     nist-800-53-r5: ["AC-3", "AC-21"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [s3_account_level_public_access_blocks]
#   remediation:
#     console: 'S3 → Block Public Access settings for this account → Edit → turn on all four settings.'
#     terraform: 'aws_s3_account_public_access_block with block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets all true.'
package rampart.aws.account.s3_public_access_block

import data.rampart.lib

settings := ["block_public_acls", "ignore_public_acls", "block_public_policy", "restrict_public_buckets"]

pab := input.attributes.s3_public_access_block

deny contains {"msg": "the account has no S3 Block Public Access configuration", "path": "attributes.s3_public_access_block.configured"} if {
	pab.configured == false
}

deny contains {"msg": sprintf("account-level Block Public Access setting %s is off", [s]), "path": sprintf("attributes.s3_public_access_block.%s", [s])} if {
	pab.configured == true
	some s in settings
	pab[s] == false
}

unknown contains {"msg": "the account's S3 Block Public Access configuration is unknown", "path": "attributes.s3_public_access_block"} if {
	not is_boolean(lib.attr(["s3_public_access_block", "configured"]))
}

unknown contains {"msg": sprintf("account-level Block Public Access setting %s is unknown", [s]), "path": sprintf("attributes.s3_public_access_block.%s", [s])} if {
	pab.configured == true
	some s in settings
	not is_boolean(lib.attr(["s3_public_access_block", s]))
}
