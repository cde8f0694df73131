package rampart.aws.iam.role_cross_account_trust_test

import data.rampart.aws.iam.role_cross_account_trust as c

role(sts) := trusting(sts, [])

trusting(sts, accounts) := {"scope": {"platform": "aws", "account_id": "111122223333"}, "attributes": {"role_name": "r", "assume_role_policy": {"Statement": sts}}, "settings": {"aws_trusted_accounts": accounts}}

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

# The workspace's own other accounts need no external ID; any account not
# listed still does.
test_pass_trusted_account if {
	inp := trusting([foreign], ["444455556666"])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_account_not_in_trusted_list if {
	inp := trusting([object.union(foreign, {"Principal": {"AWS": ["arn:aws:iam::444455556666:role/deploy", "777788889999"]}})], ["444455556666"])
	c.deny == {{"msg": "role r trusts 777788889999 in another account without requiring sts:ExternalId (statement 0)", "path": "attributes.assume_role_policy.Statement[0]"}} with input as inp
}

test_unknown_without_trusted_accounts if {
	inp := object.remove(role([foreign]), ["settings"])
	count(c.deny) == 0 with input as inp
	c.unknown == {{"msg": "the workspace's trusted accounts (input.settings.aws_trusted_accounts) were not given to the control", "path": "settings.aws_trusted_accounts"}} with input as inp
}

test_unknown_trusted_accounts_wrong_type if {
	inp := object.union(role([foreign]), {"settings": {"aws_trusted_accounts": [444455556666]}})
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 1 with input as inp
}

test_unknown_missing if {
	inp := {"scope": {"account_id": "111122223333"}, "attributes": {}, "settings": {"aws_trusted_accounts": []}}
	count(c.unknown) == 1 with input as inp
	count(c.deny) == 0 with input as inp
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
