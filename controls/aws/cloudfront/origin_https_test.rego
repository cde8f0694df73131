package rampart.aws.cloudfront.origin_https_test

import data.rampart.aws.cloudfront.origin_https as c

dist(attrs) := {"type": "aws.cloudfront.distribution", "id": "arn:aws:cloudfront::111122223333:distribution/E1", "attributes": object.union({"distribution_id": "E1"}, attrs)}

https := [{"path_pattern": "*", "viewer_protocol_policy": "redirect-to-https"}]

test_pass if {
	inp := dist({"cache_behaviors": https, "origins": [{"id": "api", "type": "custom", "origin_protocol_policy": "https-only"}, {"id": "site", "type": "s3"}]})
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_custom if {
	c.deny == {{"msg": "custom origin api of distribution E1 is reached with match-viewer, not https-only", "path": "attributes.origins[0].origin_protocol_policy"}} with input as dist({"cache_behaviors": https, "origins": [{"id": "api", "type": "custom", "origin_protocol_policy": "match-viewer"}]})
}

test_fail_s3_allow_all if {
	c.deny == {{"msg": "S3 origin site of distribution E1 is served to viewers over plain HTTP (default behavior allow-all)", "path": "attributes.origins[0]"}} with input as dist({"cache_behaviors": [{"path_pattern": "*", "viewer_protocol_policy": "allow-all"}], "origins": [{"id": "site", "type": "s3"}]})
}

test_unknown if {
	every inp in [dist({"cache_behaviors": https}), dist({"cache_behaviors": https, "origins": [{"id": "api", "type": "custom"}]}), dist({"origins": [{"id": "site", "type": "s3"}]})] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
