package rampart.aws.dynamodb.pitr_test

import data.rampart.aws.dynamodb.pitr as c

res(v) := {"type": "aws.dynamodb.table", "id": "arn:aws:dynamodb:eu-west-1:111122223333:table/orders", "attributes": {"name": "orders", "point_in_time_recovery": v}}

test_pass if {
	count(c.deny) == 0 with input as res(true)
	count(c.unknown) == 0 with input as res(true)
}

test_fail if {
	c.deny == {{"msg": "table orders has no point-in-time recovery", "path": "attributes.point_in_time_recovery"}} with input as res(false)
	count(c.unknown) == 0 with input as res(false)
}

test_unknown if {
	every inp in [res(null), res("true"), {"attributes": {"name": "orders"}, "unknown": {"point_in_time_recovery": "unknown until apply: var.key"}}] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
