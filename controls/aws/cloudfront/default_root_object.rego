# METADATA
# title: CloudFront distributions have a default root object
# description: >-
#   Without a default root object a request for the root URL goes to the
#   origin as is; an S3 origin may then list the bucket or answer with its
#   own error page.
# custom:
#   id: AWS-CF-008
#   severity: medium
#   resource_types: [aws.cloudfront.distribution]
#   frameworks:
#     iso27001-2022: ["A.8.20", "A.8.22"]
#     nist-800-53-r5: ["AC-4", "SC-7"]
#     soc2: ["CC6.6"]
#   equivalents:
#     prowler: [cloudfront_distributions_default_root_object]
#   remediation:
#     console: 'CloudFront → the distribution → General → Settings → Edit → Default root object: index.html.'
#     terraform: 'aws_cloudfront_distribution { default_root_object = "index.html" }.'
package rampart.aws.cloudfront.default_root_object

import data.rampart.lib

deny contains {"msg": sprintf("distribution %s has no default root object", [lib.label("distribution_id")]), "path": "attributes.default_root_object"} if {
	input.attributes.default_root_object == ""
}

unknown contains {"msg": sprintf("default_root_object of distribution %s is unknown", [lib.label("distribution_id")]), "path": "attributes.default_root_object"} if {
	not is_string(lib.attr("default_root_object"))
}
