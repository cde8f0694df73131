package rampart.aws.apigateway.v2_authorizers_test

import data.rampart.aws.apigateway.v2_authorizers as c

api(attrs) := {"type": "aws.apigatewayv2.api", "id": "arn:aws:apigateway:eu-west-1::/apis/h1", "attributes": object.union({"api_id": "h1", "name": "events"}, attrs)}

test_pass if {
	count(c.deny) == 0 with input as api({"authorizers": 2})
	count(c.unknown) == 0 with input as api({"authorizers": 1})
}

test_fail if {
	c.deny == {{"msg": "API x has no authorizer", "path": "attributes.authorizers"}} with input as api({"name": "x", "authorizers": 0})
}

test_unknown if {
	every inp in [api({}), api({"authorizers": null}), api({"authorizers": "0"})] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
