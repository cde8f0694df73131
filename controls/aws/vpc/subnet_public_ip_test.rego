package rampart.aws.vpc.subnet_public_ip_test

import data.rampart.aws.vpc.subnet_public_ip as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"subnet_id": "subnet-1", "map_public_ip_on_launch": false}}
	count(c.unknown) == 0 with input as {"attributes": {"subnet_id": "subnet-1", "map_public_ip_on_launch": false}}
}

test_fail if {
	count(c.deny) == 1 with input as {"attributes": {"subnet_id": "subnet-1", "map_public_ip_on_launch": true}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"subnet_id": "subnet-1"}}
	count(c.unknown) == 1 with input as {"attributes": {"subnet_id": "subnet-1", "map_public_ip_on_launch": "true"}}
	count(c.deny) == 0 with input as {"attributes": {"subnet_id": "subnet-1"}}
}
