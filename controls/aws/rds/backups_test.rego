package rampart.aws.rds.backups_test

import data.rampart.aws.rds.backups as c

test_pass if {
	inp := {"attributes": {"db_instance_identifier": "db", "backup_retention_period": 7, "deletion_protection": true}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_both if {
	count(c.deny) == 2 with input as {"attributes": {"db_instance_identifier": "db", "backup_retention_period": 0, "deletion_protection": false}}
}

test_unknown_missing if {
	count(c.unknown) == 2 with input as {"attributes": {"db_instance_identifier": "db"}}
	count(c.deny) == 0 with input as {"attributes": {"db_instance_identifier": "db"}}
}

test_fail_cluster if {
	count(c.deny) == 2 with input as {"type": "aws.rds.cluster", "attributes": {"db_cluster_identifier": "c", "backup_retention_period": 1, "deletion_protection": false}}
}

# A member reports its own deletion protection off whatever the cluster's is.
test_pass_member if {
	inp := {"type": "aws.rds.instance", "attributes": {"db_instance_identifier": "db", "db_cluster_identifier": "c", "backup_retention_period": 1, "deletion_protection": false}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}
