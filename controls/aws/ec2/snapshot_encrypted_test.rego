package rampart.aws.ec2.snapshot_encrypted_test

import data.rampart.aws.ec2.snapshot_encrypted as c

test_pass if {
	inp := {"attributes": {"snapshot_id": "x", "encrypted": true}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail if {
	count(c.deny) == 1 with input as {"attributes": {"snapshot_id": "x", "encrypted": false}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"snapshot_id": "x"}}
	count(c.unknown) == 1 with input as {"attributes": {"snapshot_id": "x", "encrypted": null}}
	count(c.deny) == 0 with input as {"attributes": {"snapshot_id": "x"}}
}
