package rampart.aws.ec2.image_not_public_test

import data.rampart.aws.ec2.image_not_public as c

test_pass if {
	inp := {"attributes": {"image_id": "x", "public": false}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail if {
	count(c.deny) == 1 with input as {"attributes": {"image_id": "x", "public": true}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"image_id": "x"}}
	count(c.unknown) == 1 with input as {"attributes": {"image_id": "x", "public": null}}
	count(c.deny) == 0 with input as {"attributes": {"image_id": "x"}}
}
