package rampart.aws.apigateway.cache_encrypted_test

import data.rampart.aws.apigateway.cache_encrypted as c

api(attrs) := {"type": "aws.apigateway.rest_api", "id": "arn:aws:apigateway:eu-west-1::/restapis/a1", "attributes": object.union({"rest_api_id": "a1", "name": "orders"}, attrs)}

stage(v) := {"stage_name": "prod", "cache_data_encrypted": v, "cache_cluster_enabled": true}

test_pass if {
	count(c.deny) == 0 with input as api({"stages": [stage(true)]})
	count(c.unknown) == 0 with input as api({"stages": [stage(true)]})
}

test_fail if {
	c.deny == {{"msg": "stage prod of API orders caches responses unencrypted", "path": "attributes.stages[0].cache_data_encrypted"}} with input as api({"name": "orders", "stages": [stage(false)]})
}

test_unknown if {
	every inp in [api({}), api({"stages": null}), api({"stages": [{"stage_name": "prod", "cache_cluster_enabled": true}]})] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}

test_cache_off_not_judged if {
	count(c.deny) == 0 with input as api({"stages": [{"stage_name": "dev", "cache_cluster_enabled": false}]})
	count(c.unknown) == 0 with input as api({"stages": [{"stage_name": "dev", "cache_cluster_enabled": false}]})
}
