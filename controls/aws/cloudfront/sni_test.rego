package rampart.aws.cloudfront.sni_test

import data.rampart.aws.cloudfront.sni as c

dist(attrs) := {"type": "aws.cloudfront.distribution", "id": "arn:aws:cloudfront::111122223333:distribution/E1", "attributes": object.union({"distribution_id": "E1"}, attrs)}

test_pass if {
	count(c.deny) == 0 with input as dist({"viewer_certificate": {"cloudfront_default_certificate": false, "ssl_support_method": "sni-only"}})
	count(c.unknown) == 0 with input as dist({"viewer_certificate": {"cloudfront_default_certificate": true, "ssl_support_method": ""}})
}

test_fail if {
	c.deny == {{"msg": "distribution E1 serves its certificate with vip, not sni-only", "path": "attributes.viewer_certificate.ssl_support_method"}} with input as dist({"viewer_certificate": {"cloudfront_default_certificate": false, "ssl_support_method": "vip"}})
}

test_unknown if {
	every inp in [dist({}), dist({"viewer_certificate": {"cloudfront_default_certificate": false}})] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
