package rampart.aws.kms.cross_account_test

import data.rampart.aws.kms.cross_account as c

settings := {"aws_trusted_accounts": ["444455556666"]}

key(principal) := {
	"type": "aws.kms.key", "id": "arn:aws:kms:eu-west-1:111122223333:key/k1",
	"scope": {"platform": "aws", "account_id": "111122223333", "region": "eu-west-1"},
	"attributes": {"key_id": "k1", "customer_managed": true, "policy": {"present": true, "document": {"Statement": [{"Effect": "Allow", "Principal": {"AWS": principal}, "Action": "kms:Decrypt", "Resource": "*"}]}}},
	"settings": settings,
}

test_pass if {
	every inp in [
		key("arn:aws:iam::111122223333:role/app"),
		key("arn:aws:iam::444455556666:root"),
		key("*"),
		object.union(key("x"), {"attributes": {"key_id": "k1", "customer_managed": true, "policy": {"present": false}}}),
		{"type": "aws.kms.key", "id": "arn:aws:kms:eu-west-1:111122223333:key/aws", "scope": {"account_id": "111122223333"}, "attributes": {"key_id": "aws", "customer_managed": false}, "settings": settings},
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 0 with input as inp
	}
}

test_fail_foreign if {
	c.deny == {{"msg": "key k1 is shared with arn:aws:iam::999988887777:root in another account (statement 0)", "path": "attributes.policy.document.Statement[0]"}} with input as key("arn:aws:iam::999988887777:root")
	count(c.deny) == 1 with input as key(["999988887777", "arn:aws:iam::111122223333:role/app"])
}

test_unknown if {
	every inp in [
		object.remove(key("arn:aws:iam::999988887777:root"), ["settings"]),
		object.remove(key("arn:aws:iam::999988887777:root"), ["scope"]),
		key("AROAEXAMPLEID"),
		object.union(key("x"), {"attributes": {"key_id": "k1", "customer_managed": true, "policy": {"present": true}}}),
		{"attributes": {"key_id": "k1", "customer_managed": true}, "settings": settings, "scope": {"account_id": "111122223333"}},
		{"attributes": {"key_id": "k1"}, "settings": settings, "scope": {"account_id": "111122223333"}},
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) >= 1 with input as inp
	}
}
