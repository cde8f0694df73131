package rampart.aws.account.s3_public_access_block_test

import data.rampart.aws.account.s3_public_access_block as c

all_on := {"configured": true, "block_public_acls": true, "ignore_public_acls": true, "block_public_policy": true, "restrict_public_buckets": true}

test_pass_all_on if {
	count(c.deny) == 0 with input as {"attributes": {"s3_public_access_block": all_on}}
	count(c.unknown) == 0 with input as {"attributes": {"s3_public_access_block": all_on}}
}

test_fail_one_off if {
	count(c.deny) == 1 with input as {"attributes": {"s3_public_access_block": object.union(all_on, {"block_public_policy": false})}}
}

test_fail_none if {
	count(c.deny) == 1 with input as {"attributes": {"s3_public_access_block": {"configured": false}}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.unknown) == 4 with input as {"attributes": {"s3_public_access_block": {"configured": true}}}
	count(c.deny) == 0 with input as {"attributes": {"s3_public_access_block": {"configured": true}}}
}
