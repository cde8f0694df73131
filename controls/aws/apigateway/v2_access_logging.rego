# METADATA
# title: HTTP and WebSocket API stages write access logs
# description: >-
#   Access logs record who called which route of the API, from where and
#   with which result; without them abuse of an API leaves no trace.
# custom:
#   id: AWS-APIGW-009
#   severity: medium
#   resource_types: [aws.apigatewayv2.api]
#   frameworks:
#     iso27001-2022: ["A.8.15"]
#     nist-800-53-r5: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#   equivalents:
#     prowler: [apigatewayv2_api_access_logging_enabled]
#   remediation:
#     console: 'API Gateway → the HTTP/WebSocket API → Monitor → Logging → the stage → Edit → Access logging: on, a CloudWatch Logs log group ARN.'
#     terraform: 'aws_apigatewayv2_stage { access_log_settings { destination_arn = aws_cloudwatch_log_group.api.arn format = jsonencode({...}) } }.'
package rampart.aws.apigateway.v2_access_logging

import data.rampart.lib

deny contains {"msg": sprintf("stage %s of API %s writes no access logs", [object.get(s, "stage_name", "?"), lib.label("name")]), "path": sprintf("attributes.stages[%d].access_logs_enabled", [i])} if {
	some i, s in input.attributes.stages
	s.access_logs_enabled == false
}

stage_known(s) if {
	is_boolean(object.get(s, "access_logs_enabled", null))
}

unknown contains {"msg": sprintf("the stages of API %s are unknown", [lib.label("name")]), "path": "attributes.stages"} if {
	not is_array(lib.attr("stages"))
}

unknown contains {"msg": sprintf("access_logs_enabled of stage %d is unknown", [i]), "path": sprintf("attributes.stages[%d].access_logs_enabled", [i])} if {
	some i, s in input.attributes.stages
	not stage_known(s)
}
