# METADATA
# title: REST API stages trace requests with X-Ray
# description: >-
#   X-Ray tracing follows a request through API Gateway into its
#   integrations; without it the path of a malicious or failing request
#   cannot be reconstructed.
# custom:
#   id: AWS-APIGW-004
#   severity: low
#   resource_types: [aws.apigateway.rest_api]
#   frameworks:
#     iso27001-2022: ["A.8.16"]
#     nist-800-53-r5: ["AU-12"]
#     soc2: ["CC7.2"]
#   equivalents:
#     prowler: [apigateway_restapi_tracing_enabled]
#     trivy: [AVD-AWS-0003]
#   remediation:
#     console: 'API Gateway → the API → Stages → the stage → Logs and tracing → Edit → X-Ray tracing: on.'
#     terraform: 'aws_api_gateway_stage { xray_tracing_enabled = true }.'
package rampart.aws.apigateway.tracing

import data.rampart.lib

deny contains {"msg": sprintf("stage %s of API %s does not trace requests with X-Ray", [object.get(s, "stage_name", "?"), lib.label("name")]), "path": sprintf("attributes.stages[%d].tracing_enabled", [i])} if {
	some i, s in input.attributes.stages
	s.tracing_enabled == false
}

stage_known(s) if {
	is_boolean(object.get(s, "tracing_enabled", null))
}

unknown contains {"msg": sprintf("the stages of API %s are unknown", [lib.label("name")]), "path": "attributes.stages"} if {
	not is_array(lib.attr("stages"))
}

unknown contains {"msg": sprintf("tracing_enabled of stage %d is unknown", [i]), "path": sprintf("attributes.stages[%d].tracing_enabled", [i])} if {
	some i, s in input.attributes.stages
	not stage_known(s)
}
