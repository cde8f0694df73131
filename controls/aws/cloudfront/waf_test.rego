package rampart.aws.cloudfront.waf_test

import data.rampart.aws.cloudfront.waf as c

dist(attrs) := {"type": "aws.cloudfront.distribution", "id": "arn:aws:cloudfront::111122223333:distribution/E1", "attributes": object.union({"distribution_id": "E1"}, attrs)}

test_pass if {
	count(c.deny) == 0 with input as dist({"web_acl_id": "x-1"})
	count(c.unknown) == 0 with input as dist({"web_acl_id": "x-1"})
}

test_fail if {
	c.deny == {{"msg": "distribution E1 has no AWS WAF web ACL", "path": "attributes.web_acl_id"}} with input as dist({"web_acl_id": ""})
}

test_unknown if {
	every inp in [dist({}), dist({"web_acl_id": null}), dist({"web_acl_id": false})] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
