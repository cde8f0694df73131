package rampart.aws.cloudfront.custom_certificate_test

import data.rampart.aws.cloudfront.custom_certificate as c

dist(attrs) := {"type": "aws.cloudfront.distribution", "id": "arn:aws:cloudfront::111122223333:distribution/E1", "attributes": object.union({"distribution_id": "E1"}, attrs)}

test_pass if {
	count(c.deny) == 0 with input as dist({"viewer_certificate": {"cloudfront_default_certificate": false}})
	count(c.unknown) == 0 with input as dist({"viewer_certificate": {"cloudfront_default_certificate": false}})
}

test_fail if {
	c.deny == {{"msg": "distribution E1 uses the default CloudFront certificate", "path": "attributes.viewer_certificate.cloudfront_default_certificate"}} with input as dist({"viewer_certificate": {"cloudfront_default_certificate": true}})
}

test_unknown if {
	every inp in [dist({}), dist({"viewer_certificate": {"cloudfront_default_certificate": "true"}})] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
