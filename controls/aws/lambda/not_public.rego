# METADATA
# title: Lambda functions are not invocable by everyone
# description: >-
#   A resource policy statement that allows the principal "*" (or a
#   NotPrincipal) without a condition tying it to an account, organisation
#   or source lets anyone in the world invoke or change the function.
# custom:
#   id: AWS-LAMBDA-001
#   severity: critical
#   resource_types: [aws.lambda.function]
#   frameworks:
#     iso27001-2022: ["A.5.15", "A.8.3"]
#     nist-800-53-r5: ["AC-3", "AC-21"]
#     soc2: ["CC6.1", "CC6.6"]
#   equivalents:
#     prowler: [awslambda_function_not_publicly_accessible]
#   remediation:
#     console: 'Lambda → the function → Configuration → Permissions → Resource-based policy statements → delete the statement with principal "*", or re-add it with the source account or ARN.'
#     terraform: 'aws_lambda_permission: set principal to the service or account that invokes the function and add source_arn / source_account (or principal_org_id) instead of principal = "*".'
package rampart.aws.lambda.not_public

import data.rampart.lib

policy := input.attributes.policy.document

deny contains {"msg": sprintf("the resource policy of Lambda function %s lets anyone in (statement %d)", [lib.label("function_name"), i]), "path": sprintf("attributes.policy.document.Statement[%d]", [i])} if {
	input.attributes.policy.present == true
	some i, st in lib.statements(policy)
	lib.public_statement(st)
}

unknown contains {"msg": "the function's resource policy is unknown", "path": "attributes.policy"} if {
	not is_boolean(lib.attr(["policy", "present"]))
}

unknown contains {"msg": "the resource policy has no readable Statement", "path": "attributes.policy.document"} if {
	input.attributes.policy.present == true
	not lib.statements(policy)
}

unknown contains {"msg": sprintf("statement %d of the resource policy is unreadable", [i]), "path": sprintf("attributes.policy.document.Statement[%d]", [i])} if {
	input.attributes.policy.present == true
	some i, st in lib.statements(policy)
	not lib.well_formed_principal_statement(st)
}

unknown contains {"msg": "the resource policy is present but its document is unknown", "path": "attributes.policy.document"} if {
	input.attributes.policy.present == true
	not is_object(lib.attr(["policy", "document"]))
}
