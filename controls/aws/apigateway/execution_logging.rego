# METADATA
# title: REST API stages log execution
# description: >-
#   Execution logs (log level ERROR or INFO for all methods, */*) record
#   what API Gateway did with each request — authorizer decisions,
#   integration errors; logging level OFF leaves failures and attacks on
#   the integration invisible.
# custom:
#   id: AWS-APIGW-002
#   severity: medium
#   resource_types: [aws.apigateway.rest_api]
#   frameworks:
#     iso27001-2022: ["A.8.15"]
#     nist-800-53-r5: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#   equivalents:
#     prowler: [apigateway_restapi_logging_enabled]
#   remediation:
#     console: 'API Gateway → the API → Stages → the stage → Logs and tracing → Edit → CloudWatch logs: Errors only (or Errors and info logs).'
#     terraform: 'aws_api_gateway_method_settings { rest_api_id = aws_api_gateway_rest_api.api.id stage_name = aws_api_gateway_stage.prod.stage_name method_path = "*/*" settings { logging_level = "ERROR" } }.'
package rampart.aws.apigateway.execution_logging

import data.rampart.lib

deny contains {"msg": sprintf("stage %s of API %s does not log execution (logging level OFF)", [object.get(s, "stage_name", "?"), lib.label("name")]), "path": sprintf("attributes.stages[%d].logging_level", [i])} if {
	some i, s in input.attributes.stages
	s.logging_level == "OFF"
}

stage_known(s) if {
	is_string(object.get(s, "logging_level", null))
}

unknown contains {"msg": sprintf("the stages of API %s are unknown", [lib.label("name")]), "path": "attributes.stages"} if {
	not is_array(lib.attr("stages"))
}

unknown contains {"msg": sprintf("logging_level of stage %d is unknown", [i]), "path": sprintf("attributes.stages[%d].logging_level", [i])} if {
	some i, s in input.attributes.stages
	not stage_known(s)
}
