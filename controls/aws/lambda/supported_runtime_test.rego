package rampart.aws.lambda.supported_runtime_test

import data.rampart.aws.lambda.supported_runtime as c

fn(rt) := {"type": "aws.lambda.function", "attributes": {"function_name": "f", "package_type": "Zip", "runtime": rt}}

# 2026-11-27, the clock of the example audits.
now := 1795737600000000000

test_pass if {
	every inp in [fn("python3.12"), fn("nodejs22.x"), {"attributes": {"function_name": "f", "package_type": "Image"}}] {
		count(c.deny) == 0 with input as inp with time.now_ns as now
		count(c.unknown) == 0 with input as inp with time.now_ns as now
	}
}

test_fail_deprecated if {
	c.deny == {{"msg": "Lambda function f runs on python3.7, deprecated since 2023-12-04", "path": "attributes.runtime"}} with input as fn("python3.7") with time.now_ns as now
	count(c.deny) == 1 with input as fn("nodejs20.x") with time.now_ns as now
}

test_deprecation_day if {
	# python3.10 is deprecated from 2026-10-31 on, not the day before.
	count(c.deny) == 0 with input as fn("python3.10") with time.now_ns as time.parse_ns("2006-01-02", "2026-10-30")
	count(c.deny) == 1 with input as fn("python3.10") with time.now_ns as time.parse_ns("2006-01-02", "2026-10-31")
}

test_unknown if {
	every inp in [fn("cobol1.x"), {"attributes": {"function_name": "f", "package_type": "Zip"}}, {"attributes": {"function_name": "f", "runtime": "python3.12"}}] {
		count(c.deny) == 0 with input as inp with time.now_ns as now
		count(c.unknown) == 1 with input as inp with time.now_ns as now
	}
}
