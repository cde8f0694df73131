# METADATA
# title: No secrets in Lambda environment variables
# description: >-
#   An environment variable whose value has the shape of a credential (an
#   AWS key pair, a GitHub or Slack token, a private key, a password in a
#   URL) is readable by everyone who may read the function's configuration
#   and ends up in deployment tooling. Keep secrets in Secrets Manager or
#   SSM Parameter Store and read them at run time. The collector never
#   stores the values, only which variables hold a secret shape.
# custom:
#   id: AWS-LAMBDA-003
#   severity: critical
#   resource_types: [aws.lambda.function]
#   frameworks:
#     iso27001-2022: ["A.5.17", "A.8.12"]
#     nist-800-53-r5: ["IA-5(7)", "SC-28"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [awslambda_function_no_secrets_in_variables]
#   remediation:
#     console: 'Lambda → the function → Configuration → Environment variables → remove the secret, rotate it (it has been exposed), store it in Secrets Manager and read it in the code (or with the Parameters and Secrets Lambda extension).'
#     terraform: 'Remove the secret from environment { variables = {...} }; pass the ARN of an aws_secretsmanager_secret instead and grant secretsmanager:GetSecretValue to the function role.'
package rampart.aws.lambda.no_secrets_env

import data.rampart.lib

deny contains {"msg": sprintf("environment variable %s of Lambda function %s holds a secret (%s)", [v.name, lib.label("function_name"), concat(", ", v.kinds)]), "path": sprintf("attributes.environment_secret_like[%d]", [i])} if {
	some i, v in input.attributes.environment_secret_like
	is_string(v.name)
	is_array(v.kinds)
}

unknown contains {"msg": "whether the function's environment holds secrets is unknown", "path": "attributes.environment_secret_like"} if {
	not is_array(lib.attr("environment_secret_like"))
}

unknown contains {"msg": sprintf("entry %d of the secret-like variables is unreadable", [i]), "path": sprintf("attributes.environment_secret_like[%d]", [i])} if {
	some i, v in input.attributes.environment_secret_like
	not is_string(object.get(v, "name", null))
}

unknown contains {"msg": sprintf("entry %d of the secret-like variables has no kinds", [i]), "path": sprintf("attributes.environment_secret_like[%d].kinds", [i])} if {
	some i, v in input.attributes.environment_secret_like
	not is_array(object.get(v, "kinds", null))
}
