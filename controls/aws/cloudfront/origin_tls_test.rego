package rampart.aws.cloudfront.origin_tls_test

import data.rampart.aws.cloudfront.origin_tls as c

dist(attrs) := {"type": "aws.cloudfront.distribution", "id": "arn:aws:cloudfront::111122223333:distribution/E1", "attributes": object.union({"distribution_id": "E1"}, attrs)}

test_pass if {
	inp := dist({"origins": [{"id": "api", "type": "custom", "origin_ssl_protocols": ["TLSv1.2"]}, {"id": "site", "type": "s3"}]})
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail if {
	c.deny == {{"msg": "custom origin mirror of distribution E1 allows TLSv1, TLSv1.1", "path": "attributes.origins[0].origin_ssl_protocols"}} with input as dist({"origins": [{"id": "mirror", "type": "custom", "origin_ssl_protocols": ["TLSv1", "TLSv1.1", "TLSv1.2"]}]})
}

test_unknown if {
	every inp in [dist({}), dist({"origins": [{"id": "api", "type": "custom"}]})] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
