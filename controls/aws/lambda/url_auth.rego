# METADATA
# title: Lambda function URLs require IAM authentication
# description: >-
#   A function URL with auth type NONE is a public HTTPS endpoint: anyone
#   who finds the URL invokes the function, with no signature and no
#   identity in CloudTrail.
# custom:
#   id: AWS-LAMBDA-002
#   severity: high
#   resource_types: [aws.lambda.function]
#   frameworks:
#     iso27001-2022: ["A.8.3", "A.8.5"]
#     nist-800-53-r5: ["AC-3", "IA-2"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [awslambda_function_url_public]
#   remediation:
#     console: 'Lambda → the function → Configuration → Function URL → Edit → Auth type AWS_IAM (callers sign with SigV4), or put the function behind API Gateway with an authorizer.'
#     terraform: 'aws_lambda_function_url { authorization_type = "AWS_IAM" }.'
package rampart.aws.lambda.url_auth

import data.rampart.lib

deny contains {"msg": sprintf("Lambda function %s has a URL%s without authentication (auth type NONE)", [lib.label("function_name"), qualifier(u)]), "path": sprintf("attributes.function_urls[%d].auth_type", [i])} if {
	some i, u in input.attributes.function_urls
	u.auth_type == "NONE"
}

qualifier(u) := sprintf(" (alias %s)", [u.qualifier]) if {
	is_string(u.qualifier)
	u.qualifier != ""
} else := ""

unknown contains {"msg": "the function's URLs are unknown", "path": "attributes.function_urls"} if {
	not is_array(lib.attr("function_urls"))
}

unknown contains {"msg": sprintf("the auth type of URL %d is unknown", [i]), "path": sprintf("attributes.function_urls[%d].auth_type", [i])} if {
	some i, u in input.attributes.function_urls
	not is_string(object.get(u, "auth_type", null))
}

unknown contains {"msg": sprintf("URL %d has an auth type Rampart does not know", [i]), "path": sprintf("attributes.function_urls[%d].auth_type", [i])} if {
	some i, u in input.attributes.function_urls
	is_string(u.auth_type)
	not u.auth_type in {"NONE", "AWS_IAM"}
}
