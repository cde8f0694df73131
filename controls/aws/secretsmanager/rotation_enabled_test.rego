package rampart.aws.secretsmanager.rotation_enabled_test

import data.rampart.aws.secretsmanager.rotation_enabled as c

secret(on) := {"type": "aws.secretsmanager.secret", "id": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-a1B2c3", "attributes": {"name": "db", "rotation_enabled": on}}

test_pass_rotating if {
	count(c.deny) == 0 with input as secret(true)
	count(c.unknown) == 0 with input as secret(true)
}

test_fail_not_rotating if {
	c.deny == {{"msg": "secret db does not rotate automatically", "path": "attributes.rotation_enabled"}} with input as secret(false)
}

test_unknown if {
	every inp in [secret(null), secret("true"), {"attributes": {"name": "db"}, "unknown": {"rotation_enabled": "access denied"}}] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
