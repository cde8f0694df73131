package rampart.aws.dynamodb.deletion_protection_test

import data.rampart.aws.dynamodb.deletion_protection as c

res(v) := {"type": "aws.dynamodb.table", "id": "arn:aws:dynamodb:eu-west-1:111122223333:table/orders", "attributes": {"name": "orders", "deletion_protection": v}}

test_pass if {
	count(c.deny) == 0 with input as res(true)
	count(c.unknown) == 0 with input as res(true)
}

test_fail if {
	c.deny == {{"msg": "table orders has no deletion protection", "path": "attributes.deletion_protection"}} with input as res(false)
	count(c.unknown) == 0 with input as res(false)
}

test_unknown if {
	every inp in [res(null), res("true"), {"attributes": {"name": "orders"}, "unknown": {"deletion_protection": "unknown until apply: var.key"}}] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
