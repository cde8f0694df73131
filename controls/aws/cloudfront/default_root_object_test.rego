package rampart.aws.cloudfront.default_root_object_test

import data.rampart.aws.cloudfront.default_root_object as c

dist(attrs) := {"type": "aws.cloudfront.distribution", "id": "arn:aws:cloudfront::111122223333:distribution/E1", "attributes": object.union({"distribution_id": "E1"}, attrs)}

test_pass if {
	count(c.deny) == 0 with input as dist({"default_root_object": "x-1"})
	count(c.unknown) == 0 with input as dist({"default_root_object": "x-1"})
}

test_fail if {
	c.deny == {{"msg": "distribution E1 has no default root object", "path": "attributes.default_root_object"}} with input as dist({"default_root_object": ""})
}

test_unknown if {
	every inp in [dist({}), dist({"default_root_object": null}), dist({"default_root_object": false})] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
