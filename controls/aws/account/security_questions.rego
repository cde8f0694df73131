# METADATA
# title: Account security challenge questions are set
# description: >-
#   CIS 1.3: security challenge questions let AWS Support verify the owner
#   of an account whose root credentials are lost. No API reads them, so
#   this is a manual control: a person checks each account (Account →
#   Configure security challenge questions) and records it with an
#   attestation block; a missing or expired attestation is a failure
#   (docs/controls.md#manual-controls).
# custom:
#   id: AWS-ACCT-003
#   severity: low
#   manual: true
#   resource_types: [aws.account]   # due when the audit covers an AWS account
#   frameworks:
#     cis-aws-3.0: ["1.3"]
#     iso27001-2022: ["A.5.17"]
#     nist-800-53-r5: ["IA-5"]
#     soc2: ["CC6.1"]
#   equivalents: {}   # Prowler's account_security_questions_are_registered_in_the_aws_account is deprecated (manual)
#   remediation:
#     console: 'Signed in as the root user: Account → Configure security challenge questions → choose three questions and store the answers in the vault with the root credentials; then record an attestation block (control = "AWS-ACCT-003").'
package rampart.aws.account.security_questions
