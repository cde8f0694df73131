# METADATA
# title: CloudFront distributions require TLS 1.2 from viewers
# description: >-
#   The security policy of a distribution sets the oldest protocol a
#   viewer may use: TLSv1.2_2021 or newer (TLSv1.2_2025, TLSv1.3_2025)
#   refuse TLS 1.0 and 1.1. The default *.cloudfront.net certificate
#   accepts TLSv1 whatever the setting says, so a distribution on it
#   fails. Trivy checks the same setting but accepts only one list of
#   versions (which changed between releases) and skips default
#   certificates, so it is not listed as an equivalent.
# custom:
#   id: AWS-CF-002
#   severity: high
#   resource_types: [aws.cloudfront.distribution]
#   frameworks:
#     iso27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#   equivalents: {}
#   remediation:
#     console: 'CloudFront → the distribution → General → Settings → Edit → a custom SSL certificate (ACM, us-east-1) and Security policy: TLSv1.2_2021 or newer.'
#     terraform: 'aws_cloudfront_distribution { viewer_certificate { acm_certificate_arn = aws_acm_certificate.site.arn ssl_support_method = "sni-only" minimum_protocol_version = "TLSv1.2_2021" } }.'
package rampart.aws.cloudfront.viewer_tls

import data.rampart.lib

tls12_versions := {"TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"}

deny contains {"msg": sprintf("distribution %s accepts TLS older than 1.2 from viewers: it uses the default CloudFront certificate", [lib.label("distribution_id")]), "path": "attributes.viewer_certificate.cloudfront_default_certificate"} if {
	input.attributes.viewer_certificate.cloudfront_default_certificate == true
}

deny contains {"msg": sprintf("distribution %s accepts TLS older than 1.2 from viewers (minimum protocol %s)", [lib.label("distribution_id"), vc.minimum_protocol_version]), "path": "attributes.viewer_certificate.minimum_protocol_version"} if {
	vc := input.attributes.viewer_certificate
	vc.cloudfront_default_certificate == false
	is_string(vc.minimum_protocol_version)
	not vc.minimum_protocol_version in tls12_versions
}

unknown contains {"msg": sprintf("the viewer certificate of distribution %s is unknown", [lib.label("distribution_id")]), "path": "attributes.viewer_certificate"} if {
	not is_boolean(lib.attr(["viewer_certificate", "cloudfront_default_certificate"]))
}

unknown contains {"msg": sprintf("the minimum protocol of distribution %s is unknown", [lib.label("distribution_id")]), "path": "attributes.viewer_certificate.minimum_protocol_version"} if {
	lib.attr(["viewer_certificate", "cloudfront_default_certificate"]) == false
	not is_string(lib.attr(["viewer_certificate", "minimum_protocol_version"]))
}
