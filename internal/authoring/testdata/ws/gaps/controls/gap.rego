# METADATA
# title: Buckets are versioned
# custom:
#   id: ACME-GAP-001
#   severity: low
#   resource_types: [aws.s3.bucket]
#   frameworks:
#     iso27001-2022: ["A.8.13"]
#   remediation:
#     console: Turn versioning on.
#     terraform: aws_s3_bucket_versioning with status Enabled.
package acme.gap

import data.rampart.lib

deny contains "versioning is off" if lib.attr(["versioning", "status"]) == "Suspended"

unknown contains "versioning is unknown" if not is_string(lib.attr(["versioning", "status"]))
