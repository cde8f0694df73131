# METADATA
# title: REST API stages authenticate to their back ends with a client certificate
# description: >-
#   Without a client certificate the back end cannot tell requests relayed
#   by API Gateway from requests sent to it directly, around the
#   authorizers and throttling of the API.
# custom:
#   id: AWS-APIGW-005
#   severity: medium
#   resource_types: [aws.apigateway.rest_api]
#   frameworks:
#     iso27001-2022: ["A.8.5"]
#     nist-800-53-r5: ["AC-3", "IA-2"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [apigateway_restapi_client_certificate_enabled]
#   remediation:
#     console: 'API Gateway → Client certificates → Generate; the API → Stages → the stage → Edit → Client certificate; verify it on the back end.'
#     terraform: 'aws_api_gateway_stage { client_certificate_id = aws_api_gateway_client_certificate.backend.id }.'
package rampart.aws.apigateway.client_certificate

import data.rampart.lib

deny contains {"msg": sprintf("stage %s of API %s has no client certificate for its back ends", [object.get(s, "stage_name", "?"), lib.label("name")]), "path": sprintf("attributes.stages[%d].client_certificate_enabled", [i])} if {
	some i, s in input.attributes.stages
	s.client_certificate_enabled == false
}

stage_known(s) if {
	is_boolean(object.get(s, "client_certificate_enabled", null))
}

unknown contains {"msg": sprintf("the stages of API %s are unknown", [lib.label("name")]), "path": "attributes.stages"} if {
	not is_array(lib.attr("stages"))
}

unknown contains {"msg": sprintf("client_certificate_enabled of stage %d is unknown", [i]), "path": sprintf("attributes.stages[%d].client_certificate_enabled", [i])} if {
	some i, s in input.attributes.stages
	not stage_known(s)
}
