package rampart.aws.iam.passrole_limited_test

import data.rampart.aws.iam.passrole_limited as c

pol(managed, sts) := {"attributes": {"policy_name": "p", "aws_managed": managed, "document": {"Statement": sts}}}

test_pass_named_roles if {
	inp := pol(false, [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/app-*"}])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
	count(c.deny) == 0 with input as pol(true, [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}])
}

test_fail_every_role if {
	every st in [
		{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"},
		{"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
		{"Effect": "Allow", "Action": "iam:passrole", "NotResource": "arn:aws:iam::111122223333:role/admin"},
	] {
		count(c.deny) == 1 with input as pol(false, [st])
	}
}

test_unknown_missing if {
	count(c.unknown) == 2 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as pol(false, [])
}
