package rampart.aws.iam.unused_credentials_test

import data.rampart.aws.iam.unused_credentials as c

now := 1780272000000000000 # 2026-06-01T00:00:00Z

user(keys, pw, last) := {"attributes": object.union(
	{"access_keys": keys, "password_enabled": pw, "create_date": "2024-01-01T00:00:00Z"},
	last,
)}

test_pass_recent_use if {
	inp := user([{"access_key_id": "AKIA1", "status": "Active", "create_date": "2025-01-01T00:00:00Z", "last_used_date": "2026-05-20T00:00:00Z"}], true, {"password_last_used": "2026-05-30T00:00:00Z"})
	count(c.deny) == 0 with input as inp with time.now_ns as now
	count(c.unknown) == 0 with input as inp with time.now_ns as now
}

test_fail_stale_key_and_password if {
	inp := user([{"access_key_id": "AKIA1", "status": "Active", "create_date": "2025-01-01T00:00:00Z"}], true, {"password_last_used": "2026-01-01T00:00:00Z"})
	count(c.deny) == 2 with input as inp with time.now_ns as now
}

test_pass_inactive_old_key if {
	inp := user([{"access_key_id": "AKIA1", "status": "Inactive", "create_date": "2020-01-01T00:00:00Z"}], false, {})
	count(c.deny) == 0 with input as inp with time.now_ns as now
}

test_unknown_missing if {
	count(c.unknown) == 2 with input as {"attributes": {}} with time.now_ns as now
	count(c.deny) == 0 with input as {"attributes": {}} with time.now_ns as now
}

test_unknown_unreadable_fields if {
	every inp in [
		user([{"access_key_id": "AKIA1", "status": null, "create_date": "2025-01-01T00:00:00Z"}], false, {}),
		user([{"access_key_id": "AKIA1", "status": "Active", "create_date": "2026-05-01T00:00:00Z", "last_used_date": null}], false, {}),
		user([], true, {"password_last_used": 0}),
		{"attributes": {"access_keys": [], "password_enabled": true, "password_last_used": "2026-05-30T00:00:00Z"}},
	] {
		count(c.deny) == 0 with input as inp with time.now_ns as now
		count(c.unknown) == 1 with input as inp with time.now_ns as now
	}
}
