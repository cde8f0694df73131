package rampart.aws.rds.multi_az_test

import data.rampart.aws.rds.multi_az as c

db(attrs, class) := {"type": "aws.rds.instance", "attributes": attrs, "system": {"id": "s", "classification": class}}

test_pass_multi_az_confidential if {
	inp := db({"db_instance_identifier": "x", "multi_az": true}, "confidential")
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_pass_single_az_internal if {
	inp := db({"db_instance_identifier": "x", "multi_az": false}, "internal")
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_single_az_restricted if {
	count(c.deny) == 1 with input as db({"db_instance_identifier": "x", "multi_az": false}, "restricted")
}

test_fail_cluster if {
	count(c.deny) == 1 with input as {"type": "aws.rds.cluster", "attributes": {"db_cluster_identifier": "c", "multi_az": false}, "system": {"classification": "confidential"}}
}

# A cluster member reports multi_az false whatever its cluster does: skipped.
test_pass_cluster_member if {
	inp := db({"db_instance_identifier": "x", "db_cluster_identifier": "c", "multi_az": false}, "confidential")
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_unknown_missing if {
	inp := db({"db_instance_identifier": "x"}, "confidential")
	count(c.unknown) == 1 with input as inp
	count(c.deny) == 0 with input as inp
}

test_unknown_membership if {
	inp := {"type": "aws.rds.instance", "attributes": {"db_instance_identifier": "x", "multi_az": false}, "unknown": {"db_cluster_identifier": "not known statically"}, "system": {"classification": "confidential"}}
	count(c.unknown) == 1 with input as inp
	count(c.deny) == 0 with input as inp
}
