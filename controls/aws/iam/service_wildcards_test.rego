package rampart.aws.iam.service_wildcards_test

import data.rampart.aws.iam.service_wildcards as c

pol(managed, sts) := {"attributes": {"policy_name": "p", "aws_managed": managed, "document": {"Statement": sts}}}

test_pass_named if {
	inp := pol(false, [
		{"Effect": "Allow", "Action": ["cloudtrail:Get*", "cloudtrail:Describe*", "kms:Decrypt"], "Resource": "*"},
		{"Effect": "Allow", "Action": "kms:*", "Resource": "arn:aws:kms:eu-west-1:111122223333:key/k"},
		{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111122223333:role/deploy"},
	])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
	count(c.deny) == 0 with input as pol(true, [{"Effect": "Allow", "Action": "kms:*", "Resource": "*"}])
}

test_fail_wildcards if {
	count(c.deny) == 1 with input as pol(false, [{"Effect": "Allow", "Action": "cloudtrail:*", "Resource": "*"}])
	count(c.deny) == 1 with input as pol(false, [{"Effect": "Allow", "Action": "KMS:*", "Resource": ["*"]}])
	count(c.deny) == 1 with input as pol(false, [{"Effect": "Allow", "Action": "sts:Assume*", "Resource": "*"}])
	count(c.deny) == 3 with input as pol(false, [{"Effect": "Allow", "Action": "*", "Resource": "*"}])
}

test_unknown_missing if {
	count(c.unknown) == 2 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as pol(false, [{"Effect": "Allow", "Resource": "*"}])
	count(c.deny) == 0 with input as pol(false, [{"Effect": "Allow", "Resource": "*"}])
}
