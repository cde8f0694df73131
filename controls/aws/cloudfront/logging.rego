# METADATA
# title: CloudFront distributions write standard access logs
# description: >-
#   Standard logs record every viewer request — address, path, status, TLS
#   protocol; without them abuse of the edge cannot be investigated. Real-
#   time logs alone do not count: they are sampled and kept only as long
#   as the stream keeps them.
# custom:
#   id: AWS-CF-005
#   severity: medium
#   resource_types: [aws.cloudfront.distribution]
#   frameworks:
#     iso27001-2022: ["A.8.15"]
#     nist-800-53-r5: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#   equivalents:
#     prowler: [cloudfront_distributions_logging_enabled]
#     trivy: [AVD-AWS-0010]
#   remediation:
#     console: 'CloudFront → the distribution → General → Settings → Edit → Standard logging: on, an S3 bucket with ACLs enabled for the log delivery.'
#     terraform: 'aws_cloudfront_distribution { logging_config { bucket = "acme-logs.s3.amazonaws.com" prefix = "cloudfront/" } }.'
package rampart.aws.cloudfront.logging

import data.rampart.lib

deny contains {"msg": sprintf("distribution %s does not write standard access logs", [lib.label("distribution_id")]), "path": "attributes.logging_enabled"} if {
	input.attributes.logging_enabled == false
}

unknown contains {"msg": sprintf("logging_enabled of distribution %s is unknown", [lib.label("distribution_id")]), "path": "attributes.logging_enabled"} if {
	not is_boolean(lib.attr("logging_enabled"))
}
