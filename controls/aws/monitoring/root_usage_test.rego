package rampart.aws.monitoring.root_usage_test

import data.rampart.aws.monitoring.root_usage as c

# the CIS 4.3 pattern as CIS documents it, and reformatted
cis_pattern := "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }"

reformatted := "{$.userIdentity.type=\"Root\" && $.userIdentity.invokedByNOTEXISTS && $.eventType!=\"AwsServiceEvent\"}"

group := "arn:aws:logs:us-east-1:111122223333:log-group:cloudtrail:*"

trail := {"type": "aws.cloudtrail.trail", "id": "arn:aws:cloudtrail:us-east-1:111122223333:trail/main", "scope": {"platform": "aws", "account_id": "111122223333", "region": "us-east-1"}, "attributes": {"name": "main", "is_multi_region_trail": true, "is_logging": true, "cloud_watch_logs_log_group_arn": group}}

filter(pattern) := {"type": "aws.logs.metric_filter", "id": "arn:aws:logs:us-east-1:111122223333:log-group:cloudtrail:metric-filter:CIS-4_3", "scope": {"platform": "aws", "account_id": "111122223333", "region": "us-east-1"}, "attributes": {"filter_name": "CIS-4_3", "log_group_name": "cloudtrail", "filter_pattern": pattern, "metric_transformations": [{"metric_name": "CIS-4_3", "metric_namespace": "CISBenchmark", "metric_value": "1"}]}}

alarm(enabled) := {"type": "aws.cloudwatch.alarm", "id": "arn:aws:cloudwatch:us-east-1:111122223333:alarm:CIS-4_3", "scope": {"platform": "aws", "account_id": "111122223333", "region": "us-east-1"}, "attributes": {"alarm_name": "CIS-4_3", "metric_name": "CIS-4_3", "namespace": "CISBenchmark", "actions_enabled": enabled, "alarm_actions": ["arn:aws:sns:us-east-1:111122223333:security-alerts"]}}

subscription(confirmed) := {"type": "aws.sns.subscription", "id": "arn:aws:sns:us-east-1:111122223333:security-alerts:1", "scope": {"platform": "aws", "account_id": "111122223333", "region": "us-east-1"}, "attributes": {"topic_arn": "arn:aws:sns:us-east-1:111122223333:security-alerts", "protocol": "email", "confirmed": confirmed}}

account(trails, filters, alarms, subs) := {"type": "aws.account", "id": "arn:aws:iam::111122223333:root", "scope": {"platform": "aws", "account_id": "111122223333"}, "attributes": {"account_id": "111122223333"}, "related": {"trails": trails, "metric_filters": filters, "alarms": alarms, "subscriptions": subs}}

test_pass_complete_chain if {
	every p in [cis_pattern, reformatted] {
		inp := account([trail], [filter(p)], [alarm(true)], [subscription(true)])
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 0 with input as inp
	}
}

test_fail_pattern_lacks_a_key_term if {
	inp := account([trail], [filter("($.userIdentity.type = \"Root\") && ($.userIdentity.invokedBy NOT EXISTS)")], [alarm(true)], [subscription(true)])
	count(c.deny) == 1 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_absence_no_filter if {
	inp := account([trail], [], [alarm(true)], [subscription(true)])
	count(c.deny) == 1 with input as inp
}

test_fail_absence_no_trail if {
	c.deny == {{"msg": "CIS 4.3: no multi-region trail of account 111122223333 that is logging delivers to CloudWatch Logs", "path": "related.metric_filters"}} with input as account([], [], [], [])
}

test_fail_alarm_disabled_or_unsubscribed if {
	count(c.deny) == 1 with input as account([trail], [filter(cis_pattern)], [alarm(false)], [subscription(true)])
	count(c.deny) == 1 with input as account([trail], [filter(cis_pattern)], [alarm(true)], [subscription(false)])
	count(c.deny) == 1 with input as account([trail], [filter(cis_pattern)], [alarm(true)], [])
}

test_unknown_link_unreadable if {
	every inp in [
		account([trail], [filter(null)], [alarm(true)], [subscription(true)]),
		account([trail], [filter(cis_pattern)], [alarm("true")], [subscription(true)]),
		account([trail], [filter(cis_pattern)], [alarm(true)], [subscription(null)]),
		account([object.remove(trail, ["attributes"])], [], [], []),
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) >= 1 with input as inp
	}
}

test_unknown_not_given if {
	count(c.deny) == 0 with input as {"attributes": {"account_id": "111122223333"}}
	count(c.unknown) >= 1 with input as {"attributes": {"account_id": "111122223333"}}
}
