package rampart.aws.s3.pab_configured_test

import data.rampart.aws.s3.pab_configured as c

on := {"id": "example", "attributes": {"public_access_block": {"configured": true}}}

off := {"id": "example", "attributes": {"public_access_block": {"configured": false}}}

missing := {"id": "example", "attributes": {}}

test_pass_when_on if {
	count(c.deny) == 0 with input as on
	count(c.unknown) == 0 with input as on
}

test_fail_when_off if {
	got := c.deny with input as off
	print("deny:", got)
	trace(sprintf("deny with the bucket off: %v", [got]))
	c.deny == {{"msg": "example: configured is off", "path": "attributes.public_access_block.configured"}} with input as off
}

test_unknown_when_missing if {
	count(c.deny) == 0 with input as missing
	count(c.unknown) == 1 with input as missing
}
