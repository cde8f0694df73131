# METADATA
# title: Every data store is in a backup plan
# description: >-
#   RDS databases, Aurora and Multi-AZ DB clusters, EBS volumes, DynamoDB
#   tables and EFS file systems are assigned to an AWS Backup plan, so
#   every one of them is backed up on a schedule, kept for the plan's
#   retention and restorable — whatever the system it serves, since a data
#   store nobody claimed is often one nobody remembers until it is lost.
#   Membership is decided as in AWS-BK-007 (which holds confidential and
#   restricted systems to it at high severity): an ARN or ARN pattern in a
#   backup selection of the store's region, not taken out by its
#   not_resources; a selection by tag or condition that might assign it is
#   not_evaluated. Cluster members are judged on their cluster.
# custom:
#   id: AWS-BK-008
#   severity: medium
#   resource_types: [aws.rds.instance, aws.rds.cluster, aws.ec2.volume, aws.dynamodb.table, aws.efs.file_system]
#   related:
#     selections: {type: aws.backup.selection, join: region}
#   frameworks:
#     iso27001-2022: ["A.8.13"]
#     nist-800-53-r5: ["CP-9"]
#     soc2: ["A1.2"]
#   equivalents:
#     prowler: [rds_instance_protected_by_backup_plan, rds_cluster_protected_by_backup_plan, ec2_ebs_volume_protected_by_backup_plan, dynamodb_table_protected_by_backup_plan]
#   remediation:
#     console: 'AWS Backup → Backup plans → the plan → Resource assignments → Assign resources → include the data store by its ID (or its resource type).'
#     terraform: 'aws_backup_selection { plan_id = aws_backup_plan.<plan>.id, resources = [<data store>.arn, ...] } naming the data store.'
package rampart.aws.backup.in_plan

import data.rampart.lib

selections := object.get(input, ["related", "selections"], null)

# A DB instance is judged only when it is known to be stand-alone: a
# cluster member is backed up with its cluster, and an instance whose
# membership is unknown is reported by the unknown rule below.
applies if input.type != "aws.rds.instance"

applies if {
	input.type == "aws.rds.instance"
	lib.rds_standalone
}

deny contains {"msg": sprintf("%s %s is in no backup plan", [input.type, input.id]), "path": "related.selections"} if {
	applies
	is_array(selections)
	lib.backup_membership(input, selections) == "none"
}

unknown contains {"msg": sprintf("whether %s is in a backup plan is unknown: a selection of its region assigns by tag or condition, or is unreadable, and resource tags are not collected", [input.id]), "path": "related.selections"} if {
	applies
	is_array(selections)
	lib.backup_membership(input, selections) == "unknown"
}

unknown contains {"msg": "the backup selections of the region were not given to the control", "path": "related.selections"} if {
	not is_array(selections)
}

unknown contains {"msg": sprintf("whether %s belongs to a DB cluster is unknown", [input.id]), "path": "attributes.db_cluster_identifier"} if {
	lib.rds_membership_unknown
}
