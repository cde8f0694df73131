package rampart.aws.apigateway.waf_test

import data.rampart.aws.apigateway.waf as c

api(attrs) := {"type": "aws.apigateway.rest_api", "id": "arn:aws:apigateway:eu-west-1::/restapis/a1", "attributes": object.union({"rest_api_id": "a1", "name": "orders"}, attrs)}

stage(v) := {"stage_name": "prod", "web_acl_arn": v}

test_pass if {
	count(c.deny) == 0 with input as api({"stages": [stage("x-1")]})
	count(c.unknown) == 0 with input as api({"stages": [stage("x-1")]})
}

test_fail if {
	c.deny == {{"msg": "stage prod of API orders has no AWS WAF web ACL", "path": "attributes.stages[0].web_acl_arn"}} with input as api({"name": "orders", "stages": [stage("")]})
}

test_unknown if {
	every inp in [api({}), api({"stages": null}), api({"stages": [{"stage_name": "prod"}]})] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
