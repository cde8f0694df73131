package rampart.aws.ec2.imdsv2_test

import data.rampart.aws.ec2.imdsv2 as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"instance_id": "x", "imdsv2_required": true}}
	count(c.unknown) == 0 with input as {"attributes": {"instance_id": "x", "imdsv2_required": true}}
}

test_fail if {
	count(c.deny) == 1 with input as {"attributes": {"instance_id": "x", "imdsv2_required": false}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"instance_id": "x"}}
	count(c.deny) == 0 with input as {"attributes": {"instance_id": "x"}}
}
