# METADATA
# title: SQS queue policies allow named actions, not every action
# description: >-
#   An Allow statement of a queue policy with the action "*" or "sqs:*"
#   hands its principals every queue action there is, today's and future
#   ones: besides sending and receiving, purging the queue, deleting it
#   and rewriting its policy. Name the actions the principals need.
# custom:
#   id: AWS-SQS-004
#   severity: high
#   resource_types: [aws.sqs.queue]
#   frameworks:
#     iso27001-2022: ["A.5.15", "A.8.2"]
#     nist-800-53-r5: ["AC-6"]
#     soc2: ["CC6.3"]
#   equivalents:
#     trivy: [AVD-AWS-0097]
#   remediation:
#     console: 'SQS → Queues → the queue → Access policy → Edit → replace "sqs:*" with the actions the principal needs (sqs:SendMessage, sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes).'
#     terraform: 'In aws_sqs_queue_policy.policy list the actions (sqs:SendMessage, sqs:ReceiveMessage …) instead of "sqs:*" or "*".'
package rampart.aws.sqs.no_wildcard_actions

import data.rampart.lib

doc := input.attributes.policy.document

wildcard(a) if lower(a) in {"*", "sqs:*"}

deny contains {"msg": sprintf("the policy of queue %s allows every action (%s, statement %d)", [lib.label("name"), a, i]), "path": sprintf("attributes.policy.document.Statement[%d].Action", [i])} if {
	input.attributes.policy.present == true
	some i, st in lib.statements(doc)
	st.Effect == "Allow"
	some a in lib.string_list(st.Action)
	wildcard(a)
}

unknown contains {"msg": sprintf("the policy of queue %s is unknown", [lib.label("name")]), "path": "attributes.policy"} if {
	not is_boolean(lib.attr(["policy", "present"]))
}

unknown contains {"msg": "the policy has no readable Statement", "path": "attributes.policy.document.Statement"} if {
	input.attributes.policy.present == true
	not lib.statements(doc)
}

unknown contains {"msg": sprintf("statement %d of the policy is unreadable", [i]), "path": sprintf("attributes.policy.document.Statement[%d]", [i])} if {
	input.attributes.policy.present == true
	some i, st in lib.statements(doc)
	not lib.well_formed_statement(st)
}

unknown contains {"msg": "the policy document is unknown", "path": "attributes.policy.document"} if {
	input.attributes.policy.present == true
	not is_object(lib.attr(["policy", "document"]))
}
