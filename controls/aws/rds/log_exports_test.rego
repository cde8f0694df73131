package rampart.aws.rds.log_exports_test

import data.rampart.aws.rds.log_exports as c

test_pass if {
	inp := {"type": "aws.rds.instance", "attributes": {"db_instance_identifier": "x", "enabled_cloudwatch_logs_exports": ["error"]}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail if {
	count(c.deny) == 1 with input as {"type": "aws.rds.instance", "attributes": {"db_instance_identifier": "x", "enabled_cloudwatch_logs_exports": []}}
	count(c.deny) == 1 with input as {"type": "aws.rds.cluster", "attributes": {"db_cluster_identifier": "c", "enabled_cloudwatch_logs_exports": []}}
}

test_pass_member if {
	count(c.deny) == 0 with input as {"type": "aws.rds.instance", "attributes": {"db_instance_identifier": "x", "db_cluster_identifier": "c", "enabled_cloudwatch_logs_exports": []}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"type": "aws.rds.instance", "attributes": {"db_instance_identifier": "x"}}
	count(c.deny) == 0 with input as {"type": "aws.rds.instance", "attributes": {"db_instance_identifier": "x"}}
}
