# METADATA
# title: CloudFront custom certificates are served with SNI
# description: >-
#   The vip SSL support method gives a distribution dedicated IP addresses
#   at every edge location for clients without SNI, at a large monthly
#   cost; every current client sends SNI.
# custom:
#   id: AWS-CF-010
#   severity: low
#   resource_types: [aws.cloudfront.distribution]
#   frameworks:
#     iso27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#   equivalents:
#     prowler: [cloudfront_distributions_https_sni_enabled]
#   remediation:
#     console: 'CloudFront → the distribution → General → Settings → Edit → Legacy clients support: off (SNI only).'
#     terraform: 'aws_cloudfront_distribution { viewer_certificate { ssl_support_method = "sni-only" } }.'
package rampart.aws.cloudfront.sni

import data.rampart.lib

deny contains {"msg": sprintf("distribution %s serves its certificate with %s, not sni-only", [lib.label("distribution_id"), vc.ssl_support_method]), "path": "attributes.viewer_certificate.ssl_support_method"} if {
	vc := input.attributes.viewer_certificate
	vc.cloudfront_default_certificate == false
	is_string(vc.ssl_support_method)
	vc.ssl_support_method != "sni-only"
}

unknown contains {"msg": sprintf("the viewer certificate of distribution %s is unknown", [lib.label("distribution_id")]), "path": "attributes.viewer_certificate"} if {
	not is_boolean(lib.attr(["viewer_certificate", "cloudfront_default_certificate"]))
}

unknown contains {"msg": sprintf("the SSL support method of distribution %s is unknown", [lib.label("distribution_id")]), "path": "attributes.viewer_certificate.ssl_support_method"} if {
	lib.attr(["viewer_certificate", "cloudfront_default_certificate"]) == false
	not is_string(lib.attr(["viewer_certificate", "ssl_support_method"]))
}
