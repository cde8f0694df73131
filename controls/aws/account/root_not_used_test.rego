package rampart.aws.account.root_not_used_test

import data.rampart.aws.account.root_not_used as c

ago(days) := time.format(time.now_ns() - (((days * 24) * 3600) * 1e9))

acct(root) := {"attributes": {"root": root}}

test_pass_not_used_recently if {
	every r in [
		{"access_keys": []},
		{"password_last_used": ago(200), "access_keys": [{"active": false, "last_used_date": ago(120)}, {"active": false}]},
	] {
		count(c.deny) == 0 with input as acct(r)
		count(c.unknown) == 0 with input as acct(r)
	}
}

# An absent last use means "never used", a compliant value, so an input
# failing on one signal alone would pass with that signal deleted (the
# mutation property of controls/mutation_test.go): the failing input is a
# root user in daily use both ways, and each signal counts on its own.
test_fail_used_recently if {
	inp := acct({"password_last_used": ago(3), "access_keys": [{"active": true, "last_used_date": ago(10)}, {"active": false, "last_used_date": ago(1)}]})
	count(c.deny) == 3 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_unknown_named_by_collector if {
	every k in ["root", "root.password_last_used", "root.access_keys", "root.access_keys[0].last_used_date"] {
		inp := {"attributes": {"root": {"access_keys": [{"active": false}]}}, "unknown": {k: "AccessDenied"}}
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as acct({"password_last_used": "yesterday", "access_keys": []})
	count(c.unknown) == 1 with input as acct({})
	count(c.unknown) == 1 with input as acct({"access_keys": [null]})
	count(c.unknown) == 1 with input as acct({"access_keys": [{"last_used_date": 5}]})
}
