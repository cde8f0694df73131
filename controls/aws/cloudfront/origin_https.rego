# METADATA
# title: CloudFront connects to origins over HTTPS
# description: >-
#   CloudFront forwards viewer requests — cookies, authorization headers,
#   form data — to the origin: a custom origin must be reached with https-
#   only (http-only and match-viewer send some or all of it in clear text
#   across the internet), and an S3 origin must not be served to viewers
#   over plain HTTP.
# custom:
#   id: AWS-CF-006
#   severity: medium
#   resource_types: [aws.cloudfront.distribution]
#   frameworks:
#     iso27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#   equivalents:
#     prowler: [cloudfront_distributions_origin_traffic_encrypted]
#   remediation:
#     console: 'CloudFront → the distribution → Origins → the custom origin → Edit → Protocol: HTTPS only; Behaviors → the default behavior → Viewer protocol policy: Redirect HTTP to HTTPS.'
#     terraform: 'aws_cloudfront_distribution { origin { custom_origin_config { origin_protocol_policy = "https-only" } } default_cache_behavior { viewer_protocol_policy = "redirect-to-https" } }.'
package rampart.aws.cloudfront.origin_https

import data.rampart.lib

deny contains {"msg": sprintf("custom origin %s of distribution %s is reached with %s, not https-only", [object.get(o, "id", "?"), lib.label("distribution_id"), o.origin_protocol_policy]), "path": sprintf("attributes.origins[%d].origin_protocol_policy", [i])} if {
	some i, o in input.attributes.origins
	o.type == "custom"
	is_string(o.origin_protocol_policy)
	o.origin_protocol_policy != "https-only"
}

deny contains {"msg": sprintf("S3 origin %s of distribution %s is served to viewers over plain HTTP (default behavior allow-all)", [object.get(o, "id", "?"), lib.label("distribution_id")]), "path": sprintf("attributes.origins[%d]", [i])} if {
	some i, o in input.attributes.origins
	o.type == "s3"
	input.attributes.cache_behaviors[0].viewer_protocol_policy == "allow-all"
}

origin_known(o) if {
	o.type == "custom"
	is_string(o.origin_protocol_policy)
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

unknown contains {"msg": sprintf("the default cache behavior of distribution %s is unknown", [lib.label("distribution_id")]), "path": "attributes.cache_behaviors"} if {
	some o in input.attributes.origins
	o.type == "s3"
	not default_policy_known
}

default_policy_known if is_string(input.attributes.cache_behaviors[0].viewer_protocol_policy)
