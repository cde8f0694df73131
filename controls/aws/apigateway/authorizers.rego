# METADATA
# title: REST APIs have an authorizer
# description: >-
#   An API without any authorizer (Lambda, Cognito or JWT) relies on each
#   method or route being open on purpose, or on IAM authorization set
#   method by method; this control asks that the API has an authorizer at
#   all, as Prowler does — it does not check each method.
# custom:
#   id: AWS-APIGW-007
#   severity: medium
#   resource_types: [aws.apigateway.rest_api]
#   frameworks:
#     iso27001-2022: ["A.8.5"]
#     nist-800-53-r5: ["AC-3", "IA-2"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [apigateway_restapi_authorizers_enabled]
#   remediation:
#     console: 'API Gateway → the API → Authorizers → Create authorizer (Lambda or Cognito user pool); attach it to the methods.'
#     terraform: 'aws_api_gateway_authorizer { rest_api_id = aws_api_gateway_rest_api.api.id ... } and aws_api_gateway_method { authorization = "CUSTOM" authorizer_id = aws_api_gateway_authorizer.api.id }.'
package rampart.aws.apigateway.authorizers

import data.rampart.lib

deny contains {"msg": sprintf("API %s has no authorizer", [lib.label("name")]), "path": "attributes.authorizers"} if {
	input.attributes.authorizers == 0
}

unknown contains {"msg": sprintf("the authorizers of API %s are unknown", [lib.label("name")]), "path": "attributes.authorizers"} if {
	not is_number(lib.attr("authorizers"))
}
