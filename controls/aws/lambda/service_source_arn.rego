# METADATA
# title: Lambda permissions for AWS services name the source resource
# description: >-
#   A statement that lets an AWS service (S3, SNS, EventBridge, API
#   Gateway …) invoke the function without an aws:SourceArn condition lets
#   that service invoke it on behalf of any resource of any account — a
#   stranger's bucket or topic included (the confused deputy).
# custom:
#   id: AWS-LAMBDA-011
#   severity: high
#   resource_types: [aws.lambda.function]
#   frameworks:
#     iso27001-2022: ["A.5.15", "A.8.3"]
#     nist-800-53-r5: ["AC-3", "AC-6"]
#     soc2: ["CC6.1"]
#   equivalents:
#     trivy: [AVD-AWS-0067]
#   remediation:
#     console: 'Lambda → the function → Configuration → Permissions → Resource-based policy statements → delete the statement and add it again with the Source ARN of the bucket, topic, rule or API that invokes the function.'
#     terraform: 'aws_lambda_permission { principal = "s3.amazonaws.com", source_arn = aws_s3_bucket.uploads.arn }.'
package rampart.aws.lambda.service_source_arn

import data.rampart.lib

policy := input.attributes.policy.document

source_arn_operators := {"arnlike", "arnequals", "stringequals", "stringlike"}

has_source_arn(st) if {
	some op, block in st.Condition
	lower(op) in source_arn_operators
	some key, values in block
	lower(key) == "aws:sourcearn"
	vals := lib.string_list(values)
	every v in vals {
		v != "*"
	}
}

deny contains {"msg": sprintf("the resource policy of Lambda function %s lets %s invoke it from any source (statement %d has no aws:SourceArn)", [lib.label("function_name"), concat(", ", sort(lib.service_principals(st))), i]), "path": sprintf("attributes.policy.document.Statement[%d]", [i])} if {
	input.attributes.policy.present == true
	some i, st in lib.statements(policy)
	st.Effect == "Allow"
	count(lib.service_principals(st)) > 0
	not has_source_arn(st)
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
