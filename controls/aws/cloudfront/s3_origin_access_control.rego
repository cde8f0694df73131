# METADATA
# title: CloudFront reaches S3 origins through origin access control
# description: >-
#   An S3 origin without origin access control is read either with a
#   legacy origin access identity (no SSE-KMS, no new Regions, deprecated)
#   or anonymously, which needs a public bucket that can be read around
#   the distribution, its WAF and its logs.
# custom:
#   id: AWS-CF-004
#   severity: medium
#   resource_types: [aws.cloudfront.distribution]
#   frameworks:
#     iso27001-2022: ["A.8.20", "A.8.22"]
#     nist-800-53-r5: ["AC-4", "SC-7"]
#     soc2: ["CC6.6"]
#   equivalents:
#     prowler: [cloudfront_distributions_s3_origin_access_control]
#   remediation:
#     console: 'CloudFront → the distribution → Origins → the S3 origin → Edit → Origin access: Origin access control settings → create control setting; update the bucket policy as proposed, then remove the OAI and public access.'
#     terraform: 'aws_cloudfront_origin_access_control { origin_access_control_origin_type = "s3" signing_behavior = "always" signing_protocol = "sigv4" } and origin { origin_access_control_id = aws_cloudfront_origin_access_control.site.id }.'
package rampart.aws.cloudfront.s3_origin_access_control

import data.rampart.lib

deny contains {"msg": sprintf("S3 origin %s of distribution %s is read %s, not through origin access control", [object.get(o, "id", "?"), lib.label("distribution_id"), how(o)]), "path": sprintf("attributes.origins[%d]", [i])} if {
	some i, o in input.attributes.origins
	o.type == "s3"
	o.origin_access_control_id == ""
}

how(o) := "with a legacy origin access identity" if o.origin_access_identity != ""

how(o) := "anonymously (a public bucket)" if o.origin_access_identity == ""

origin_known(o) if {
	is_string(o.type)
	o.type != "s3"
}

origin_known(o) if {
	o.type == "s3"
	is_string(o.origin_access_control_id)
	is_string(o.origin_access_identity)
}

unknown contains {"msg": sprintf("the origins of distribution %s are unknown", [lib.label("distribution_id")]), "path": "attributes.origins"} if {
	not is_array(lib.attr("origins"))
}

unknown contains {"msg": sprintf("origin %d cannot be read", [i]), "path": sprintf("attributes.origins[%d]", [i])} if {
	some i, o in input.attributes.origins
	not origin_known(o)
}
