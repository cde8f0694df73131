package rampart.aws.kms.not_public_test

import data.rampart.aws.kms.not_public as c

key(policy) := {"type": "aws.kms.key", "id": "arn:aws:kms:eu-west-1:111122223333:key/k1", "attributes": {"key_id": "k1", "customer_managed": true, "policy": policy}}

with_statement(st) := key({"present": true, "document": {"Version": "2012-10-17", "Statement": [st]}})

test_pass if {
	every inp in [
		key({"present": false}),
		with_statement({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}),
		with_statement({"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["kms:Decrypt", "kms:CreateGrant"], "Resource": "*", "Condition": {"StringEquals": {"kms:CallerAccount": "111122223333", "kms:ViaService": "ec2.eu-west-1.amazonaws.com"}}}),
		{"type": "aws.kms.key", "id": "arn:aws:kms:eu-west-1:111122223333:key/aws", "attributes": {"key_id": "aws", "customer_managed": false}},
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 0 with input as inp
	}
}

test_fail_public if {
	c.deny == {{"msg": "the key policy of key k1 lets anyone in (statement 0)", "path": "attributes.policy.document.Statement[0]"}} with input as with_statement({"Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*"})
	count(c.deny) == 1 with input as with_statement({"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:*", "Resource": "*", "Condition": {"StringEquals": {"kms:CallerAccount": "*"}}})
	count(c.deny) == 1 with input as with_statement({"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"})
}

test_unknown if {
	every inp in [
		{"attributes": {"key_id": "k1", "customer_managed": true}, "unknown": {"policy": "access denied: needs kms:GetKeyPolicy"}},
		{"attributes": {"key_id": "k1"}, "unknown": {"customer_managed": "access denied: needs kms:DescribeKey"}},
		key({"present": "yes"}),
		key({"present": true}),
		key({"present": true, "document": {"Version": "2012-10-17"}}),
		with_statement({"Effect": "Allow", "Action": "kms:Decrypt"}),
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) >= 1 with input as inp
	}
}
