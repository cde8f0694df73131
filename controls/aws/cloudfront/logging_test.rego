package rampart.aws.cloudfront.logging_test

import data.rampart.aws.cloudfront.logging as c

dist(attrs) := {"type": "aws.cloudfront.distribution", "id": "arn:aws:cloudfront::111122223333:distribution/E1", "attributes": object.union({"distribution_id": "E1"}, attrs)}

test_pass if {
	count(c.deny) == 0 with input as dist({"logging_enabled": true})
	count(c.unknown) == 0 with input as dist({"logging_enabled": true})
}

test_fail if {
	c.deny == {{"msg": "distribution E1 does not write standard access logs", "path": "attributes.logging_enabled"}} with input as dist({"logging_enabled": false})
}

test_unknown if {
	every inp in [dist({}), dist({"logging_enabled": null}), dist({"logging_enabled": "false"})] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
