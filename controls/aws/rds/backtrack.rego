# METADATA
# title: Aurora MySQL clusters can be rewound with Backtrack
# description: >-
#   An Aurora MySQL cluster has a Backtrack window above 0, so a destructive
#   statement or a bad deployment can be undone in minutes, in place,
#   without restoring a snapshot into a new cluster. Backtrack exists only
#   for Aurora MySQL; other engines are not judged.
# custom:
#   id: AWS-RDS-011
#   severity: low
#   resource_types: [aws.rds.cluster]
#   frameworks:
#     iso27001-2022: ["A.8.13"]
#     nist-800-53-r5: ["CP-10"]
#     soc2: ["A1.2"]
#   equivalents:
#     prowler: [rds_cluster_backtrack_enabled]
#   remediation:
#     console: 'RDS → the Aurora MySQL cluster → Modify → Backtrack → Enable, target window e.g. 24 hours → apply.'
#     terraform: 'aws_rds_cluster { backtrack_window = 86400 } (seconds, at most 72 hours).'
package rampart.aws.rds.backtrack

import data.rampart.lib

deny contains {"msg": sprintf("Aurora MySQL cluster %s has Backtrack off", [lib.rds_name]), "path": "attributes.backtrack_window"} if {
	input.attributes.engine == "aurora-mysql"
	input.attributes.backtrack_window == 0
}

unknown contains {"msg": "the engine is unknown", "path": "attributes.engine"} if {
	not is_string(lib.attr("engine"))
}

unknown contains {"msg": "backtrack_window is unknown", "path": "attributes.backtrack_window"} if {
	lib.attr("engine") == "aurora-mysql"
	not is_number(lib.attr("backtrack_window"))
}
