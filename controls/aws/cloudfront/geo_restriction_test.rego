package rampart.aws.cloudfront.geo_restriction_test

import data.rampart.aws.cloudfront.geo_restriction as c

dist(attrs) := {"type": "aws.cloudfront.distribution", "id": "arn:aws:cloudfront::111122223333:distribution/E1", "attributes": object.union({"distribution_id": "E1"}, attrs)}

test_pass if {
	count(c.deny) == 0 with input as dist({"geo_restriction_type": "whitelist"})
	count(c.unknown) == 0 with input as dist({"geo_restriction_type": "blacklist"})
}

test_fail if {
	c.deny == {{"msg": "distribution E1 serves every country (no geographic restriction)", "path": "attributes.geo_restriction_type"}} with input as dist({"geo_restriction_type": "none"})
}

test_unknown if {
	every inp in [dist({}), dist({"geo_restriction_type": null})] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
