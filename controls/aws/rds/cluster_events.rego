# METADATA
# title: RDS cluster failures and maintenance are notified in every region
# description: >-
#   Every region has an enabled RDS event subscription for all DB
#   clusters that covers the failure and maintenance categories (or all
#   categories), so a cluster failover or forced maintenance reaches
#   someone. A subscription limited to some clusters does not count.
# custom:
#   id: AWS-RDS-016
#   severity: medium
#   resource_types: [aws.account]
#   frameworks:
#     iso27001-2022: ["A.8.16"]
#     nist-800-53-r5: ["SI-4", "IR-6"]
#     soc2: ["CC7.2"]
#   equivalents:
#     prowler: [rds_cluster_critical_event_subscription]
#   remediation:
#     console: 'RDS → Event subscriptions → Create event subscription → target an SNS topic someone reads → Source type: Clusters, All clusters, categories failure and maintenance (or all), in every region.'
#     terraform: 'aws_db_event_subscription { source_type = "db-cluster", event_categories = ["failure", "maintenance"], sns_topic = aws_sns_topic.db_events.arn } in each regional provider, without source_ids.'
package rampart.aws.rds.cluster_events

import data.rampart.lib

needed := {"failure", "maintenance"}

deny contains {"msg": sprintf("no enabled RDS event subscription in %s covers every db-cluster source for %s", [region, concat(", ", sort(needed))]), "path": sprintf("attributes.regions.%s.rds_event_subscriptions", [region])} if {
	some region in lib.rds_events_missing("db-cluster", needed)
}

unknown contains p if some p in lib.rds_events_unknown
