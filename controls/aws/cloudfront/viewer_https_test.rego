package rampart.aws.cloudfront.viewer_https_test

import data.rampart.aws.cloudfront.viewer_https as c

dist(attrs) := {"type": "aws.cloudfront.distribution", "id": "arn:aws:cloudfront::111122223333:distribution/E1", "attributes": object.union({"distribution_id": "E1"}, attrs)}

test_pass if {
	count(c.deny) == 0 with input as dist({"cache_behaviors": [{"path_pattern": "*", "viewer_protocol_policy": "redirect-to-https"}, {"path_pattern": "/api/*", "viewer_protocol_policy": "https-only"}]})
	count(c.unknown) == 0 with input as dist({"cache_behaviors": [{"path_pattern": "*", "viewer_protocol_policy": "redirect-to-https"}]})
}

test_fail_ordered_behavior if {
	c.deny == {{"msg": "cache behavior /img/* of distribution E1 allows plain HTTP (viewer protocol policy allow-all)", "path": "attributes.cache_behaviors[1].viewer_protocol_policy"}} with input as dist({"cache_behaviors": [{"path_pattern": "*", "viewer_protocol_policy": "https-only"}, {"path_pattern": "/img/*", "viewer_protocol_policy": "allow-all"}]})
}

test_unknown if {
	every inp in [dist({}), dist({"cache_behaviors": null}), dist({"cache_behaviors": [{"path_pattern": "*"}]})] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
