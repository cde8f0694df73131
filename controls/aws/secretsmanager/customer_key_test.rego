package rampart.aws.secretsmanager.customer_key_test

import data.rampart.aws.secretsmanager.customer_key as c

secret(cmk) := {"type": "aws.secretsmanager.secret", "id": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-a1B2c3", "attributes": {"name": "db", "customer_managed_key": cmk}}

test_pass if {
	count(c.deny) == 0 with input as secret(true)
	count(c.unknown) == 0 with input as secret(true)
}

test_fail_aws_key if {
	c.deny == {{"msg": "secret db is encrypted with the AWS-managed key aws/secretsmanager", "path": "attributes.customer_managed_key"}} with input as secret(false)
}

test_unknown if {
	every inp in [secret(null), secret("yes"), {"attributes": {"name": "db"}, "unknown": {"customer_managed_key": "unknown until apply: var.key"}}] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
