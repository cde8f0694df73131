package rampart.aws.iam.setup_access_key_test

import data.rampart.aws.iam.setup_access_key as c

user(pw, keys) := {"attributes": {"user_name": "u", "password_enabled": pw, "access_keys": keys}}

test_pass if {
	every inp in [
		user(true, [{"access_key_id": "AKIA1", "status": "Active", "last_used_date": "2026-11-01T00:00:00Z"}]),
		user(true, [{"access_key_id": "AKIA2", "status": "Inactive"}]),
		user(false, [{"access_key_id": "AKIA3", "status": "Active"}]),
		user(true, []),
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 0 with input as inp
	}
}

test_fail_never_used if {
	count(c.deny) == 1 with input as user(true, [{"access_key_id": "AKIA1", "status": "Active"}])
}

test_unknown_missing if {
	count(c.unknown) == 2 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as user(true, [{"access_key_id": "AKIA1"}])
	count(c.unknown) == 1 with input as user(true, [{"status": "Active", "last_used_date": null}])
	count(c.deny) == 0 with input as user(true, [{"status": "Active", "last_used_date": null}])
}
