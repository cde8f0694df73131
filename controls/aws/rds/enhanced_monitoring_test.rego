package rampart.aws.rds.enhanced_monitoring_test

import data.rampart.aws.rds.enhanced_monitoring as c

test_pass if {
	inp := {"attributes": {"db_instance_identifier": "x", "monitoring_interval": 60}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail if {
	count(c.deny) == 1 with input as {"attributes": {"db_instance_identifier": "x", "monitoring_interval": 0}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"db_instance_identifier": "x"}}
	count(c.unknown) == 1 with input as {"attributes": {"db_instance_identifier": "x", "monitoring_interval": "0"}}
	count(c.deny) == 0 with input as {"attributes": {"db_instance_identifier": "x"}}
}
