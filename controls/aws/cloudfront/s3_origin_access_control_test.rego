package rampart.aws.cloudfront.s3_origin_access_control_test

import data.rampart.aws.cloudfront.s3_origin_access_control as c

dist(attrs) := {"type": "aws.cloudfront.distribution", "id": "arn:aws:cloudfront::111122223333:distribution/E1", "attributes": object.union({"distribution_id": "E1"}, attrs)}

s3(oac, oai) := {"id": "site", "type": "s3", "origin_access_control_id": oac, "origin_access_identity": oai}

test_pass if {
	count(c.deny) == 0 with input as dist({"origins": [s3("E2OAC", ""), {"id": "api", "type": "custom"}]})
	count(c.unknown) == 0 with input as dist({"origins": [s3("E2OAC", ""), {"id": "api", "type": "custom"}]})
}

test_fail if {
	c.deny == {{"msg": "S3 origin site of distribution E1 is read with a legacy origin access identity, not through origin access control", "path": "attributes.origins[0]"}} with input as dist({"origins": [s3("", "origin-access-identity/cloudfront/E3")]})
	c.deny == {{"msg": "S3 origin site of distribution E1 is read anonymously (a public bucket), not through origin access control", "path": "attributes.origins[0]"}} with input as dist({"origins": [s3("", "")]})
}

test_unknown if {
	every inp in [dist({}), dist({"origins": null}), dist({"origins": [{"id": "site", "type": "s3"}]}), dist({"origins": [{"id": "x"}]})] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
