# METADATA
# title: Lambda function URLs do not allow every origin
# description: >-
#   CORS with AllowOrigins "*" lets any web page call the function from a
#   visitor's browser; name the origins that need it.
# custom:
#   id: AWS-LAMBDA-008
#   severity: medium
#   resource_types: [aws.lambda.function]
#   frameworks:
#     iso27001-2022: ["A.8.26"]
#     nist-800-53-r5: ["AC-4", "SC-7"]
#     soc2: ["CC6.6"]
#   equivalents:
#     prowler: [awslambda_function_url_cors_policy]
#   remediation:
#     console: 'Lambda → the function → Configuration → Function URL → Edit → Configure cross-origin resource sharing → replace "*" in Allow origin with the sites that call the function.'
#     terraform: 'aws_lambda_function_url { cors { allow_origins = ["https://app.example.com"] } } instead of ["*"].'
package rampart.aws.lambda.url_cors

import data.rampart.lib

deny contains {"msg": sprintf("a URL of Lambda function %s allows every origin (CORS \"*\")", [lib.label("function_name")]), "path": sprintf("attributes.function_urls[%d].cors_allow_origins", [i])} if {
	some i, u in input.attributes.function_urls
	"*" in u.cors_allow_origins
}

unknown contains {"msg": "the function's URLs are unknown", "path": "attributes.function_urls"} if {
	not is_array(lib.attr("function_urls"))
}

unknown contains {"msg": sprintf("the CORS origins of URL %d are unknown", [i]), "path": sprintf("attributes.function_urls[%d].cors_allow_origins", [i])} if {
	some i, u in input.attributes.function_urls
	not is_array(object.get(u, "cors_allow_origins", null))
}

unknown contains {"msg": sprintf("an origin of URL %d is unreadable", [i]), "path": sprintf("attributes.function_urls[%d].cors_allow_origins[%d]", [i, j])} if {
	some i, u in input.attributes.function_urls
	some j, origin in u.cors_allow_origins
	not is_string(origin)
}
