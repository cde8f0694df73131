package rampart.aws.backup.plan_retention_test

import data.rampart.aws.backup.plan_retention as c

plan(rules) := {"type": "aws.backup.plan", "id": "arn:aws:backup:eu-west-1:111122223333:backup-plan:p1", "attributes": {"name": "daily", "rules": rules}}

rule(expires, days, copies) := r if {
	base := {"name": "daily-rule", "target_vault": "acme-main", "schedule": "cron(0 5 ? * * *)", "continuous": false, "expires": expires, "copy_actions": copies}
	r := object.union(base, {k: v | some k, v in {"delete_after_days": days}; days != null})
}

copy(expires, days) := object.union({"destination_vault_arn": "arn:aws:backup:us-east-1:111122223333:backup-vault:dr", "expires": expires}, {k: v | some k, v in {"delete_after_days": days}; days != null})

test_pass if {
	every inp in [
		plan([rule(true, 35, [])]),
		plan([rule(true, 365, [copy(true, 90)])]),
		plan([rule(false, null, [copy(false, null)])]),
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 0 with input as inp
	}
}

test_fail_short_rule if {
	c.deny == {{"msg": "rule daily-rule of backup plan daily deletes recovery points after 7 days (at least 35)", "path": "attributes.rules[0].delete_after_days"}} with input as plan([rule(true, 7, [])])
}

test_fail_short_copy if {
	c.deny == {{"msg": "a copy of rule daily-rule of backup plan daily is deleted after 14 days (at least 35)", "path": "attributes.rules[0].copy_actions[0].delete_after_days"}} with input as plan([rule(true, 35, [copy(true, 14)])])
}

test_unknown if {
	every inp in [
		{"type": "aws.backup.plan", "attributes": {"name": "daily"}, "unknown": {"rules": "access denied: needs backup:GetBackupPlan"}},
		plan("none"),
		plan([rule(true, null, [])]),
		plan([rule(true, "7", [])]),
		plan([rule("yes", 7, [])]),
		plan([rule(true, 35, [copy(true, null)])]),
		plan([object.remove(rule(true, 35, []), ["copy_actions"])]),
		plan(["rule"]),
	] {
		count(c.unknown) > 0 with input as inp
	}
}
