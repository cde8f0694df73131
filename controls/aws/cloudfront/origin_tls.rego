# METADATA
# title: CloudFront offers custom origins no protocol older than TLS 1.2
# description: >-
#   The origin SSL protocols of a custom origin are the ones CloudFront
#   may negotiate with it: SSLv3, TLSv1 and TLSv1.1 let a downgraded
#   connection carry viewer requests to the origin with broken
#   cryptography.
# custom:
#   id: AWS-CF-007
#   severity: medium
#   resource_types: [aws.cloudfront.distribution]
#   frameworks:
#     iso27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#   equivalents:
#     prowler: [cloudfront_distributions_using_deprecated_ssl_protocols]
#   remediation:
#     console: 'CloudFront → the distribution → Origins → the custom origin → Edit → Minimum origin SSL protocol: TLSv1.2.'
#     terraform: 'aws_cloudfront_distribution { origin { custom_origin_config { origin_ssl_protocols = ["TLSv1.2"] } } }.'
package rampart.aws.cloudfront.origin_tls

import data.rampart.lib

deprecated := {"SSLv3", "TLSv1", "TLSv1.1"}

deny contains {"msg": sprintf("custom origin %s of distribution %s allows %s", [object.get(o, "id", "?"), lib.label("distribution_id"), concat(", ", sort([p | some p in o.origin_ssl_protocols; p in deprecated]))]), "path": sprintf("attributes.origins[%d].origin_ssl_protocols", [i])} if {
	some i, o in input.attributes.origins
	o.type == "custom"
	some p in o.origin_ssl_protocols
	p in deprecated
}

origin_known(o) if {
	o.type == "custom"
	is_array(o.origin_ssl_protocols)
}

origin_known(o) if {
	is_string(o.type)
	o.type != "custom"
}

unknown contains {"msg": sprintf("the origins of distribution %s are unknown", [lib.label("distribution_id")]), "path": "attributes.origins"} if {
	not is_array(lib.attr("origins"))
}

unknown contains {"msg": sprintf("origin %d cannot be read", [i]), "path": sprintf("attributes.origins[%d]", [i])} if {
	some i, o in input.attributes.origins
	not origin_known(o)
}
