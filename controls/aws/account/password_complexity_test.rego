package rampart.aws.account.password_complexity_test

import data.rampart.aws.account.password_complexity as c

strict := {"configured": true, "require_uppercase_characters": true, "require_lowercase_characters": true, "require_numbers": true, "require_symbols": true}

test_pass_all_classes if {
	inp := {"attributes": {"password_policy": strict}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_missing_class if {
	every key in ["require_uppercase_characters", "require_lowercase_characters", "require_numbers", "require_symbols"] {
		count(c.deny) == 1 with input as {"attributes": {"password_policy": object.union(strict, {key: false})}}
	}
	count(c.deny) == 1 with input as {"attributes": {"password_policy": {"configured": false}}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}}
	inp := {"attributes": {"password_policy": object.remove(strict, ["require_symbols"])}}
	count(c.unknown) == 1 with input as inp
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 1 with input as {"attributes": {"password_policy": object.union(strict, {"require_numbers": "true"})}}
}
