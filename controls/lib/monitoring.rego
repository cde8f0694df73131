# The CIS AWS 4.x monitoring chain, shared by AWS-CW-001..015: an account
# is watched for an event when a multi-region trail that is logging
# delivers to a CloudWatch Logs log group, a metric filter on that group
# matches the CIS pattern, an alarm with actions enabled watches the
# filter's metric, and the alarm notifies an SNS topic with a confirmed
# subscription. The engine joins only subject → related, not related →
# related, so each control relates the account to all four types (join:
# account) and the links are followed here:
#
#   trail.cloud_watch_logs_log_group_arn  arn:aws:logs:<region>:<account>:log-group:<name>:*
#     → filter scope.region = <region>, log_group_name = <name>
#   filter.metric_transformations[_] {metric_name, metric_namespace}
#     → alarm scope.region = <region>, metric_name, namespace
#   alarm.alarm_actions[_] an SNS topic ARN
#     → subscription topic_arn, confirmed
#
# monitoring_chain returns {"deny": set, "unknown": set} of messages: a
# complete chain gives both empty; a missing link gives deny only when no
# candidate on the way could be the one that completes it — a resource
# whose link attribute is missing or mistyped, a log group ARN that does
# not parse, a topic in another account (whose subscriptions are listed
# there) make the result unknown instead. Terraform evidence maps none of
# the filter, alarm and subscription types, so it is unknown too.
package rampart.lib

# ---- Patterns -----------------------------------------------------------

# METADATA
# description: |-
#   A CloudWatch Logs filter pattern is compared by its key terms, not as a
#   whole: CIS publishes one pattern per recommendation, and operators write
#   it with other spacing, quotes or term order, or with extra exclusions.
#   Both the pattern and each required term are normalised — whitespace and
#   double quotes removed — and every term must occur in the pattern,
#   followed by the end of the pattern or one of ) | & } so that
#   $.eventName=CreatePolicy is not found inside CreatePolicyVersion.
#   A term is written as CIS writes it: `$.errorCode = "AccessDenied*"`.
#   What this does not judge: how the terms are combined (an || written as
#   && narrows the filter) and what extra conditions narrow it to nothing.
# custom:
#   example: |-
#     lib.normalise_pattern("{ $.errorCode = \"AccessDenied*\" }")
#   result: |-
#     "{$.errorCode=AccessDenied*}"
normalise_pattern(p) := replace(regex.replace(p, `\s+`, ""), `"`, "")

# METADATA
# description: |-
#   pattern_has_term(pattern, term) holds when the normalised term occurs in the normalised pattern, followed by its end or one of ) | & }.
# custom:
#   example: |-
#     lib.pattern_has_term("{ ($.eventName = CreatePolicy) || ($.eventName = DeletePolicy) }", "$.eventName = CreatePolicy")
#   result: |-
#     true
pattern_has_term(pattern, term) if {
	p := normalise_pattern(pattern)
	t := normalise_pattern(term)
	endswith(p, t)
}

pattern_has_term(pattern, term) if {
	p := normalise_pattern(pattern)
	t := normalise_pattern(term)
	some c in [")", "|", "&", "}"]
	contains(p, concat("", [t, c]))
}

# METADATA
# description: |-
#   pattern_matches(pattern, terms) holds when the pattern is a string that has every one of the terms.
# custom:
#   example: |-
#     lib.pattern_matches("{ ($.eventName = CreatePolicy) || ($.eventName = DeletePolicy) }", ["$.eventName = CreatePolicy", "$.eventName = DeletePolicy"])
#   result: |-
#     true
pattern_matches(pattern, terms) if {
	is_string(pattern)
	every t in terms {
		pattern_has_term(pattern, t)
	}
}

# METADATA
# description: |-
#   missing_terms(pattern, terms) are the terms the pattern lacks, in order.
# custom:
#   example: |-
#     lib.missing_terms("{ $.eventName = CreateUser }", ["$.eventName = CreateUser", "$.eventName = DeleteUser"])
#   result: |-
#     ["$.eventName = DeleteUser"]
missing_terms(pattern, terms) := [t | some t in terms; not pattern_has_term(pattern, t)]

# ---- Links --------------------------------------------------------------

# METADATA
# description: |-
#   mon_attr(r, path) is the related resource's attribute at path, or null.
# custom:
#   example: |-
#     lib.mon_attr({"attributes": {"log_group_name": "trail"}}, ["log_group_name"])
#   result: |-
#     "trail"
mon_attr(r, path) := object.get(r, array.concat(["attributes"], path), null)

# METADATA
# description: |-
#   mon_unknown(r, key) is the reason the related resource's unknown map gives for key, or "not reported".
# custom:
#   example: |-
#     lib.mon_unknown({"unknown": {"filter_pattern": "AccessDenied"}}, "filter_pattern")
#   result: |-
#     "AccessDenied"
mon_unknown(r, key) := object.get(r, ["unknown", key], "not reported")

# METADATA
# description: |-
#   log_group(arn) is {region, account, name} of a CloudWatch Logs log group
#   ARN as CloudTrail stores it (with or without the trailing :*).
# custom:
#   example: |-
#     lib.log_group("arn:aws:logs:eu-west-1:111122223333:log-group:trail:*")
#   result: |-
#     {"region": "eu-west-1", "account": "111122223333", "name": "trail"}
log_group(arn) := {"region": parts[3], "account": parts[4], "name": parts[6]} if {
	is_string(arn)
	parts := split(arn, ":")
	count(parts) >= 7
	parts[0] == "arn"
	parts[2] == "logs"
	parts[5] == "log-group"
	parts[6] != ""
}

# METADATA
# description: |-
#   A trail is a source when it is known to be multi-region, logging and to
#   deliver to a log group; it is ruled out when one of these is known not to
#   hold (the log group attribute is absent, and not named in unknown, when
#   the trail has none); anything else is undecided. One else-chain per
#   trail, so each trail is read once per evaluation: an account relates to
#   every trail it has, and the mutation test evaluates it once for every
#   mutation of every one of them.
# custom:
#   example: |-
#     lib.trail_state({"attributes": {"is_multi_region_trail": true, "is_logging": true, "cloud_watch_logs_log_group_arn": "arn:aws:logs:eu-west-1:111122223333:log-group:trail:*"}})
#   result: |-
#     "source"
trail_state(t) := "source" if {
	t.attributes.is_multi_region_trail == true
	t.attributes.is_logging == true
	log_group(t.attributes.cloud_watch_logs_log_group_arn)
} else := "out" if {
	object.get(t, ["attributes", "is_multi_region_trail"], null) == false
} else := "out" if {
	object.get(t, ["attributes", "is_logging"], null) == false
} else := "out" if {
	is_object(object.get(t, "attributes", null))
	not has_key(t.attributes, "cloud_watch_logs_log_group_arn")
	not has_key(object.get(t, "unknown", {}), "cloud_watch_logs_log_group_arn")
} else := "undecided"

# METADATA
# description: |-
#   has_key holds for a key present with any value, null included (a lookup,
#   where object.keys would build the set of every key).
# custom:
#   example: |-
#     lib.has_key({"arn": null}, "arn")
#   result: |-
#     true
has_key(obj, key) if _ = obj[key]

# METADATA
# description: |-
#   A filter belongs to a log group when its region and group name are those
#   of the trail's ARN; readable when both are strings.
# custom:
#   example: |-
#     lib.filter_readable({"scope": {"region": "eu-west-1"}, "attributes": {"log_group_name": "trail"}})
#   result: |-
#     true
filter_readable(f) if {
	is_string(object.get(f, ["scope", "region"], null))
	is_string(mon_attr(f, ["log_group_name"]))
}

# METADATA
# description: |-
#   filter_on(f, g) holds when metric filter f is on log group g (the region and name of log_group).
# custom:
#   example: |-
#     lib.filter_on({"scope": {"region": "eu-west-1"}, "attributes": {"log_group_name": "trail"}}, {"region": "eu-west-1", "account": "111122223333", "name": "trail"})
#   result: |-
#     true
filter_on(f, g) if {
	object.get(f, ["scope", "region"], null) == g.region
	mon_attr(f, ["log_group_name"]) == g.name
}

# METADATA
# description: |-
#   metric_readable(m) holds when a metric transformation has a string metric_name and metric_namespace.
# custom:
#   example: |-
#     lib.metric_readable({"metric_name": "RootUse", "metric_namespace": "CIS"})
#   result: |-
#     true
metric_readable(m) if {
	is_string(object.get(m, "metric_name", null))
	is_string(object.get(m, "metric_namespace", null))
}

# METADATA
# description: |-
#   filter_metrics_readable(f) holds when every metric transformation of filter f is metric_readable.
# custom:
#   example: |-
#     lib.filter_metrics_readable({"attributes": {"metric_transformations": [{"metric_name": "RootUse", "metric_namespace": "CIS"}]}})
#   result: |-
#     true
filter_metrics_readable(f) if {
	ms := mon_attr(f, ["metric_transformations"])
	is_array(ms)
	every m in ms {
		metric_readable(m)
	}
}

# METADATA
# description: |-
#   An alarm with no metric_name is a metric-math alarm (the collector leaves
#   the field out); it is not counted as watching the metric. A present
#   metric_name or namespace must be a string.
# custom:
#   example: |-
#     lib.alarm_readable({"scope": {"region": "eu-west-1"}, "attributes": {"metric_name": "RootUse", "namespace": "CIS"}})
#   result: |-
#     true
alarm_readable(a) if {
	is_string(object.get(a, ["scope", "region"], null))
	not has_key(object.get(a, "attributes", {}), "metric_name")
	is_object(object.get(a, "attributes", null))
}

alarm_readable(a) if {
	is_string(object.get(a, ["scope", "region"], null))
	is_string(mon_attr(a, ["metric_name"]))
	is_string(mon_attr(a, ["namespace"]))
}

# METADATA
# description: |-
#   alarm_on(a, region, m) holds when alarm a watches metric m in region.
# custom:
#   example: |-
#     lib.alarm_on({"scope": {"region": "eu-west-1"}, "attributes": {"metric_name": "RootUse", "namespace": "CIS"}}, "eu-west-1", {"metric_name": "RootUse", "metric_namespace": "CIS"})
#   result: |-
#     true
alarm_on(a, region, m) if {
	object.get(a, ["scope", "region"], null) == region
	mon_attr(a, ["metric_name"]) == m.metric_name
	mon_attr(a, ["namespace"]) == m.metric_namespace
}

# METADATA
# description: |-
#   alarm_actions_readable(a) holds when the alarm's actions_enabled is a boolean and alarm_actions a list of strings.
# custom:
#   example: |-
#     lib.alarm_actions_readable({"attributes": {"actions_enabled": true, "alarm_actions": ["arn:aws:sns:eu-west-1:111122223333:security"]}})
#   result: |-
#     true
alarm_actions_readable(a) if {
	is_boolean(mon_attr(a, ["actions_enabled"]))
	acts := mon_attr(a, ["alarm_actions"])
	is_array(acts)
	every x in acts {
		is_string(x)
	}
}

# METADATA
# description: |-
#   sns_topics(a) are the SNS topic ARNs among the alarm's actions.
# custom:
#   example: |-
#     lib.sns_topics({"attributes": {"alarm_actions": ["arn:aws:sns:eu-west-1:111122223333:security", "arn:aws:automate:eu-west-1:ec2:stop"]}})
#   result: |-
#     ["arn:aws:sns:eu-west-1:111122223333:security"]
sns_topics(a) := [x | some x in mon_attr(a, ["alarm_actions"]); is_string(x); startswith(x, "arn:aws:sns:")]

# METADATA
# description: |-
#   topic_account(arn) is the account field of an SNS topic ARN.
# custom:
#   example: |-
#     lib.topic_account("arn:aws:sns:eu-west-1:111122223333:security")
#   result: |-
#     "111122223333"
topic_account(arn) := split(arn, ":")[4]

# METADATA
# description: |-
#   subscription_readable(s) holds when the subscription's topic_arn is a string and confirmed a boolean.
# custom:
#   example: |-
#     lib.subscription_readable({"attributes": {"topic_arn": "arn:aws:sns:eu-west-1:111122223333:security", "confirmed": true}})
#   result: |-
#     true
subscription_readable(s) if {
	is_string(mon_attr(s, ["topic_arn"]))
	is_boolean(mon_attr(s, ["confirmed"]))
}

# ---- The chain ----------------------------------------------------------

# METADATA
# description: |-
#   monitoring_chain(inp, cis, terms): inp is the control's input, cis the
#   recommendation ("4.1"), terms the pattern's key terms.
# custom:
#   example: |-
#     lib.monitoring_chain({"scope": {"platform": "terraform"}}, "4.4", [])
#   result: |-
#     {"deny": set(), "unknown": {"CIS 4.4: metric filters, alarms and SNS subscriptions are not read from Terraform; the monitoring chain is judged on live evidence"}}
monitoring_chain(inp, cis, terms) := {"deny": set(), "unknown": {sprintf("CIS %s: metric filters, alarms and SNS subscriptions are not read from Terraform; the monitoring chain is judged on live evidence", [cis])}} if {
	object.get(inp, ["scope", "platform"], null) == "terraform"
} else := {"deny": set(), "unknown": not_given} if {
	not_given := {sprintf("the account's %s were not given to the control (input.related.%s)", [n, n]) |
		some n in ["trails", "metric_filters", "alarms", "subscriptions"]
		not is_array(object.get(inp, ["related", n], null))
	}
	count(not_given) > 0
} else := chain_result(inp, cis, terms)

# METADATA
# description: |-
#   chain_result(inp, cis, terms) follows the monitoring chain over input.related and returns monitoring_chain's {"deny", "unknown"}; monitoring_chain calls it once Terraform and missing related lists are ruled out.
# custom:
#   example: |-
#     lib.chain_result({"id": "111122223333", "related": {"trails": [], "metric_filters": [], "alarms": [], "subscriptions": []}}, "4.1", [])
#   result: |-
#     {"deny": {"CIS 4.1: no multi-region trail of account 111122223333 that is logging delivers to CloudWatch Logs"}, "unknown": set()}
chain_result(inp, cis, terms) := result if {
	rel := inp.related
	acct := object.get(inp, ["attributes", "account_id"], object.get(inp, "id", "(unnamed account)"))

	states := [[t, trail_state(t)] | some t in rel.trails]
	groups := {g | some x in states; x[1] == "source"; g := log_group(x[0].attributes.cloud_watch_logs_log_group_arn)}
	filters := [{"f": f, "g": g} | some f in rel.metric_filters; some g in groups; filter_readable(f); filter_on(f, g)]
	matching := [x | some x in filters; pattern_matches(mon_attr(x.f, ["filter_pattern"]), terms)]
	metrics := [{"f": x.f, "region": x.g.region, "m": m} |
		some x in matching
		filter_metrics_readable(x.f)
		some m in x.f.attributes.metric_transformations
	]
	alarms := [{"a": a, "m": y} | some y in metrics; some a in rel.alarms; alarm_readable(a); alarm_on(a, y.region, y.m)]
	armed := [z | some z in alarms; alarm_actions_readable(z.a); z.a.attributes.actions_enabled == true]
	topics := {tp | some z in armed; some tp in sns_topics(z.a)}
	notified := {tp |
		some tp in topics
		some s in rel.subscriptions
		subscription_readable(s)
		s.attributes.topic_arn == tp
		s.attributes.confirmed == true
	}

	u_trails := {sprintf("whether trail %s is multi-region, logging and delivers to CloudWatch Logs is unknown: %s", [object.get(t, "id", "(unnamed trail)"), mon_unknown(t, "cloud_watch_logs_log_group_arn")]) |
		some x in states
		x[1] == "undecided"
		t := x[0]
	}
	u_groups := {sprintf("log group %s is in account %s, whose metric filters are not in this account's evidence", [g.name, g.account]) |
		some g in groups
		g.account != acct
	}
	u_filters := {sprintf("metric filter %s: its log group or region is unknown", [object.get(f, "id", "(unnamed filter)")]) |
		count(groups) > 0
		some f in rel.metric_filters
		not filter_readable(f)
	}
	u_patterns := {sprintf("metric filter %s: its pattern or metrics are unknown", [object.get(x.f, "id", "(unnamed filter)")]) |
		some x in filters
		not filter_decided(x.f, terms)
	}
	u_alarms := {sprintf("alarm %s: its metric or region is unknown", [object.get(a, "id", "(unnamed alarm)")]) |
		count(metrics) > 0
		some a in rel.alarms
		not alarm_readable(a)
	}
	u_actions := {sprintf("alarm %s: its actions or whether they are enabled are unknown", [object.get(z.a, "id", "(unnamed alarm)")]) |
		some z in alarms
		not alarm_actions_readable(z.a)
	}
	u_topics := {sprintf("SNS topic %s of the alarm is in account %s, whose subscriptions are not in this account's evidence", [tp, topic_account(tp)]) |
		some tp in topics
		not tp in notified
		topic_account(tp) != acct
	}
	u_subs := {sprintf("SNS subscription %s: its topic or confirmation is unknown", [object.get(s, "id", "(unnamed subscription)")]) |
		count(topics) > 0
		some s in rel.subscriptions
		not subscription_readable(s)
	}
	undecided := ((((((u_trails | u_groups) | u_filters) | u_patterns) | u_alarms) | u_actions) | u_topics) | u_subs

	result := chain_verdict(acct, cis, terms, groups, matching, armed, topics, notified, undecided)
}

# METADATA
# description: |-
#   A filter on the group is decided when its pattern is a string and, if it
#   matches, its metrics are readable.
# custom:
#   example: |-
#     lib.filter_decided({"attributes": {"filter_pattern": "{ $.eventName = ConsoleLogin }"}}, ["$.eventName = CreateUser"])
#   result: |-
#     true
filter_decided(f, terms) if {
	is_string(mon_attr(f, ["filter_pattern"]))
	not pattern_matches(mon_attr(f, ["filter_pattern"]), terms)
}

filter_decided(f, terms) if {
	pattern_matches(mon_attr(f, ["filter_pattern"]), terms)
	filter_metrics_readable(f)
}

# METADATA
# description: |-
#   chain_verdict(...) is the chain's outcome from its links: complete, undecided (the unknown reasons), or the first missing link as the deny message.
# custom:
#   example: |-
#     lib.chain_verdict("111122223333", "4.1", [], set(), [], [], set(), {"arn:aws:sns:eu-west-1:111122223333:security"}, set())
#   result: |-
#     {"deny": set(), "unknown": set()}
chain_verdict(acct, cis, terms, groups, matching, armed, topics, notified, undecided) := {"deny": set(), "unknown": set()} if {
	count(notified) > 0
} else := {"deny": set(), "unknown": undecided} if {
	count(undecided) > 0
} else := {"deny": {msg}, "unknown": set()} if {
	count(groups) == 0
	msg := sprintf("CIS %s: no multi-region trail of account %s that is logging delivers to CloudWatch Logs", [cis, acct])
} else := {"deny": {msg}, "unknown": set()} if {
	count(matching) == 0
	msg := sprintf("CIS %s: no metric filter on log group %s matches the pattern (required terms: %s)", [cis, concat(", ", sort([g.name | some g in groups])), concat("; ", terms)])
} else := {"deny": {msg}, "unknown": set()} if {
	count(armed) == 0
	msg := sprintf("CIS %s: no alarm with actions enabled watches the metric of filter %s", [cis, concat(", ", sort([object.get(y.f, ["attributes", "filter_name"], object.get(y.f, "id", "?")) | some y in matching]))])
} else := {"deny": {msg}, "unknown": set()} if {
	count(topics) == 0
	msg := sprintf("CIS %s: alarm %s notifies no SNS topic", [cis, concat(", ", sort([object.get(z.a, ["attributes", "alarm_name"], object.get(z.a, "id", "?")) | some z in armed]))])
} else := {"deny": {msg}, "unknown": set()} if {
	msg := sprintf("CIS %s: SNS topic %s of the alarm has no confirmed subscription", [cis, concat(", ", sort(topics))])
}
