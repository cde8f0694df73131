package rampart.aws.apigateway.client_certificate_test

import data.rampart.aws.apigateway.client_certificate as c

api(attrs) := {"type": "aws.apigateway.rest_api", "id": "arn:aws:apigateway:eu-west-1::/restapis/a1", "attributes": object.union({"rest_api_id": "a1", "name": "orders"}, attrs)}

stage(v) := {"stage_name": "prod", "client_certificate_enabled": v}

test_pass if {
	count(c.deny) == 0 with input as api({"stages": [stage(true)]})
	count(c.unknown) == 0 with input as api({"stages": [stage(true)]})
}

test_fail if {
	c.deny == {{"msg": "stage prod of API orders has no client certificate for its back ends", "path": "attributes.stages[0].client_certificate_enabled"}} with input as api({"name": "orders", "stages": [stage(false)]})
}

test_unknown if {
	every inp in [api({}), api({"stages": null}), api({"stages": [{"stage_name": "prod"}]})] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
