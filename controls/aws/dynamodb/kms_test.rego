package rampart.aws.dynamodb.kms_test

import data.rampart.aws.dynamodb.kms as c

res(v) := {"type": "aws.dynamodb.table", "id": "arn:aws:dynamodb:eu-west-1:111122223333:table/orders", "attributes": {"name": "orders", "encryption": v}}

test_pass if {
	count(c.deny) == 0 with input as res("KMS")
	count(c.unknown) == 0 with input as res("KMS")
}

test_fail if {
	c.deny == {{"msg": "table orders is encrypted with DynamoDB's own key, not a KMS key", "path": "attributes.encryption"}} with input as res("AWS_OWNED")
	count(c.unknown) == 0 with input as res("AWS_OWNED")
}

test_unknown if {
	every inp in [res(null), res("kms"), res(true), {"attributes": {"name": "orders"}, "unknown": {"encryption": "access denied: needs dynamodb:DescribeTable"}}] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
