package rampart.aws.inspector.enabled_test

import data.rampart.aws.inspector.enabled as c

account(ec2, ecr, lambda) := {"scope": {"region": "eu-west-1"}, "attributes": {"status": "ENABLED", "ec2": ec2, "ecr": ecr, "lambda": lambda, "findings": []}}

test_pass if {
	count(c.deny) == 0 with input as account("ENABLED", "ENABLED", "ENABLED")
	count(c.unknown) == 0 with input as account("ENABLED", "ENABLED", "ENABLED")
}

test_fail if {
	c.deny == {{"msg": "Amazon Inspector does not scan Lambda functions in eu-west-1 (DISABLED)", "path": "attributes.lambda"}} with input as account("ENABLED", "ENABLED", "DISABLED")
	count(c.deny) == 3 with input as account("DISABLED", "SUSPENDED", "DISABLING")
}

test_unknown_when_missing if {
	c.unknown == {{"msg": "whether Inspector scans ECR images is unknown", "path": "attributes.ecr"}} with input as {"attributes": {"ec2": "ENABLED", "lambda": "ENABLED"}}
	count(c.deny) == 0 with input as {"attributes": {"ec2": "ENABLED", "lambda": "ENABLED"}}
}
