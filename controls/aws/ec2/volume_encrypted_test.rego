package rampart.aws.ec2.volume_encrypted_test

import data.rampart.aws.ec2.volume_encrypted as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"volume_id": "x", "encrypted": true}}
	count(c.unknown) == 0 with input as {"attributes": {"volume_id": "x", "encrypted": true}}
}

test_fail if {
	count(c.deny) == 1 with input as {"attributes": {"volume_id": "x", "encrypted": false}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"volume_id": "x"}}
	count(c.deny) == 0 with input as {"attributes": {"volume_id": "x"}}
}
