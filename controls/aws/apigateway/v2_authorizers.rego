# METADATA
# title: HTTP and WebSocket APIs have an authorizer
# description: >-
#   An API without any authorizer (Lambda, Cognito or JWT) relies on each
#   method or route being open on purpose, or on IAM authorization set
#   method by method; this control asks that the API has an authorizer at
#   all, as Prowler does — it does not check each method.
# custom:
#   id: AWS-APIGW-010
#   severity: medium
#   resource_types: [aws.apigatewayv2.api]
#   frameworks:
#     iso27001-2022: ["A.8.5"]
#     nist-800-53-r5: ["AC-3", "IA-2"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [apigatewayv2_api_authorizers_enabled]
#   remediation:
#     console: 'API Gateway → the HTTP/WebSocket API → Authorization → Create and attach an authorizer (JWT or Lambda) to the routes.'
#     terraform: 'aws_apigatewayv2_authorizer { api_id = aws_apigatewayv2_api.api.id authorizer_type = "JWT" ... } and aws_apigatewayv2_route { authorization_type = "JWT" authorizer_id = aws_apigatewayv2_authorizer.api.id }.'
package rampart.aws.apigateway.v2_authorizers

import data.rampart.lib

deny contains {"msg": sprintf("API %s has no authorizer", [lib.label("name")]), "path": "attributes.authorizers"} if {
	input.attributes.authorizers == 0
}

unknown contains {"msg": sprintf("the authorizers of API %s are unknown", [lib.label("name")]), "path": "attributes.authorizers"} if {
	not is_number(lib.attr("authorizers"))
}
