# METADATA
# title: RDS security group changes and failures are notified in every region
# description: >-
#   Every region has an enabled RDS event subscription for all DB
#   security groups that covers configuration changes and failures (or
#   all categories), so an opened database firewall is noticed.
# custom:
#   id: AWS-RDS-018
#   severity: medium
#   resource_types: [aws.account]
#   frameworks:
#     iso27001-2022: ["A.8.16"]
#     nist-800-53-r5: ["SI-4", "IR-6"]
#     soc2: ["CC7.2"]
#   equivalents:
#     prowler: [rds_instance_event_subscription_security_groups]
#   remediation:
#     console: 'RDS → Event subscriptions → Create event subscription → target an SNS topic someone reads → Source type: Security groups, All security groups, categories configuration change and failure (or all), in every region.'
#     terraform: 'aws_db_event_subscription { source_type = "db-security-group", event_categories = ["configuration change", "failure"], sns_topic = aws_sns_topic.db_events.arn } in each regional provider, without source_ids.'
package rampart.aws.rds.security_group_events

import data.rampart.lib

needed := {"configuration change", "failure"}

deny contains {"msg": sprintf("no enabled RDS event subscription in %s covers every db-security-group source for %s", [region, concat(", ", sort(needed))]), "path": sprintf("attributes.regions.%s.rds_event_subscriptions", [region])} if {
	some region in lib.rds_events_missing("db-security-group", needed)
}

unknown contains p if some p in lib.rds_events_unknown
