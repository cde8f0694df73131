# METADATA
# title: CloudFront distributions restrict viewer countries
# description: >-
#   A geographic restriction (an allow or deny list of countries) narrows
#   who can reach the content; distributions serving a known market should
#   not answer the whole world.
# custom:
#   id: AWS-CF-009
#   severity: low
#   resource_types: [aws.cloudfront.distribution]
#   frameworks:
#     iso27001-2022: ["A.8.20", "A.8.22"]
#     nist-800-53-r5: ["AC-4", "SC-7"]
#     soc2: ["CC6.6"]
#   equivalents:
#     prowler: [cloudfront_distributions_geo_restrictions_enabled]
#   remediation:
#     console: 'CloudFront → the distribution → Security → CloudFront geographic restrictions → Edit → Allow list (or Block list) of countries.'
#     terraform: 'aws_cloudfront_distribution { restrictions { geo_restriction { restriction_type = "whitelist" locations = ["DE", "US"] } } }.'
package rampart.aws.cloudfront.geo_restriction

import data.rampart.lib

deny contains {"msg": sprintf("distribution %s serves every country (no geographic restriction)", [lib.label("distribution_id")]), "path": "attributes.geo_restriction_type"} if {
	input.attributes.geo_restriction_type == "none"
}

unknown contains {"msg": sprintf("the geographic restriction of distribution %s is unknown", [lib.label("distribution_id")]), "path": "attributes.geo_restriction_type"} if {
	not is_string(lib.attr("geo_restriction_type"))
}
