package rampart.aws.lambda.url_cors_test

import data.rampart.aws.lambda.url_cors as c

fn(urls) := {"type": "aws.lambda.function", "attributes": {"function_name": "f", "function_urls": urls}}

test_pass if {
	every inp in [fn([]), fn([{"auth_type": "AWS_IAM", "cors_allow_origins": ["https://app.example.com"]}]), fn([{"auth_type": "AWS_IAM", "cors_allow_origins": []}])] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 0 with input as inp
	}
}

test_fail if {
	c.deny == {{"msg": "a URL of Lambda function f allows every origin (CORS \"*\")", "path": "attributes.function_urls[0].cors_allow_origins"}} with input as fn([{"auth_type": "NONE", "cors_allow_origins": ["*"]}])
}

test_unknown if {
	every inp in [{"attributes": {"function_name": "f"}}, fn([{"auth_type": "NONE"}])] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}

test_unknown_origin if {
	count(c.deny) == 0 with input as fn([{"auth_type": "NONE", "cors_allow_origins": [null]}])
	count(c.unknown) == 1 with input as fn([{"auth_type": "NONE", "cors_allow_origins": [null]}])
}
