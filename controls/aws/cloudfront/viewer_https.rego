# METADATA
# title: CloudFront distributions serve viewers over HTTPS only
# description: >-
#   A cache behavior whose viewer protocol policy is allow-all serves the
#   site, its cookies and its tokens in clear text to anyone on the path;
#   redirect-to-https or https-only keep viewers on TLS. Every cache
#   behavior is read, the default and the ordered ones.
# custom:
#   id: AWS-CF-001
#   severity: high
#   resource_types: [aws.cloudfront.distribution]
#   frameworks:
#     iso27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#   equivalents:
#     prowler: [cloudfront_distributions_https_enabled]
#     trivy: [AVD-AWS-0012]
#   remediation:
#     console: 'CloudFront → the distribution → Behaviors → each behavior → Edit → Viewer protocol policy: Redirect HTTP to HTTPS.'
#     terraform: 'aws_cloudfront_distribution { default_cache_behavior { viewer_protocol_policy = "redirect-to-https" } ordered_cache_behavior { viewer_protocol_policy = "redirect-to-https" } }.'
package rampart.aws.cloudfront.viewer_https

import data.rampart.lib

deny contains {"msg": sprintf("cache behavior %s of distribution %s allows plain HTTP (viewer protocol policy allow-all)", [object.get(b, "path_pattern", "?"), lib.label("distribution_id")]), "path": sprintf("attributes.cache_behaviors[%d].viewer_protocol_policy", [i])} if {
	some i, b in input.attributes.cache_behaviors
	b.viewer_protocol_policy == "allow-all"
}

unknown contains {"msg": sprintf("the cache behaviors of distribution %s are unknown", [lib.label("distribution_id")]), "path": "attributes.cache_behaviors"} if {
	not is_array(lib.attr("cache_behaviors"))
}

unknown contains {"msg": sprintf("cache behavior %d has no readable viewer protocol policy", [i]), "path": sprintf("attributes.cache_behaviors[%d]", [i])} if {
	some i, b in input.attributes.cache_behaviors
	not is_string(object.get(b, "viewer_protocol_policy", null))
}
