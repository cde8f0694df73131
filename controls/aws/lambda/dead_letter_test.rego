package rampart.aws.lambda.dead_letter_test

import data.rampart.aws.lambda.dead_letter as c

fn(v) := {"attributes": {"function_name": "f", "dead_letter_configured": v}}

test_pass if {
	count(c.deny) == 0 with input as fn(true)
	count(c.unknown) == 0 with input as fn(true)
}

test_fail if {
	c.deny == {{"msg": "Lambda function f has no dead-letter queue", "path": "attributes.dead_letter_configured"}} with input as fn(false)
}

test_unknown if {
	every inp in [fn(null), {"attributes": {"function_name": "f"}}] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
