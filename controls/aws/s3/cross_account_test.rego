package rampart.aws.s3.cross_account_test

import data.rampart.aws.s3.cross_account as c

bucket(statements, settings) := {
	"attributes": {"name": "b", "policy": {"present": true, "document": {"Statement": statements}}},
	"scope": {"platform": "aws", "account_id": "111122223333"},
	"settings": settings,
}

trusted := {"aws_trusted_accounts": ["444455556666"]}

allow(principal) := {"Effect": "Allow", "Principal": principal, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}

test_pass_own_and_trusted_accounts if {
	inp := bucket([allow({"AWS": ["arn:aws:iam::111122223333:role/app", "444455556666"]}), allow({"Service": "logging.s3.amazonaws.com"})], trusted)
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_pass_no_policy if {
	inp := {"attributes": {"name": "b", "policy": {"present": false}}, "scope": {"account_id": "111122223333"}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_pass_deny_statement if {
	count(c.deny) == 0 with input as bucket([{"Effect": "Deny", "Principal": {"AWS": "999988887777"}, "Action": "s3:*", "Resource": "*"}], trusted)
}

test_fail_foreign_account if {
	count(c.deny) == 1 with input as bucket([allow({"AWS": "arn:aws:iam::999988887777:root"})], trusted)
}

test_fail_everyone if {
	count(c.deny) == 1 with input as bucket([allow("*")], trusted)
}

test_pass_everyone_restricted_to_own_org if {
	st := object.union(allow("*"), {"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}})
	count(c.deny) == 0 with input as bucket([st], trusted)
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"name": "b"}}
	count(c.deny) == 0 with input as {"attributes": {"name": "b"}}

	# No trusted list, and no account (Terraform): a named principal is not judged.
	inp := bucket([allow({"AWS": "999988887777"})], {})
	count(c.unknown) == 1 with input as inp
	count(c.deny) == 0 with input as inp
	tf := {"attributes": {"name": "b", "policy": {"present": true, "document": {"Statement": [allow({"AWS": "999988887777"})]}}}, "scope": {"platform": "terraform"}, "settings": trusted}
	count(c.unknown) == 1 with input as tf
	count(c.deny) == 0 with input as tf
	count(c.unknown) == 1 with input as bucket([allow({"AWS": "AROAEXAMPLEID"})], trusted)
	count(c.unknown) == 1 with input as bucket([{"Effect": "Allow", "Action": "s3:*"}], trusted)
}
