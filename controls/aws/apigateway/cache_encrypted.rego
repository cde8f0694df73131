# METADATA
# title: REST API stage caches are encrypted
# description: >-
#   A stage cache keeps responses — often personal data — on the cache
#   cluster; without cache data encryption it is stored in clear.
# custom:
#   id: AWS-APIGW-003
#   severity: medium
#   resource_types: [aws.apigateway.rest_api]
#   frameworks:
#     iso27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-28"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [apigateway_restapi_cache_encrypted]
#     trivy: [AVD-AWS-0002]
#   remediation:
#     console: 'API Gateway → the API → Stages → the stage → Stage details → Edit → Cache settings: Encrypt cache data.'
#     terraform: 'aws_api_gateway_method_settings { method_path = "*/*" settings { caching_enabled = true cache_data_encrypted = true } }.'
package rampart.aws.apigateway.cache_encrypted

import data.rampart.lib

deny contains {"msg": sprintf("stage %s of API %s caches responses unencrypted", [object.get(s, "stage_name", "?"), lib.label("name")]), "path": sprintf("attributes.stages[%d].cache_data_encrypted", [i])} if {
	some i, s in input.attributes.stages
	s.cache_cluster_enabled == true
	s.cache_data_encrypted == false
}

stage_known(s) if {
	is_boolean(object.get(s, "cache_cluster_enabled", null))
	not s.cache_cluster_enabled
}

stage_known(s) if {
	s.cache_cluster_enabled == true
	is_boolean(object.get(s, "cache_data_encrypted", null))
}

unknown contains {"msg": sprintf("the stages of API %s are unknown", [lib.label("name")]), "path": "attributes.stages"} if {
	not is_array(lib.attr("stages"))
}

unknown contains {"msg": sprintf("cache_data_encrypted of stage %d is unknown", [i]), "path": sprintf("attributes.stages[%d].cache_data_encrypted", [i])} if {
	some i, s in input.attributes.stages
	not stage_known(s)
}
