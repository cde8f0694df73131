package rampart.aws.rds.not_public_test

import data.rampart.aws.rds.not_public as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"db_instance_identifier": "x", "publicly_accessible": false}}
	count(c.unknown) == 0 with input as {"attributes": {"db_instance_identifier": "x", "publicly_accessible": false}}
}

test_fail if {
	count(c.deny) == 1 with input as {"attributes": {"db_instance_identifier": "x", "publicly_accessible": true}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"db_instance_identifier": "x"}}
	count(c.deny) == 0 with input as {"attributes": {"db_instance_identifier": "x"}}
}
