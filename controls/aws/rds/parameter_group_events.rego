# METADATA
# title: RDS parameter group changes are notified in every region
# description: >-
#   Every region has an enabled RDS event subscription for all DB
#   parameter groups that covers configuration changes (or all
#   categories): a parameter group change can turn off TLS enforcement or
#   logging for every database that uses it.
# custom:
#   id: AWS-RDS-017
#   severity: medium
#   resource_types: [aws.account]
#   frameworks:
#     iso27001-2022: ["A.8.16"]
#     nist-800-53-r5: ["SI-4", "IR-6"]
#     soc2: ["CC7.2"]
#   equivalents:
#     prowler: [rds_instance_event_subscription_parameter_groups]
#   remediation:
#     console: 'RDS → Event subscriptions → Create event subscription → target an SNS topic someone reads → Source type: Parameter groups, All parameter groups, category configuration change (or all), in every region.'
#     terraform: 'aws_db_event_subscription { source_type = "db-parameter-group", event_categories = ["configuration change"], sns_topic = aws_sns_topic.db_events.arn } in each regional provider, without source_ids.'
package rampart.aws.rds.parameter_group_events

import data.rampart.lib

needed := {"configuration change"}

deny contains {"msg": sprintf("no enabled RDS event subscription in %s covers every db-parameter-group source for %s", [region, concat(", ", sort(needed))]), "path": sprintf("attributes.regions.%s.rds_event_subscriptions", [region])} if {
	some region in lib.rds_events_missing("db-parameter-group", needed)
}

unknown contains p if some p in lib.rds_events_unknown
