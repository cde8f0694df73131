# METADATA
# title: RDS automatic minor version upgrades are on
# description: >-
#   Minor engine versions carry security fixes; with automatic upgrades they
#   are applied in the maintenance window instead of waiting for someone to
#   notice.
# custom:
#   id: AWS-RDS-003
#   severity: low
#   resource_types: [aws.rds.instance]
#   frameworks:
#     cis-aws-3.0: ["2.3.2"]
#     iso27001-2022: ["A.8.8"]
#     nist-800-53-r5: ["SI-2", "SI-2(2)"]
#     soc2: ["CC7.1"]
#   equivalents:
#     prowler: [rds_instance_minor_version_upgrade_enabled]
#   remediation:
#     console: 'RDS → the instance → Modify → Maintenance → Auto minor version upgrade: Enable.'
#     terraform: 'aws_db_instance { auto_minor_version_upgrade = true }.'
package rampart.aws.rds.minor_upgrades

import data.rampart.lib

deny contains {"msg": sprintf("database %s has automatic minor version upgrades off", [lib.label("db_instance_identifier")]), "path": "attributes.auto_minor_version_upgrade"} if {
	input.attributes.auto_minor_version_upgrade == false
}

unknown contains {"msg": "auto_minor_version_upgrade is unknown", "path": "attributes.auto_minor_version_upgrade"} if {
	not is_boolean(lib.attr("auto_minor_version_upgrade"))
}
