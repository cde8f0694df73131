package rampart.aws.secretsmanager.rotated_recently_test

import data.rampart.aws.secretsmanager.rotated_recently as c

now := time.parse_rfc3339_ns("2026-12-01T00:00:00Z")

secret(attrs) := {"type": "aws.secretsmanager.secret", "id": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-a1B2c3", "attributes": object.union({"name": "db", "created_date": "2024-01-01T00:00:00Z"}, attrs)}

test_pass_recent if {
	inp := secret({"last_rotated_date": "2026-11-10T00:00:00Z"})
	count(c.deny) == 0 with input as inp with time.now_ns as now
	count(c.unknown) == 0 with input as inp with time.now_ns as now
}

test_fail_old if {
	c.deny == {{"msg": "secret db was last rotated 120 days ago (limit 90)", "path": "attributes.last_rotated_date"}} with input as secret({"last_rotated_date": "2026-08-03T00:00:00Z"}) with time.now_ns as now
}

test_fail_never_rotated if {
	c.deny == {{"msg": "secret db has never been rotated", "path": "attributes.last_rotated_date"}} with input as secret({}) with time.now_ns as now
}

test_unknown if {
	every inp in [
		{"attributes": {"name": "db"}},
		secret({"last_rotated_date": 17}),
		secret({"last_rotated_date": "yesterday"}),
		object.union(secret({}), {"unknown": {"last_rotated_date": "ListSecrets failed"}}),
	] {
		count(c.deny) == 0 with input as inp with time.now_ns as now
		count(c.unknown) >= 1 with input as inp with time.now_ns as now
	}
}
