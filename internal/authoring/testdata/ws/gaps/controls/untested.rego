# METADATA
# title: Buckets log access
# custom:
#   id: ACME-GAP-002
#   severity: low
#   resource_types: [aws.s3.bucket]
#   frameworks:
#     iso27001-2022: ["A.8.15"]
#   remediation:
#     console: Turn server access logging on.
#     terraform: aws_s3_bucket_logging.
package acme.untested

deny contains "access logging is off" if input.attributes.logging == false
