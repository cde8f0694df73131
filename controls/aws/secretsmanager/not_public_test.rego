package rampart.aws.secretsmanager.not_public_test

import data.rampart.aws.secretsmanager.not_public as c

secret(policy) := {"type": "aws.secretsmanager.secret", "id": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-a1B2c3", "attributes": {"name": "db", "policy": policy}}

with_statement(st) := secret({"present": true, "document": {"Version": "2012-10-17", "Statement": [st]}})

test_pass if {
	every inp in [
		secret({"present": false}),
		with_statement({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/app"}, "Action": "secretsmanager:GetSecretValue", "Resource": "*"}),
		with_statement({"Effect": "Allow", "Principal": "*", "Action": "secretsmanager:GetSecretValue", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}}),
		with_statement({"Effect": "Deny", "Principal": "*", "Action": "secretsmanager:DeleteSecret", "Resource": "*"}),
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 0 with input as inp
	}
}

test_fail_public if {
	c.deny == {{"msg": "the resource policy of secret db lets anyone in (statement 0)", "path": "attributes.policy.document.Statement[0]"}} with input as with_statement({"Effect": "Allow", "Principal": "*", "Action": "secretsmanager:GetSecretValue", "Resource": "*"})
	count(c.deny) == 1 with input as with_statement({"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "secretsmanager:*", "Resource": "*"})
	count(c.deny) == 1 with input as with_statement({"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "secretsmanager:*", "Resource": "*"})
}

test_unknown if {
	every inp in [
		{"attributes": {"name": "db"}, "unknown": {"policy": "access denied: needs secretsmanager:GetResourcePolicy"}},
		secret({"present": "yes"}),
		secret({"present": true, "document": {"Version": "2012-10-17"}}),
		secret({"present": true}),
		secret({"present": true, "document": "{}"}),
		with_statement({"Effect": "Allow", "Action": "secretsmanager:GetSecretValue"}),
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) >= 1 with input as inp
	}
}

test_pass_own_account if {
	inp := with_statement({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/app"}, "Action": "secretsmanager:GetSecretValue", "Resource": "*"})
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}
