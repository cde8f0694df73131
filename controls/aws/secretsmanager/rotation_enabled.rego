# METADATA
# title: Secrets Manager secrets rotate automatically
# description: >-
#   A secret that never rotates stays valid for as long as anyone who ever
#   read it — a former employee, a leaked log, a compromised build — keeps
#   a copy. Automatic rotation (a rotation function on a schedule) bounds
#   how long a stolen value works.
# custom:
#   id: AWS-SM-001
#   severity: high
#   resource_types: [aws.secretsmanager.secret]
#   frameworks:
#     iso27001-2022: ["A.5.17", "A.8.24"]
#     nist-800-53-r5: ["IA-5(1)", "SC-12"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [secretsmanager_automatic_rotation_enabled]
#   remediation:
#     console: 'Secrets Manager → Secrets → the secret → Rotation → Edit rotation → Automatic rotation on, a schedule and a rotation function.'
#     terraform: 'aws_secretsmanager_secret_rotation { secret_id = aws_secretsmanager_secret.x.id, rotation_lambda_arn = ..., rotation_rules { automatically_after_days = 30 } }.'
package rampart.aws.secretsmanager.rotation_enabled

import data.rampart.lib

deny contains {"msg": sprintf("secret %s does not rotate automatically", [lib.label("name")]), "path": "attributes.rotation_enabled"} if {
	input.attributes.rotation_enabled == false
}

unknown contains {"msg": sprintf("whether secret %s rotates is unknown", [lib.label("name")]), "path": "attributes.rotation_enabled"} if {
	not is_boolean(lib.attr("rotation_enabled"))
}
