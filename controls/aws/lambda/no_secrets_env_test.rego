package rampart.aws.lambda.no_secrets_env_test

import data.rampart.aws.lambda.no_secrets_env as c

fn(s) := {"type": "aws.lambda.function", "attributes": {"function_name": "f", "environment_secret_like": s}}

test_pass if {
	count(c.deny) == 0 with input as fn([])
	count(c.unknown) == 0 with input as fn([])
}

test_fail if {
	c.deny == {{"msg": "environment variable AWS_SECRET_ACCESS_KEY of Lambda function f holds a secret (aws-secret-key)", "path": "attributes.environment_secret_like[0]"}} with input as fn([{"name": "AWS_SECRET_ACCESS_KEY", "kinds": ["aws-secret-key"]}])
}

test_unknown if {
	every inp in [{"attributes": {"function_name": "f"}, "unknown": {"environment_secret_like": "Lambda could not decrypt the environment variables"}}, fn([{"kinds": ["pem-block"]}]), fn([{"name": "K"}])] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
