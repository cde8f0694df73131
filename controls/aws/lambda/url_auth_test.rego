package rampart.aws.lambda.url_auth_test

import data.rampart.aws.lambda.url_auth as c

fn(urls) := {"type": "aws.lambda.function", "attributes": {"function_name": "f", "function_urls": urls}}

test_pass if {
	every inp in [fn([]), fn([{"qualifier": "", "auth_type": "AWS_IAM", "cors_allow_origins": []}])] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 0 with input as inp
	}
}

test_fail if {
	c.deny == {{"msg": "Lambda function f has a URL (alias live) without authentication (auth type NONE)", "path": "attributes.function_urls[1].auth_type"}} with input as fn([{"qualifier": "", "auth_type": "AWS_IAM"}, {"qualifier": "live", "auth_type": "NONE"}])
}

test_unknown if {
	every inp in [
		{"attributes": {"function_name": "f"}, "unknown": {"function_urls": "access denied: needs lambda:ListFunctionUrlConfigs"}},
		fn([{"qualifier": ""}]),
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
