# METADATA
# title: Application load balancers are protected by AWS WAF
# description: >-
#   Without a web ACL an application load balancer passes every request to
#   its targets: no rate-based rules, no managed rules against injection
#   and known bad inputs. Network and gateway load balancers cannot have a
#   web ACL and are not judged. A WAF Classic association (end of support
#   30 September 2025) is not read live, so a load balancer protected only
#   by one fails until it moves to AWS WAF.
# custom:
#   id: AWS-ELB-011
#   severity: medium
#   resource_types: [aws.elbv2.load_balancer]
#   frameworks:
#     iso27001-2022: ["A.8.20"]
#     nist-800-53-r5: ["SC-7"]
#     soc2: ["CC6.6"]
#   equivalents:
#     prowler: [elbv2_waf_acl_attached]
#   remediation:
#     console: 'WAF & Shield → Web ACLs (regional, the load balancer''s region) → the web ACL → Associated AWS resources → add the load balancer.'
#     terraform: 'aws_wafv2_web_acl_association { resource_arn = aws_lb.web.arn web_acl_arn = aws_wafv2_web_acl.edge.arn }.'
package rampart.aws.elb.waf

import data.rampart.lib

applies if lib.attr("type") == "application"

deny contains {"msg": sprintf("load balancer %s has no AWS WAF web ACL", [lib.label("name")]), "path": "attributes.web_acl_arn"} if {
	applies
	input.attributes.web_acl_arn == ""
}

unknown contains {"msg": sprintf("web_acl_arn of load balancer %s is unknown", [lib.label("name")]), "path": "attributes.web_acl_arn"} if {
	applies
	not is_string(lib.attr("web_acl_arn"))
}

unknown contains {"msg": sprintf("the type of load balancer %s is unknown", [lib.label("name")]), "path": "attributes.type"} if {
	not is_string(lib.attr("type"))
}
