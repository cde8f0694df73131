# METADATA
# title: CloudFront distributions use their own certificate
# description: >-
#   On the default *.cloudfront.net certificate a distribution can only be
#   reached under its CloudFront name and accepts TLS 1.0; a certificate
#   of the organisation (ACM in us-east-1) lets the security policy take
#   effect.
# custom:
#   id: AWS-CF-011
#   severity: medium
#   resource_types: [aws.cloudfront.distribution]
#   frameworks:
#     iso27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-8", "SC-13"]
#     soc2: ["CC6.7"]
#   equivalents:
#     prowler: [cloudfront_distributions_custom_ssl_certificate]
#   remediation:
#     console: 'ACM (us-east-1) → Request a certificate for the domain; CloudFront → the distribution → General → Settings → Edit → Custom SSL certificate.'
#     terraform: 'aws_cloudfront_distribution { viewer_certificate { acm_certificate_arn = aws_acm_certificate.site.arn ssl_support_method = "sni-only" } } (not cloudfront_default_certificate = true).'
package rampart.aws.cloudfront.custom_certificate

import data.rampart.lib

deny contains {"msg": sprintf("distribution %s uses the default CloudFront certificate", [lib.label("distribution_id")]), "path": "attributes.viewer_certificate.cloudfront_default_certificate"} if {
	input.attributes.viewer_certificate.cloudfront_default_certificate == true
}

unknown contains {"msg": sprintf("the viewer certificate of distribution %s is unknown", [lib.label("distribution_id")]), "path": "attributes.viewer_certificate"} if {
	not is_boolean(lib.attr(["viewer_certificate", "cloudfront_default_certificate"]))
}
