package rampart.aws.lambda.env_cmk_test

import data.rampart.aws.lambda.env_cmk as c

fn(vars, key) := {"attributes": {"function_name": "f", "environment_variables": vars, "kms_key_arn": key}}

test_pass if {
	every inp in [fn(["TABLE"], "arn:aws:kms:eu-west-1:111122223333:key/k"), fn([], "")] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 0 with input as inp
	}
}

test_fail if {
	c.deny == {{"msg": "the environment variables of Lambda function f are encrypted with Lambda's AWS-managed key", "path": "attributes.kms_key_arn"}} with input as fn(["TABLE"], "")
}

test_unknown if {
	every inp in [fn(null, ""), fn(["TABLE"], null)] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
