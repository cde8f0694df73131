# METADATA
# title: Backup plans keep recovery points at least 35 days
# description: >-
#   A rule that deletes its recovery points after a few days leaves
#   nothing to restore from once a corruption, a bad deployment or an
#   intrusion is noticed — which takes weeks more often than days. Every
#   rule of a plan keeps its recovery points at least 35 days (the minimum
#   of AWS's own backup-plan-min-frequency-and-min-retention-check, and
#   one month of daily restores); a rule that never expires them (no
#   DeleteAfterDays: kept until deleted by hand) passes. Copies to other vaults
#   are judged by the same limit. The limit is the control's (min_days
#   below): a workspace that needs another copies the control.
# custom:
#   id: AWS-BK-006
#   severity: medium
#   resource_types: [aws.backup.plan]
#   frameworks:
#     iso27001-2022: ["A.8.13"]
#     nist-800-53-r5: ["CP-9"]
#     soc2: ["A1.2"]
#   equivalents: {}
#   remediation:
#     console: 'AWS Backup → Backup plans → the plan → the rule → Edit → Retention period: 35 days or more (and the same for each copy).'
#     terraform: 'aws_backup_plan { rule { lifecycle { delete_after = 35 or more } } } (and copy_action { lifecycle { delete_after = 35 or more } }).'
package rampart.aws.backup.plan_retention

import data.rampart.lib

min_days := 35

rules := lib.attr("rules")

deny contains {"msg": sprintf("rule %s of backup plan %s deletes recovery points after %d days (at least %d)", [object.get(r, "name", sprintf("%d", [i])), lib.label("name"), r.delete_after_days, min_days]), "path": sprintf("attributes.rules[%d].delete_after_days", [i])} if {
	some i, r in rules
	r.expires == true
	is_number(r.delete_after_days)
	r.delete_after_days < min_days
}

deny contains {"msg": sprintf("a copy of rule %s of backup plan %s is deleted after %d days (at least %d)", [object.get(r, "name", sprintf("%d", [i])), lib.label("name"), ca.delete_after_days, min_days]), "path": sprintf("attributes.rules[%d].copy_actions[%d].delete_after_days", [i, j])} if {
	some i, r in rules
	some j, ca in r.copy_actions
	ca.expires == true
	is_number(ca.delete_after_days)
	ca.delete_after_days < min_days
}

unknown contains {"msg": sprintf("the rules of backup plan %s are unknown", [lib.label("name")]), "path": "attributes.rules"} if {
	not is_array(rules)
}

unknown contains {"msg": sprintf("rule %d of backup plan %s is unreadable", [i, lib.label("name")]), "path": sprintf("attributes.rules[%d]", [i])} if {
	some i, r in rules
	not readable_rule(r)
}

readable_rule(r) if {
	is_object(r)
	not_mistyped(r)
	is_array(r.copy_actions)
	every ca in r.copy_actions {
		is_object(ca)
		not_mistyped(ca)
	}
}

# expires false is "kept until deleted by hand"; true needs the day count.
not_mistyped(o) if o.expires == false

not_mistyped(o) if {
	o.expires == true
	is_number(o.delete_after_days)
}
