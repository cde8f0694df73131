package rampart.aws.lambda.in_vpc_test

import data.rampart.aws.lambda.in_vpc as c

fn(v) := {"attributes": {"function_name": "f", "in_vpc": v}}

test_pass if {
	count(c.deny) == 0 with input as fn(true)
	count(c.unknown) == 0 with input as fn(true)
}

test_fail if {
	c.deny == {{"msg": "Lambda function f is not attached to a VPC", "path": "attributes.in_vpc"}} with input as fn(false)
}

test_unknown if {
	every inp in [fn(null), fn("true")] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
