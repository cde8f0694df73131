# METADATA
# title: Lambda functions keep failed asynchronous events
# description: >-
#   Without a dead-letter queue an asynchronous event that fails every
#   retry is dropped: the work it carried is lost and nobody sees it.
# custom:
#   id: AWS-LAMBDA-007
#   severity: medium
#   resource_types: [aws.lambda.function]
#   frameworks:
#     iso27001-2022: ["A.8.14"]
#     nist-800-53-r5: ["SI-13", "AU-5"]
#     soc2: ["A1.2"]
#   equivalents:
#     prowler: [awslambda_function_no_dead_letter_queue]
#   remediation:
#     console: 'Lambda → the function → Configuration → Asynchronous invocation → Edit → Dead-letter queue service: an SQS queue or SNS topic (the role needs sqs:SendMessage or sns:Publish on it).'
#     terraform: 'aws_lambda_function { dead_letter_config { target_arn = aws_sqs_queue.dlq.arn } }.'
package rampart.aws.lambda.dead_letter

import data.rampart.lib

deny contains {"msg": sprintf("Lambda function %s has no dead-letter queue", [lib.label("function_name")]), "path": "attributes.dead_letter_configured"} if {
	input.attributes.dead_letter_configured == false
}

unknown contains {"msg": "whether the function has a dead-letter queue is unknown", "path": "attributes.dead_letter_configured"} if {
	not is_boolean(lib.attr("dead_letter_configured"))
}
