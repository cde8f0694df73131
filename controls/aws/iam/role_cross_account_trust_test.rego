package rampart.aws.iam.role_cross_account_trust_test

import data.rampart.aws.iam.role_cross_account_trust as c

role(sts) := {"scope": {"platform": "aws", "account_id": "111122223333"}, "attributes": {"role_name": "r", "assume_role_policy": {"Statement": sts}}}

foreign := {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "sts:AssumeRole"}

test_pass_own_account_and_external_id if {
	inp := role([
		{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:role/ci", "111122223333"]}, "Action": "sts:AssumeRole"},
		object.union(foreign, {"Condition": {"StringEquals": {"sts:ExternalId": "f00d"}}}),
		{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"},
		{"Effect": "Deny", "Principal": {"AWS": "444455556666"}, "Action": "sts:AssumeRole"},
	])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_foreign_without_external_id if {
	count(c.deny) == 1 with input as role([foreign])
	count(c.deny) == 1 with input as role([object.union(foreign, {"Principal": {"AWS": ["111122223333", "444455556666"]}})])
	count(c.deny) == 1 with input as role([object.union(foreign, {"Condition": {"StringEquals": {"sts:ExternalId": "*"}}})])
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"scope": {"account_id": "111122223333"}, "attributes": {}}
	count(c.deny) == 0 with input as {"scope": {"account_id": "111122223333"}, "attributes": {}}
}

test_unknown_account if {
	inp := object.remove(role([foreign]), ["scope"])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 1 with input as inp
}

test_unknown_principal_without_account if {
	inp := role([object.union(foreign, {"Principal": {"AWS": "AROAEXAMPLEDELETED"}})])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 1 with input as inp
}
