package rampart.lib_test

import data.rampart.lib

# ---- patterns -----------------------------------------------------------

test_pattern_terms_normalised if {
	terms := ["$.errorCode = \"*UnauthorizedOperation\"", "$.errorCode = \"AccessDenied*\""]
	lib.pattern_matches("{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\") }", terms)
	lib.pattern_matches("{($.errorCode=\"*UnauthorizedOperation\")||\n  ($.errorCode=\"AccessDenied*\")}", terms)
	lib.pattern_matches("{ ($.errorCode = *UnauthorizedOperation) || ($.errorCode = AccessDenied*) }", terms)
	not lib.pattern_matches("{ ($.errorCode = \"*UnauthorizedOperation\") }", terms)
	not lib.pattern_matches("{ ($.errorCode != \"AccessDenied*\") || ($.errorCode = \"*UnauthorizedOperation\") }", terms)
	lib.missing_terms("{ ($.errorCode = \"*UnauthorizedOperation\") }", terms) == ["$.errorCode = \"AccessDenied*\""]
}

test_pattern_term_is_not_a_prefix_of_another_name if {
	# CreatePolicy must not be found inside CreatePolicyVersion
	not lib.pattern_has_term("{ ($.eventName = CreatePolicyVersion) }", "$.eventName = CreatePolicy")
	lib.pattern_has_term("{ ($.eventName = CreatePolicyVersion) || ($.eventName = CreatePolicy) }", "$.eventName = CreatePolicy")
	lib.pattern_has_term("$.eventName = CreatePolicy", "$.eventName = CreatePolicy")
	lib.pattern_has_term("{$.eventName = CreatePolicy}", "$.eventName = CreatePolicy")
	lib.pattern_has_term("$.eventName = CreatePolicy && $.x = 1", "$.eventName = CreatePolicy")
}

test_pattern_not_a_string if {
	every p in [null, 1, ["x"], {}] {
		not lib.pattern_matches(p, ["$.a = b"])
	}

	# "" matches every event, but not the CIS terms
	not lib.pattern_matches("", ["$.a = b"])
}

test_log_group_arn if {
	lib.log_group("arn:aws:logs:eu-west-1:111122223333:log-group:aws-cloudtrail-logs:*") == {"region": "eu-west-1", "account": "111122223333", "name": "aws-cloudtrail-logs"}
	lib.log_group("arn:aws:logs:eu-west-1:111122223333:log-group:/org/trail") == {"region": "eu-west-1", "account": "111122223333", "name": "/org/trail"}
	every a in ["", "cloudtrail", "arn:aws:s3:::bucket", "arn:aws:logs:eu-west-1:111122223333:log-group::*", null, 3] {
		not lib.log_group(a)
	}
}

# ---- the chain ----------------------------------------------------------

scope(region) := {"platform": "aws", "account_id": "111122223333", "region": region}

mtrail(attrs) := {"id": "trail/main", "scope": scope("eu-west-1"), "attributes": attrs}

good_trail := mtrail({"is_multi_region_trail": true, "is_logging": true, "cloud_watch_logs_log_group_arn": "arn:aws:logs:eu-west-1:111122223333:log-group:ct:*"})

mfilter(region, group, pattern) := {"id": sprintf("filter/%s/%s", [region, group]), "scope": scope(region), "attributes": {"filter_name": "root", "log_group_name": group, "filter_pattern": pattern, "metric_transformations": [{"metric_name": "RootUse", "metric_namespace": "CIS", "metric_value": "1"}]}}

malarm(region, metric, actions) := {"id": sprintf("alarm/%s/%s", [region, metric]), "scope": scope(region), "attributes": {"alarm_name": "root-use", "metric_name": metric, "namespace": "CIS", "actions_enabled": true, "alarm_actions": actions}}

topic := "arn:aws:sns:eu-west-1:111122223333:alerts"

msub(t, confirmed) := {"id": sprintf("%s:sub", [t]), "scope": scope("eu-west-1"), "attributes": {"topic_arn": t, "protocol": "email", "confirmed": confirmed}}

terms := ["$.userIdentity.type = \"Root\""]

pattern := "{ $.userIdentity.type = \"Root\" }"

macct(trails, filters, alarms, subs) := {"id": "arn:aws:iam::111122223333:root", "scope": {"platform": "aws", "account_id": "111122223333"}, "attributes": {"account_id": "111122223333"}, "related": {"trails": trails, "metric_filters": filters, "alarms": alarms, "subscriptions": subs}}

chain(inp) := lib.monitoring_chain(inp, "4.3", terms)

test_chain_complete if {
	chain(macct([good_trail], [mfilter("eu-west-1", "ct", pattern)], [malarm("eu-west-1", "RootUse", [topic])], [msub(topic, true)])) == {"deny": set(), "unknown": set()}
}

test_chain_each_missing_link_fails if {
	chain(macct([], [], [], [])).deny == {"CIS 4.3: no multi-region trail of account 111122223333 that is logging delivers to CloudWatch Logs"}
	chain(macct([mtrail({"is_multi_region_trail": true, "is_logging": true})], [], [], [])).deny == {"CIS 4.3: no multi-region trail of account 111122223333 that is logging delivers to CloudWatch Logs"}
	chain(macct([good_trail], [mfilter("eu-west-1", "ct", "{ $.eventName = ConsoleLogin }")], [], [])).deny == {"CIS 4.3: no metric filter on log group ct matches the pattern (required terms: $.userIdentity.type = \"Root\")"}

	# a filter on another group, or the same group name in another region
	chain(macct([good_trail], [mfilter("eu-west-1", "other", pattern), mfilter("us-east-1", "ct", pattern)], [], [])).deny == {"CIS 4.3: no metric filter on log group ct matches the pattern (required terms: $.userIdentity.type = \"Root\")"}

	# an alarm on another metric, or in another region
	chain(macct([good_trail], [mfilter("eu-west-1", "ct", pattern)], [malarm("eu-west-1", "Other", [topic]), malarm("us-east-1", "RootUse", [topic])], [])).deny == {"CIS 4.3: no alarm with actions enabled watches the metric of filter root"}
	chain(macct([good_trail], [mfilter("eu-west-1", "ct", pattern)], [malarm("eu-west-1", "RootUse", ["arn:aws:automate:eu-west-1:ec2:stop"])], [])).deny == {"CIS 4.3: alarm root-use notifies no SNS topic"}
	chain(macct([good_trail], [mfilter("eu-west-1", "ct", pattern)], [malarm("eu-west-1", "RootUse", [topic])], [msub(topic, false), msub("arn:aws:sns:eu-west-1:111122223333:other", true)])).deny == {"CIS 4.3: SNS topic arn:aws:sns:eu-west-1:111122223333:alerts of the alarm has no confirmed subscription"}
}

test_chain_metric_math_alarm_does_not_count if {
	a := {"id": "alarm/math", "scope": scope("eu-west-1"), "attributes": {"alarm_name": "math", "actions_enabled": true, "alarm_actions": [topic]}}
	chain(macct([good_trail], [mfilter("eu-west-1", "ct", pattern)], [a], [msub(topic, true)])).deny == {"CIS 4.3: no alarm with actions enabled watches the metric of filter root"}
}

test_chain_one_complete_chain_wins if {
	broken := mtrail({"is_multi_region_trail": true})
	r := chain(macct([broken, good_trail], [mfilter("eu-west-1", "ct", pattern), mfilter("eu-west-1", "ct", null)], [malarm("eu-west-1", "RootUse", [topic])], [msub(topic, true), {"id": "s", "attributes": {}}]))
	r == {"deny": set(), "unknown": set()}
}

test_chain_unknown_links if {
	some_unknown := [
		# a trail that might deliver
		macct([{"id": "t", "attributes": {"is_multi_region_trail": true, "is_logging": true}, "unknown": {"cloud_watch_logs_log_group_arn": "AccessDenied"}}], [], [], []),
		macct([mtrail({"is_multi_region_trail": "yes", "is_logging": true, "cloud_watch_logs_log_group_arn": "arn:aws:logs:eu-west-1:111122223333:log-group:ct:*"})], [], [], []),
		macct([mtrail({"is_multi_region_trail": true, "is_logging": true, "cloud_watch_logs_log_group_arn": "not an arn"})], [], [], []),
		# the log group in another account
		macct([mtrail({"is_multi_region_trail": true, "is_logging": true, "cloud_watch_logs_log_group_arn": "arn:aws:logs:eu-west-1:999988887777:log-group:ct:*"})], [], [], []),
		# a filter whose group, pattern or metrics are unreadable
		macct([good_trail], [{"id": "f", "scope": scope("eu-west-1"), "attributes": {"filter_pattern": pattern}}], [], []),
		macct([good_trail], [mfilter("eu-west-1", "ct", 7)], [], []),
		macct([good_trail], [object.union(mfilter("eu-west-1", "ct", pattern), {"attributes": {"metric_transformations": [{"metric_name": "RootUse"}]}})], [], []),
		# an alarm whose metric or actions are unreadable
		macct([good_trail], [mfilter("eu-west-1", "ct", pattern)], [{"id": "a", "scope": scope("eu-west-1"), "attributes": {"metric_name": 1}}], []),
		macct([good_trail], [mfilter("eu-west-1", "ct", pattern)], [malarm("eu-west-1", "RootUse", null)], []),
		macct([good_trail], [mfilter("eu-west-1", "ct", pattern)], [malarm("eu-west-1", "RootUse", [topic, 3])], []),
		# the topic in another account, a subscription unreadable
		macct([good_trail], [mfilter("eu-west-1", "ct", pattern)], [malarm("eu-west-1", "RootUse", ["arn:aws:sns:eu-west-1:999988887777:central"])], []),
		macct([good_trail], [mfilter("eu-west-1", "ct", pattern)], [malarm("eu-west-1", "RootUse", [topic])], [{"id": "s", "attributes": {"topic_arn": topic}}]),
		macct([good_trail], [mfilter("eu-west-1", "ct", pattern)], [malarm("eu-west-1", "RootUse", [topic])], [msub(topic, "true")]),
		# not given
		{"attributes": {"account_id": "111122223333"}},
		object.remove(macct([], [], [], []), ["related"]),
	]
	every inp in some_unknown {
		r := chain(inp)
		count(r.deny) == 0
		count(r.unknown) >= 1
	}
}

test_chain_terraform_is_not_judged if {
	inp := object.union(macct([], [], [], []), {"scope": {"platform": "terraform", "path": "main.tf"}})
	chain(inp) == {"deny": set(), "unknown": {"CIS 4.3: metric filters, alarms and SNS subscriptions are not read from Terraform; the monitoring chain is judged on live evidence"}}
}
