package rampart.aws.secretsmanager.unused_test

import data.rampart.aws.secretsmanager.unused as c

now := time.parse_rfc3339_ns("2026-12-01T00:00:00Z")

secret(attrs) := {"type": "aws.secretsmanager.secret", "id": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-a1B2c3", "attributes": object.union({"name": "db"}, attrs)}

test_pass if {
	every inp in [
		secret({"created_date": "2024-01-01T00:00:00Z", "last_accessed_date": "2026-11-30T00:00:00Z"}),
		secret({"created_date": "2026-11-20T00:00:00Z"}),
	] {
		count(c.deny) == 0 with input as inp with time.now_ns as now
		count(c.unknown) == 0 with input as inp with time.now_ns as now
	}
}

test_fail_idle if {
	c.deny == {{"msg": "secret db was last read 122 days ago (limit 90)", "path": "attributes.last_accessed_date"}} with input as secret({"created_date": "2024-01-01T00:00:00Z", "last_accessed_date": "2026-08-01T00:00:00Z"}) with time.now_ns as now
	count(c.deny) == 1 with input as secret({"created_date": "2024-01-01T00:00:00Z", "last_accessed_date": "2025-10-01T00:00:00Z"}) with time.now_ns as now
}

test_fail_never_read if {
	c.deny == {{"msg": "secret db was never read in the 334 days since it was created (limit 90)", "path": "attributes.last_accessed_date"}} with input as secret({"created_date": "2026-01-01T00:00:00Z"}) with time.now_ns as now
}

test_unknown if {
	every inp in [
		secret({}),
		secret({"created_date": "2024-01-01T00:00:00Z", "last_accessed_date": 5}),
		object.union(secret({"created_date": "2024-01-01T00:00:00Z"}), {"unknown": {"last_accessed_date": "unknown"}}),
	] {
		count(c.deny) == 0 with input as inp with time.now_ns as now
		count(c.unknown) >= 1 with input as inp with time.now_ns as now
	}
}
