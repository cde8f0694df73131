# METADATA
# title: No queue policy lets everyone in
# description: >-
#   A queue policy statement that allows the principal "*" (or
#   {"AWS": "*"}, or a NotPrincipal) without a condition tying it to an
#   account, organisation, network or source resource lets any AWS identity
#   in the world read, send, purge or delete its messages.
# custom:
#   id: AWS-SQS-001
#   severity: critical
#   resource_types: [aws.sqs.queue]
#   frameworks:
#     iso27001-2022: ["A.5.15", "A.8.3"]
#     nist-800-53-r5: ["AC-3", "AC-6"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [sqs_queues_not_publicly_accessible]
#   remediation:
#     console: 'SQS → Queues → the queue → Access policy → Edit → replace Principal "*" with the accounts, roles or services that send and receive, or add a condition on aws:SourceArn or aws:PrincipalOrgID.'
#     terraform: 'In aws_sqs_queue_policy.policy (or the policy argument of aws_sqs_queue) replace Principal "*" with the sending and receiving principals, or add a condition on aws:SourceArn or aws:PrincipalOrgID.'
package rampart.aws.sqs.not_public

import data.rampart.lib

doc := input.attributes.policy.document

deny contains {"msg": sprintf("the policy of queue %s lets anyone in (statement %d)", [lib.label("name"), i]), "path": sprintf("attributes.policy.document.Statement[%d]", [i])} if {
	input.attributes.policy.present == true
	some i, st in lib.statements(doc)
	lib.public_statement(st)
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
	not lib.well_formed_principal_statement(st)
}

unknown contains {"msg": "the policy document is unknown", "path": "attributes.policy.document"} if {
	input.attributes.policy.present == true
	not is_object(lib.attr(["policy", "document"]))
}
