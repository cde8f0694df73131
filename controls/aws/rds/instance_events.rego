# METADATA
# title: RDS instance failures, maintenance and configuration changes are notified in every region
# description: >-
#   Every region has an enabled RDS event subscription for all DB
#   instances that covers the failure, maintenance and configuration
#   change categories (or all categories), so an outage, a forced
#   maintenance or a change to a database reaches someone. A subscription
#   limited to some instances does not count.
# custom:
#   id: AWS-RDS-015
#   severity: medium
#   resource_types: [aws.account]
#   frameworks:
#     iso27001-2022: ["A.8.16"]
#     nist-800-53-r5: ["SI-4", "IR-6"]
#     soc2: ["CC7.2"]
#   equivalents:
#     prowler: [rds_instance_critical_event_subscription]
#   remediation:
#     console: 'RDS → Event subscriptions → Create event subscription → target an SNS topic someone reads → Source type: Instances, All instances, categories failure, maintenance and configuration change (or all), in every region.'
#     terraform: 'aws_db_event_subscription { source_type = "db-instance", event_categories = ["failure", "maintenance", "configuration change"], sns_topic = aws_sns_topic.db_events.arn } in each regional provider, without source_ids.'
package rampart.aws.rds.instance_events

import data.rampart.lib

needed := {"failure", "maintenance", "configuration change"}

deny contains {"msg": sprintf("no enabled RDS event subscription in %s covers every db-instance source for %s", [region, concat(", ", sort(needed))]), "path": sprintf("attributes.regions.%s.rds_event_subscriptions", [region])} if {
	some region in lib.rds_events_missing("db-instance", needed)
}

unknown contains p if some p in lib.rds_events_unknown
