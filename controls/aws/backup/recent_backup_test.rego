package rampart.aws.backup.recent_backup_test

import data.rampart.aws.backup.recent_backup as c

arn := "arn:aws:dynamodb:eu-west-1:111122223333:table/orders"

protected(attrs) := {"type": "aws.backup.protected_resource", "id": concat("", [arn, "#backup"]), "attributes": object.union({"resource_arn": arn, "resource_type": "DynamoDB"}, attrs)}

# time.now_ns() is 2026-11-27T09:00:00Z in these tests.
now := time.parse_rfc3339_ns("2026-11-27T09:00:00Z")

test_pass if {
	every inp in [protected({"last_backup_time": "2026-11-26T05:00:00Z"}), protected({"last_backup_time": "2026-11-20T10:00:00Z"})] {
		count(c.deny) == 0 with input as inp with time.now_ns as now
		count(c.unknown) == 0 with input as inp with time.now_ns as now
	}
}

test_fail if {
	c.deny == {{"msg": "arn:aws:dynamodb:eu-west-1:111122223333:table/orders was last backed up 11 days ago (2026-11-16T05:00:00Z; limit 7)", "path": "attributes.last_backup_time"}} with input as protected({"last_backup_time": "2026-11-16T05:00:00Z"}) with time.now_ns as now
}

test_unknown if {
	every inp in [protected({}), protected({"last_backup_time": 17}), protected({"last_backup_time": "last week"})] {
		count(c.unknown) == 1 with input as inp with time.now_ns as now
		count(c.deny) == 0 with input as inp with time.now_ns as now
	}
}
