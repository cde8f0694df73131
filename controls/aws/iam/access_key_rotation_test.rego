package rampart.aws.iam.access_key_rotation_test

import data.rampart.aws.iam.access_key_rotation as c

# 2026-06-01T00:00:00Z
now := 1780272000000000000

test_pass_young_key if {
	inp := {"attributes": {"access_keys": [{"access_key_id": "AKIA1", "status": "Active", "create_date": "2026-04-01T00:00:00Z"}]}}
	count(c.deny) == 0 with input as inp with time.now_ns as now
	count(c.unknown) == 0 with input as inp with time.now_ns as now
}

test_pass_old_inactive_key if {
	count(c.deny) == 0 with input as {"attributes": {"access_keys": [{"access_key_id": "AKIA1", "status": "Inactive", "create_date": "2024-01-01T00:00:00Z"}]}} with time.now_ns as now
}

test_pass_no_keys if {
	count(c.deny) == 0 with input as {"attributes": {"access_keys": []}} with time.now_ns as now
	count(c.unknown) == 0 with input as {"attributes": {"access_keys": []}} with time.now_ns as now
}

test_fail_old_active_key if {
	count(c.deny) == 1 with input as {"attributes": {"access_keys": [{"access_key_id": "AKIA1", "status": "Active", "create_date": "2026-01-01T00:00:00Z"}]}} with time.now_ns as now
}

test_unknown_keys_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}} with time.now_ns as now
	count(c.unknown) == 1 with input as {"attributes": {"access_keys": [{"access_key_id": "AKIA1"}]}} with time.now_ns as now
}
