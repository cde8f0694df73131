package rampart.aws.s3.public_access_block_test

import data.rampart.aws.s3.public_access_block as c

all_on := {"configured": true, "block_public_acls": true, "ignore_public_acls": true, "block_public_policy": true, "restrict_public_buckets": true}

test_pass_all_on if {
	count(c.deny) == 0 with input as {"attributes": {"name": "b", "public_access_block": all_on}}
	count(c.unknown) == 0 with input as {"attributes": {"name": "b", "public_access_block": all_on}}
}

test_fail_one_off if {
	pab := object.union(all_on, {"restrict_public_buckets": false})
	c.deny == {{"msg": "Block Public Access setting restrict_public_buckets is off", "path": "attributes.public_access_block.restrict_public_buckets"}} with input as {"attributes": {"name": "b", "public_access_block": pab}}
}

test_fail_not_configured if {
	count(c.deny) == 1 with input as {"attributes": {"name": "b", "public_access_block": {"configured": false}}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"name": "b"}}
	count(c.unknown) == 1 with input as {"attributes": {"name": "b", "public_access_block": object.remove(all_on, ["ignore_public_acls"])}}
	count(c.deny) == 0 with input as {"attributes": {"name": "b", "public_access_block": object.remove(all_on, ["ignore_public_acls"])}}
}
