package rampart.aws.sqs.no_wildcard_actions_test

import data.rampart.aws.sqs.no_wildcard_actions as c

res(policy) := {"type": "aws.sqs.queue", "id": "https://sqs.eu-west-1.amazonaws.com/111122223333/orders", "attributes": {"name": "orders", "policy": policy}}

with_statement(st) := res({"present": true, "document": {"Version": "2012-10-17", "Statement": [st]}})

test_pass if {
	every inp in [
		res({"present": false}),
		with_statement({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/app"}, "Action": ["sqs:SendMessage", "sqs:ReceiveMessage"], "Resource": "*"}),
		with_statement({"Effect": "Deny", "Principal": "*", "Action": "sqs:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}),
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 0 with input as inp
	}
}

test_fail_wildcards if {
	c.deny == {{"msg": "the policy of queue orders allows every action (sqs:*, statement 0)", "path": "attributes.policy.document.Statement[0].Action"}} with input as with_statement({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/app"}, "Action": "sqs:*", "Resource": "*"})
	count(c.deny) == 1 with input as with_statement({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/app"}, "Action": ["sqs:SendMessage", "*"], "Resource": "*"})
	count(c.deny) == 1 with input as with_statement({"Effect": "Allow", "Principal": "*", "Action": "SQS:*", "Resource": "*"})
}

test_unknown if {
	every inp in [
		{"attributes": {"name": "orders"}, "unknown": {"policy": "access denied"}},
		res({"present": "yes"}),
		res({"present": true}),
		res({"present": true, "document": {"Version": "2012-10-17"}}),
		with_statement({"Effect": "Allow", "Principal": "*", "Action": 7}),
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) >= 1 with input as inp
	}
}
