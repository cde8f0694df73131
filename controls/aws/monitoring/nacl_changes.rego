# METADATA
# title: Network ACL changes are alarmed on
# description: >-
#   CIS 4.11. A changed network ACL can open whole subnets to traffic the security groups were never meant to face alone. The account passes when a multi-region trail that is
#   logging delivers to a CloudWatch Logs log group with a metric filter
#   whose pattern has every key term of the CIS pattern, an alarm with
#   actions enabled watches the filter's metric, and the alarm notifies an
#   SNS topic with a confirmed subscription (rampart.lib
#   monitoring_chain; docs/controls.md "The CIS 4.x monitoring chain").
#   A missing link fails; a link that could not be read is not_evaluated.
# custom:
#   id: AWS-CW-011
#   severity: medium
#   resource_types: [aws.account]
#   related:
#     trails: {type: aws.cloudtrail.trail, join: account}
#     metric_filters: {type: aws.logs.metric_filter, join: account}
#     alarms: {type: aws.cloudwatch.alarm, join: account}
#     subscriptions: {type: aws.sns.subscription, join: account}
#   frameworks:
#     cis-aws-3.0: ["4.11"]
#     iso27001-2022: ["A.8.15", "A.8.16"]
#     nist-800-53-r5: ["AU-6", "SI-4(2)"]
#     soc2: ["CC7.2", "CC7.3"]
#   equivalents:
#     prowler: [cloudwatch_changes_to_network_acls_alarm_configured]
#     trivy: [AVD-AWS-0157]
#   remediation:
#     console: 'CloudWatch → Log groups → the multi-region trail''s log group → Metric filters → Create metric filter with the pattern { ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }; then Create alarm on its metric (threshold >= 1) notifying an SNS topic, and confirm a subscription to the topic.'
#     terraform: 'aws_cloudwatch_log_metric_filter { log_group_name = <the trail''s log group>, pattern = <the CIS 4.11 pattern>, metric_transformation { name, namespace, value = "1" } }, aws_cloudwatch_metric_alarm on that metric with alarm_actions = [aws_sns_topic.security.arn], and an aws_sns_topic_subscription.'
package rampart.aws.monitoring.nacl_changes

import data.rampart.lib

# The key terms of the CIS 4.11 pattern:
# { ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }
terms := [
	"$.eventName = CreateNetworkAcl",
	"$.eventName = CreateNetworkAclEntry",
	"$.eventName = DeleteNetworkAcl",
	"$.eventName = DeleteNetworkAclEntry",
	"$.eventName = ReplaceNetworkAclEntry",
	"$.eventName = ReplaceNetworkAclAssociation",
]

chain := lib.monitoring_chain(input, "4.11", terms)

deny contains {"msg": msg, "path": "related.metric_filters"} if {
	is_array(object.get(input, ["related", "trails"], null))
	is_array(object.get(input, ["related", "metric_filters"], null))
	is_array(object.get(input, ["related", "alarms"], null))
	is_array(object.get(input, ["related", "subscriptions"], null))
	some msg in chain.deny
}

unknown contains {"msg": msg, "path": "related"} if {
	some msg in chain.unknown
}

unknown contains {"msg": "the account's monitoring chain was not given to the control (input.related)", "path": "related"} if {
	not is_array(object.get(input, ["related", "trails"], null))
}

unknown contains {"msg": "the account's metric filters were not given to the control", "path": "related.metric_filters"} if {
	not is_array(object.get(input, ["related", "metric_filters"], null))
}

unknown contains {"msg": "the account's alarms were not given to the control", "path": "related.alarms"} if {
	not is_array(object.get(input, ["related", "alarms"], null))
}

unknown contains {"msg": "the account's SNS subscriptions were not given to the control", "path": "related.subscriptions"} if {
	not is_array(object.get(input, ["related", "subscriptions"], null))
}
