package rampart.aws.cloudfront.viewer_tls_test

import data.rampart.aws.cloudfront.viewer_tls as c

dist(attrs) := {"type": "aws.cloudfront.distribution", "id": "arn:aws:cloudfront::111122223333:distribution/E1", "attributes": object.union({"distribution_id": "E1"}, attrs)}

cert(dflt, version) := {"cloudfront_default_certificate": dflt, "minimum_protocol_version": version, "ssl_support_method": "sni-only"}

test_pass if {
	every v in ["TLSv1.2_2021", "TLSv1.3_2025"] {
		count(c.deny) == 0 with input as dist({"viewer_certificate": cert(false, v)})
		count(c.unknown) == 0 with input as dist({"viewer_certificate": cert(false, v)})
	}
}

test_fail_old_policy if {
	c.deny == {{"msg": "distribution E1 accepts TLS older than 1.2 from viewers (minimum protocol TLSv1.1_2016)", "path": "attributes.viewer_certificate.minimum_protocol_version"}} with input as dist({"viewer_certificate": cert(false, "TLSv1.1_2016")})
}

test_fail_default_certificate if {
	c.deny == {{"msg": "distribution E1 accepts TLS older than 1.2 from viewers: it uses the default CloudFront certificate", "path": "attributes.viewer_certificate.cloudfront_default_certificate"}} with input as dist({"viewer_certificate": cert(true, "TLSv1")})
}

test_unknown if {
	every inp in [dist({}), dist({"viewer_certificate": {}}), dist({"viewer_certificate": {"cloudfront_default_certificate": false}})] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
