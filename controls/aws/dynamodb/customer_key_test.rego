package rampart.aws.dynamodb.customer_key_test

import data.rampart.aws.dynamodb.customer_key as c

res(v) := {"type": "aws.dynamodb.table", "id": "arn:aws:dynamodb:eu-west-1:111122223333:table/orders", "attributes": {"name": "orders", "customer_managed_key": v}}

test_pass if {
	count(c.deny) == 0 with input as res(true)
	count(c.unknown) == 0 with input as res(true)
}

test_fail if {
	c.deny == {{"msg": "table orders is not encrypted with a customer-managed KMS key", "path": "attributes.customer_managed_key"}} with input as res(false)
	count(c.unknown) == 0 with input as res(false)
}

test_unknown if {
	every inp in [res(null), res("true"), {"attributes": {"name": "orders"}, "unknown": {"customer_managed_key": "unknown until apply: var.key"}}] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
