# METADATA
# title: RDS instances are not publicly accessible
# description: >-
#   A publicly accessible instance has an address reachable from the internet,
#   one security-group rule away from exposing the database to password
#   guessing.
# custom:
#   id: AWS-RDS-002
#   severity: critical
#   resource_types: [aws.rds.instance]
#   frameworks:
#     cis-aws-3.0: ["2.3.3"]
#     iso27001-2022: ["A.8.20", "A.8.22"]
#     nist-800-53-r5: ["AC-4", "SC-7"]
#     soc2: ["CC6.6"]
#   equivalents:
#     prowler: [rds_instance_no_public_access]
#     trivy: [AVD-AWS-0180]
#   remediation:
#     console: 'RDS → the instance → Modify → Connectivity → Public access: Not publicly accessible → apply.'
#     terraform: 'aws_db_instance { publicly_accessible = false }.'
package rampart.aws.rds.not_public

import data.rampart.lib

deny contains {"msg": sprintf("database %s is publicly accessible", [lib.label("db_instance_identifier")]), "path": "attributes.publicly_accessible"} if {
	input.attributes.publicly_accessible == true
}

unknown contains {"msg": "publicly_accessible is unknown", "path": "attributes.publicly_accessible"} if {
	not is_boolean(lib.attr("publicly_accessible"))
}
