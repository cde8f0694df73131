# METADATA
# title: No topic policy lets everyone in
# description: >-
#   A topic policy statement that allows the principal "*" (or
#   {"AWS": "*"}, or a NotPrincipal) without a condition tying it to an
#   account, organisation, network or source resource lets any AWS identity
#   in the world publish to the topic, subscribe an endpoint of theirs to it, or change it.
# custom:
#   id: AWS-SNS-001
#   severity: critical
#   resource_types: [aws.sns.topic]
#   frameworks:
#     iso27001-2022: ["A.5.15", "A.8.3"]
#     nist-800-53-r5: ["AC-3", "AC-6"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [sns_topics_not_publicly_accessible]
#   remediation:
#     console: 'SNS → Topics → the topic → Edit → Access policy → replace Principal "*" with the accounts or services that publish and subscribe, or add a condition on aws:SourceOwner, aws:SourceArn or aws:PrincipalOrgID.'
#     terraform: 'In aws_sns_topic_policy.policy (or the policy argument of aws_sns_topic) replace Principal "*" with the publishing accounts or services, or add a condition on aws:SourceArn or aws:PrincipalOrgID.'
package rampart.aws.sns.not_public

import data.rampart.lib

doc := input.attributes.policy.document

deny contains {"msg": sprintf("the policy of topic %s lets anyone in (statement %d)", [lib.label("name"), i]), "path": sprintf("attributes.policy.document.Statement[%d]", [i])} if {
	input.attributes.policy.present == true
	some i, st in lib.statements(doc)
	lib.public_statement(st)
}

unknown contains {"msg": sprintf("the policy of topic %s is unknown", [lib.label("name")]), "path": "attributes.policy"} if {
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
