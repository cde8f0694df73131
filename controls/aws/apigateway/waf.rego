# METADATA
# title: REST API stages are protected by AWS WAF
# description: >-
#   Without a web ACL a stage passes every request to its integrations: no
#   rate-based rules, no managed rules against injection. On a plan the
#   web ACL is the aws_wafv2_web_acl_association whose resource_arn
#   references the stage.
# custom:
#   id: AWS-APIGW-006
#   severity: medium
#   resource_types: [aws.apigateway.rest_api]
#   frameworks:
#     iso27001-2022: ["A.8.20"]
#     nist-800-53-r5: ["SC-7"]
#     soc2: ["CC6.6"]
#   equivalents:
#     prowler: [apigateway_restapi_waf_acl_attached]
#   remediation:
#     console: 'WAF & Shield → Web ACLs (regional) → the web ACL → Associated AWS resources → add the API Gateway stage.'
#     terraform: 'aws_wafv2_web_acl_association { resource_arn = aws_api_gateway_stage.prod.arn web_acl_arn = aws_wafv2_web_acl.api.arn }.'
package rampart.aws.apigateway.waf

import data.rampart.lib

deny contains {"msg": sprintf("stage %s of API %s has no AWS WAF web ACL", [object.get(s, "stage_name", "?"), lib.label("name")]), "path": sprintf("attributes.stages[%d].web_acl_arn", [i])} if {
	some i, s in input.attributes.stages
	s.web_acl_arn == ""
}

stage_known(s) if {
	is_string(object.get(s, "web_acl_arn", null))
}

unknown contains {"msg": sprintf("the stages of API %s are unknown", [lib.label("name")]), "path": "attributes.stages"} if {
	not is_array(lib.attr("stages"))
}

unknown contains {"msg": sprintf("web_acl_arn of stage %d is unknown", [i]), "path": sprintf("attributes.stages[%d].web_acl_arn", [i])} if {
	some i, s in input.attributes.stages
	not stage_known(s)
}
