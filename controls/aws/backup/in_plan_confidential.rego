# METADATA
# title: Data stores of confidential and restricted systems are in a backup plan
# description: >-
#   A database, volume, table or file system holding confidential or
#   restricted data must be assigned to an AWS Backup plan, so it is backed
#   up on a schedule into a vault, kept for the plan's retention and can be
#   restored after a mistaken delete, corruption or ransomware. Membership
#   is read from the backup selections of the data store's region: an ARN
#   or ARN pattern in a selection's resources (not taken out by its
#   not_resources). Resource tags are not collected, so a selection by tag
#   or under conditions that might assign the store leaves it
#   not_evaluated, never a pass. Data stores of other systems, and of none,
#   are out of this control's scope (they pass here; AWS-BK-008 judges
#   every data store). Members of an Aurora or Multi-AZ DB cluster are
#   backed up with their cluster and are judged there.
# custom:
#   id: AWS-BK-007
#   severity: high
#   resource_types: [aws.rds.instance, aws.rds.cluster, aws.ec2.volume, aws.dynamodb.table, aws.efs.file_system]
#   related:
#     selections: {type: aws.backup.selection, join: region}
#   frameworks:
#     iso27001-2022: ["A.8.13", "A.5.30"]
#     nist-800-53-r5: ["CP-9", "CP-10"]
#     soc2: ["A1.2", "CC9.1"]
#   equivalents: {}
#   remediation:
#     console: 'AWS Backup → Backup plans → the plan → Resource assignments → Assign resources → include the data store by its ID (or its resource type).'
#     terraform: 'aws_backup_selection { plan_id = aws_backup_plan.<plan>.id, resources = [<data store>.arn, ...] } naming the data store.'
package rampart.aws.backup.in_plan_confidential

import data.rampart.lib

selections := object.get(input, ["related", "selections"], null)

in_scope if {
	lib.confidential(input)
	applies
}

# A DB instance is judged only when it is known to be stand-alone: a
# cluster member is backed up with its cluster, and an instance whose
# membership is unknown is reported by the unknown rule below.
applies if input.type != "aws.rds.instance"

applies if {
	input.type == "aws.rds.instance"
	lib.rds_standalone
}

deny contains {"msg": sprintf("%s %s of %s system %s is in no backup plan", [input.type, input.id, input.system.classification, input.system.id]), "path": "related.selections"} if {
	in_scope
	is_array(selections)
	lib.backup_membership(input, selections) == "none"
}

unknown contains {"msg": sprintf("whether %s is in a backup plan is unknown: a selection of its region assigns by tag or condition, or is unreadable, and resource tags are not collected", [input.id]), "path": "related.selections"} if {
	in_scope
	is_array(selections)
	lib.backup_membership(input, selections) == "unknown"
}

unknown contains {"msg": "the backup selections of the region were not given to the control", "path": "related.selections"} if {
	lib.confidential(input)
	not is_array(selections)
}

unknown contains {"msg": sprintf("whether %s belongs to a DB cluster is unknown", [input.id]), "path": "attributes.db_cluster_identifier"} if {
	lib.confidential(input)
	lib.rds_membership_unknown
}

unknown contains {"msg": sprintf("the DB cluster of %s is not a name", [input.id]), "path": "attributes.db_cluster_identifier"} if {
	lib.confidential(input)
	input.type == "aws.rds.instance"
	"db_cluster_identifier" in object.keys(input.attributes)
	not is_string(lib.attr("db_cluster_identifier"))
}
