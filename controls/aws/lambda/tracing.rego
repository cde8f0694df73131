# METADATA
# title: Lambda functions trace requests with X-Ray
# description: >-
#   Active tracing records every invocation's path through AWS services,
#   which is what an investigation of an abused function follows.
# custom:
#   id: AWS-LAMBDA-005
#   severity: low
#   resource_types: [aws.lambda.function]
#   frameworks:
#     iso27001-2022: ["A.8.15", "A.8.16"]
#     nist-800-53-r5: ["AU-12", "SI-4"]
#     soc2: ["CC7.2"]
#   equivalents:
#     trivy: [AVD-AWS-0066]
#   remediation:
#     console: 'Lambda → the function → Configuration → Monitoring and operations tools → Edit → AWS X-Ray Active tracing (the role needs xray:PutTraceSegments).'
#     terraform: 'aws_lambda_function { tracing_config { mode = "Active" } }.'
package rampart.aws.lambda.tracing

import data.rampart.lib

deny contains {"msg": sprintf("Lambda function %s does not trace requests (tracing mode %s)", [lib.label("function_name"), input.attributes.tracing_mode]), "path": "attributes.tracing_mode"} if {
	is_string(input.attributes.tracing_mode)
	input.attributes.tracing_mode != "Active"
}

unknown contains {"msg": "the function's tracing mode is unknown", "path": "attributes.tracing_mode"} if {
	not is_string(lib.attr("tracing_mode"))
}
