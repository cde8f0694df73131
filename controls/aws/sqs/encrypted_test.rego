package rampart.aws.sqs.encrypted_test

import data.rampart.aws.sqs.encrypted as c

res(v) := {"type": "aws.sqs.queue", "id": "https://sqs.eu-west-1.amazonaws.com/111122223333/orders", "attributes": {"name": "orders", "encrypted": v}}

test_pass if {
	count(c.deny) == 0 with input as res(true)
	count(c.unknown) == 0 with input as res(true)
}

test_fail if {
	c.deny == {{"msg": "queue orders is not encrypted at rest", "path": "attributes.encrypted"}} with input as res(false)
	count(c.unknown) == 0 with input as res(false)
}

test_unknown if {
	every inp in [res(null), res("true"), {"attributes": {"name": "orders"}, "unknown": {"encrypted": "unknown until apply: var.key"}}] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
