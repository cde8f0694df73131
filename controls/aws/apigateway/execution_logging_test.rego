package rampart.aws.apigateway.execution_logging_test

import data.rampart.aws.apigateway.execution_logging as c

api(attrs) := {"type": "aws.apigateway.rest_api", "id": "arn:aws:apigateway:eu-west-1::/restapis/a1", "attributes": object.union({"rest_api_id": "a1", "name": "orders"}, attrs)}

stage(v) := {"stage_name": "prod", "logging_level": v}

test_pass if {
	count(c.deny) == 0 with input as api({"stages": [stage("INFO")]})
	count(c.unknown) == 0 with input as api({"stages": [stage("INFO")]})
}

test_fail if {
	c.deny == {{"msg": "stage prod of API orders does not log execution (logging level OFF)", "path": "attributes.stages[0].logging_level"}} with input as api({"name": "orders", "stages": [stage("OFF")]})
}

test_unknown if {
	every inp in [api({}), api({"stages": null}), api({"stages": [{"stage_name": "prod"}]})] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
