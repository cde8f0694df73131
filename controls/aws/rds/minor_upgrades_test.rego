package rampart.aws.rds.minor_upgrades_test

import data.rampart.aws.rds.minor_upgrades as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"db_instance_identifier": "x", "auto_minor_version_upgrade": true}}
	count(c.unknown) == 0 with input as {"attributes": {"db_instance_identifier": "x", "auto_minor_version_upgrade": true}}
}

test_fail if {
	count(c.deny) == 1 with input as {"attributes": {"db_instance_identifier": "x", "auto_minor_version_upgrade": false}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"db_instance_identifier": "x"}}
	count(c.deny) == 0 with input as {"attributes": {"db_instance_identifier": "x"}}
}
