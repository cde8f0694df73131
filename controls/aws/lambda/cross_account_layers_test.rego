package rampart.aws.lambda.cross_account_layers_test

import data.rampart.aws.lambda.cross_account_layers as c

fn(layers) := {"scope": {"platform": "aws", "account_id": "111122223333"}, "attributes": {"function_name": "f", "layers": layers}}

own := "arn:aws:lambda:eu-west-1:111122223333:layer:common:4"

other := "arn:aws:lambda:eu-west-1:999988887777:layer:utils:3"

test_pass if {
	every inp in [fn([]), fn([own]), {"scope": {"platform": "terraform"}, "attributes": {"function_name": "f", "layers": []}}] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 0 with input as inp
	}
}

test_fail if {
	c.deny == {{"msg": "Lambda function f uses layer arn:aws:lambda:eu-west-1:999988887777:layer:utils:3 of account 999988887777", "path": "attributes.layers[1]"}} with input as fn([own, other])
}

test_unknown if {
	every inp in [
		{"attributes": {"function_name": "f"}},
		{"scope": {"platform": "terraform"}, "attributes": {"function_name": "f", "layers": [other]}},
		fn(["not-an-arn"]),
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
