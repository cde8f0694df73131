package rampart.aws.sns.not_public_test

import data.rampart.aws.sns.not_public as c

res(policy) := {"type": "aws.sns.topic", "id": "arn:aws:sns:eu-west-1:111122223333:orders", "attributes": {"name": "orders", "policy": policy}}

with_statement(st) := res({"present": true, "document": {"Version": "2012-10-17", "Statement": [st]}})

test_pass if {
	every inp in [
		res({"present": false}),
		with_statement({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/app"}, "Action": "sns:Publish", "Resource": "*"}),
		with_statement({"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sns:Publish", "Resource": "*", "Condition": {"StringEquals": {"AWS:SourceOwner": "111122223333"}}}),
		with_statement({"Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}, "Action": "sns:Publish", "Resource": "*"}),
		with_statement({"Effect": "Deny", "Principal": "*", "Action": "sns:Publish", "Resource": "*"}),
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 0 with input as inp
	}
}

test_fail_public if {
	c.deny == {{"msg": "the policy of topic orders lets anyone in (statement 0)", "path": "attributes.policy.document.Statement[0]"}} with input as with_statement({"Effect": "Allow", "Principal": "*", "Action": "sns:Publish", "Resource": "*"})
	count(c.deny) == 1 with input as with_statement({"Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": "sns:Publish", "Resource": "*"})
	count(c.deny) == 1 with input as with_statement({"Effect": "Allow", "Principal": "*", "Action": "sns:Publish", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceAccount": "*"}}})
	count(c.deny) == 1 with input as with_statement({"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sns:Publish", "Resource": "*"})
}

test_unknown if {
	every inp in [
		{"attributes": {"name": "orders"}, "unknown": {"policy": "access denied"}},
		res({"present": "yes"}),
		res({"present": true}),
		res({"present": true, "document": {"Version": "2012-10-17"}}),
		with_statement({"Effect": "Allow", "Action": "sns:Publish"}),
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) >= 1 with input as inp
	}
}
