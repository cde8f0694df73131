package rampart.aws.rds.encrypted_test

import data.rampart.aws.rds.encrypted as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"db_instance_identifier": "x", "storage_encrypted": true}}
	count(c.unknown) == 0 with input as {"attributes": {"db_instance_identifier": "x", "storage_encrypted": true}}
}

test_fail if {
	count(c.deny) == 1 with input as {"attributes": {"db_instance_identifier": "x", "storage_encrypted": false}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"db_instance_identifier": "x"}}
	count(c.deny) == 0 with input as {"attributes": {"db_instance_identifier": "x"}}
}

test_fail_cluster if {
	count(c.deny) == 1 with input as {"type": "aws.rds.cluster", "attributes": {"db_cluster_identifier": "c", "storage_encrypted": false}}
}
