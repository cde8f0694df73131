package rampart.aws.apigateway.v2_access_logging_test

import data.rampart.aws.apigateway.v2_access_logging as c

api(attrs) := {"type": "aws.apigatewayv2.api", "id": "arn:aws:apigateway:eu-west-1::/apis/h1", "attributes": object.union({"api_id": "h1", "name": "events"}, attrs)}

stage(v) := {"stage_name": "prod", "access_logs_enabled": v}

test_pass if {
	count(c.deny) == 0 with input as api({"stages": [stage(true)]})
	count(c.unknown) == 0 with input as api({"stages": [stage(true)]})
}

test_fail if {
	c.deny == {{"msg": "stage prod of API events writes no access logs", "path": "attributes.stages[0].access_logs_enabled"}} with input as api({"stages": [stage(false)]})
}

test_unknown if {
	every inp in [api({}), api({"stages": null}), api({"stages": [{"stage_name": "prod"}]})] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
