# METADATA
# title: Lambda environment variables are encrypted with a customer key
# description: >-
#   With Lambda's AWS-managed key everyone allowed to read the function's
#   configuration reads its environment too; a customer-managed KMS key
#   lets the key policy decide who may decrypt it, and CloudTrail records
#   every use. A function without environment variables passes.
# custom:
#   id: AWS-LAMBDA-009
#   severity: medium
#   resource_types: [aws.lambda.function]
#   frameworks:
#     iso27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12", "SC-28"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [awslambda_function_env_vars_not_encrypted_with_cmk]
#   remediation:
#     console: 'Lambda → the function → Configuration → Environment variables → Edit → Encryption configuration → Use a customer master key → the KMS key.'
#     terraform: 'aws_lambda_function { kms_key_arn = aws_kms_key.lambda.arn }.'
package rampart.aws.lambda.env_cmk

import data.rampart.lib

deny contains {"msg": sprintf("the environment variables of Lambda function %s are encrypted with Lambda's AWS-managed key", [lib.label("function_name")]), "path": "attributes.kms_key_arn"} if {
	count(input.attributes.environment_variables) > 0
	input.attributes.kms_key_arn == ""
}

unknown contains {"msg": "the function's environment variables are unknown", "path": "attributes.environment_variables"} if {
	not is_array(lib.attr("environment_variables"))
}

unknown contains {"msg": "the key of the function's environment is unknown", "path": "attributes.kms_key_arn"} if {
	not is_string(lib.attr("kms_key_arn"))
}
