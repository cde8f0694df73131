# METADATA
# title: CloudFront distributions are protected by AWS WAF
# description: >-
#   Without a web ACL a distribution passes every request to its origins:
#   no rate limiting, no managed rules against injection and known bad
#   inputs, no bot control.
# custom:
#   id: AWS-CF-003
#   severity: high
#   resource_types: [aws.cloudfront.distribution]
#   frameworks:
#     iso27001-2022: ["A.8.20"]
#     nist-800-53-r5: ["SC-7"]
#     soc2: ["CC6.6"]
#   equivalents:
#     prowler: [cloudfront_distributions_using_waf]
#     trivy: [AVD-AWS-0011]
#   remediation:
#     console: 'WAF & Shield → Web ACLs (scope CloudFront, us-east-1) → create or pick one → Associated AWS resources → add the distribution.'
#     terraform: 'aws_cloudfront_distribution { web_acl_id = aws_wafv2_web_acl.edge.arn } (a WAFv2 web ACL with scope = "CLOUDFRONT").'
package rampart.aws.cloudfront.waf

import data.rampart.lib

deny contains {"msg": sprintf("distribution %s has no AWS WAF web ACL", [lib.label("distribution_id")]), "path": "attributes.web_acl_id"} if {
	input.attributes.web_acl_id == ""
}

unknown contains {"msg": sprintf("web_acl_id of distribution %s is unknown", [lib.label("distribution_id")]), "path": "attributes.web_acl_id"} if {
	not is_string(lib.attr("web_acl_id"))
}
