# METADATA
# title: CloudWatch Logs log groups keep their events for the required time
# description: >-
#   An investigation reaches back months: a log group that deletes its
#   events sooner leaves nothing to read when an intrusion is found. The
#   shortest retention accepted is the workspace setting log_retention_days
#   (default 365 days); a group that never expires passes.
# custom:
#   id: AWS-LOGS-001
#   severity: medium
#   resource_types: [aws.logs.log_group]
#   frameworks:
#     iso27001-2022: ["A.8.15"]
#     nist-800-53-r5: ["AU-11"]
#     soc2: ["CC7.2"]
#   equivalents:
#     prowler: [cloudwatch_log_group_retention_policy_specific_days_enabled]
#   remediation:
#     console: 'CloudWatch → Log groups → the group → Actions → Edit retention setting: at least the required days (or Never expire).'
#     terraform: 'aws_cloudwatch_log_group { retention_in_days = 365 } (or more; 0 keeps the events for ever).'
package rampart.aws.logs.retention

import data.rampart.lib

limit := input.settings.log_retention_days

deny contains {"msg": sprintf("log group %s keeps its events %d days, fewer than the required %d", [lib.label("name"), input.attributes.retention_in_days, limit]), "path": "attributes.retention_in_days"} if {
	input.attributes.expires == true
	is_number(limit)
	is_number(input.attributes.retention_in_days)
	input.attributes.retention_in_days < limit
}

unknown contains {"msg": sprintf("whether log group %s deletes its events is unknown", [lib.label("name")]), "path": "attributes.expires"} if {
	not is_boolean(lib.attr("expires"))
}

unknown contains {"msg": sprintf("how long log group %s keeps its events is unknown", [lib.label("name")]), "path": "attributes.retention_in_days"} if {
	lib.attr("expires") == true
	not is_number(lib.attr("retention_in_days"))
}

unknown contains {"msg": "the run gave no log_retention_days setting", "path": "settings.log_retention_days"} if {
	lib.attr("expires") == true
	not is_number(object.get(input, ["settings", "log_retention_days"], null))
}
