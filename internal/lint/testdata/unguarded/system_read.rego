# METADATA
# title: Public systems keep no secrets in buckets
# custom:
#   id: AWS-S3-090
#   severity: low
#   resource_types: [aws.s3.bucket]
#   frameworks:
#     iso27001-2022: ["A.8.24"]
#   remediation:
#     console: Move the secrets.
#     terraform: Move the secrets.
package rampart.aws.s3.system_read

import data.rampart.lib

# A resource no system claims has no input.system: the deny is undefined
# and the bucket passes, though no unknown rule says so.
deny contains "secrets in a public system" if {
	input.system.classification == "public"
	input.attributes.holds_secrets == true
}

unknown contains "unknown" if not is_boolean(lib.attr("holds_secrets"))
