package rampart.aws.rds.copy_tags_test

import data.rampart.aws.rds.copy_tags as c

test_pass if {
	inp := {"type": "aws.rds.instance", "attributes": {"db_instance_identifier": "x", "copy_tags_to_snapshot": true}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_instance_and_cluster if {
	count(c.deny) == 1 with input as {"type": "aws.rds.instance", "attributes": {"db_instance_identifier": "x", "copy_tags_to_snapshot": false}}
	count(c.deny) == 1 with input as {"type": "aws.rds.cluster", "attributes": {"db_cluster_identifier": "c", "copy_tags_to_snapshot": false}}
}

test_pass_member if {
	count(c.deny) == 0 with input as {"type": "aws.rds.instance", "attributes": {"db_instance_identifier": "x", "db_cluster_identifier": "c", "copy_tags_to_snapshot": false}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"type": "aws.rds.cluster", "attributes": {"db_cluster_identifier": "c"}}
	count(c.deny) == 0 with input as {"type": "aws.rds.cluster", "attributes": {"db_cluster_identifier": "c"}}
	count(c.unknown) == 1 with input as {"type": "aws.rds.instance", "attributes": {"db_instance_identifier": "x", "db_cluster_identifier": 7, "copy_tags_to_snapshot": false}}
}
