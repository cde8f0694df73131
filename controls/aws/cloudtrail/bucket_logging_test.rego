package rampart.aws.cloudtrail.bucket_logging_test

import data.rampart.aws.cloudtrail.bucket_logging as c

bucket(logging) := {"type": "aws.s3.bucket", "id": "arn:aws:s3:::logs", "attributes": {"name": "logs", "logging": logging}}

trail(buckets) := {"type": "aws.cloudtrail.trail", "id": "t", "attributes": {"name": "main", "s3_bucket_name": "logs"}, "related": {"bucket": buckets}}

test_pass_bucket_logs if {
	inp := trail([bucket({"enabled": true, "target_bucket": "access"})])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_bucket_without_logging if {
	inp := trail([bucket({"enabled": false})])
	c.deny == {{"msg": "bucket logs receiving the logs of trail main has no server access logging", "path": "related.bucket"}} with input as inp
	count(c.unknown) == 0 with input as inp
}

test_unknown_bucket_absent if {
	inp := trail([])
	count(c.deny) == 0 with input as inp
	c.unknown == {{"msg": "bucket logs of trail main is not in the evidence (another account, or not collected)", "path": "related.bucket"}} with input as inp
}

test_unknown_bucket_logging_not_collected if {
	b := {"id": "arn:aws:s3:::logs", "attributes": {"name": "logs"}, "unknown": {"logging": "403: s3:GetBucketLogging"}}
	inp := trail([b])
	count(c.deny) == 0 with input as inp
	c.unknown == {{"msg": "access logging of bucket arn:aws:s3:::logs is unknown: 403: s3:GetBucketLogging", "path": "related.bucket"}} with input as inp
}

test_unknown_logging_wrong_type if {
	inp := trail([bucket({"enabled": "false"})])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 1 with input as inp
}

test_unknown_bucket_name if {
	inp := {"attributes": {"name": "main"}, "related": {"bucket": []}}
	count(c.deny) == 0 with input as inp
	c.unknown == {{"msg": "the trail's s3_bucket_name is unknown", "path": "attributes.s3_bucket_name"}} with input as inp
}

test_unknown_without_related if {
	inp := {"attributes": {"name": "main", "s3_bucket_name": "logs"}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 1 with input as inp
}
