# METADATA
# title: Lambda functions use no layers of other accounts
# description: >-
#   A layer runs inside the function with its permissions; a layer
#   published by another account is code whose next version someone else
#   writes. Copy the layers you need into your own account.
# custom:
#   id: AWS-LAMBDA-010
#   severity: high
#   resource_types: [aws.lambda.function]
#   frameworks:
#     iso27001-2022: ["A.5.21", "A.8.28"]
#     nist-800-53-r5: ["SR-3", "SA-9"]
#     soc2: ["CC9.2"]
#   equivalents:
#     prowler: [awslambda_function_using_cross_account_layers]
#   remediation:
#     console: 'Lambda → Layers → Create layer from the reviewed content in your account; then the function → Layers → Edit → replace the other account''s layer with yours.'
#     terraform: 'Publish the layer with aws_lambda_layer_version in your account and list its arn in aws_lambda_function { layers = [...] }.'
package rampart.aws.lambda.cross_account_layers

import data.rampart.lib

# The function's account: the live scope, else the account field of its ARN.
account := input.scope.account_id if {
	is_string(input.scope.account_id)
	input.scope.account_id != ""
} else := split(input.attributes.arn, ":")[4]

layer_account(arn) := split(arn, ":")[4]

deny contains {"msg": sprintf("Lambda function %s uses layer %s of account %s", [lib.label("function_name"), layer, layer_account(layer)]), "path": sprintf("attributes.layers[%d]", [i])} if {
	some i, layer in input.attributes.layers
	layer_account(layer) != account
}

unknown contains {"msg": "the function's layers are unknown", "path": "attributes.layers"} if {
	not is_array(lib.attr("layers"))
}

unknown contains {"msg": "the function's account is unknown (Terraform does not know it before apply), so its layers cannot be told apart", "path": "attributes.arn"} if {
	count(input.attributes.layers) > 0
	not account
}

unknown contains {"msg": sprintf("layer %d is not a layer version ARN", [i]), "path": sprintf("attributes.layers[%d]", [i])} if {
	some i, layer in input.attributes.layers
	not layer_account(layer)
}
