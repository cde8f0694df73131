package rampart.aws.lambda.tracing_test

import data.rampart.aws.lambda.tracing as c

fn(m) := {"attributes": {"function_name": "f", "tracing_mode": m}}

test_pass if {
	count(c.deny) == 0 with input as fn("Active")
	count(c.unknown) == 0 with input as fn("Active")
}

test_fail if {
	c.deny == {{"msg": "Lambda function f does not trace requests (tracing mode PassThrough)", "path": "attributes.tracing_mode"}} with input as fn("PassThrough")
}

test_unknown if {
	every inp in [fn(null), {"attributes": {"function_name": "f"}}] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
