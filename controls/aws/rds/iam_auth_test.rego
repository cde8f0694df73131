package rampart.aws.rds.iam_auth_test

import data.rampart.aws.rds.iam_auth as c

db(attrs) := {"type": "aws.rds.instance", "attributes": attrs}

test_pass if {
	inp := db({"db_instance_identifier": "x", "engine": "postgres", "iam_database_authentication_enabled": true})
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_pass_engine_without_iam_auth if {
	inp := db({"db_instance_identifier": "x", "engine": "sqlserver-se", "iam_database_authentication_enabled": false})
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_instance if {
	count(c.deny) == 1 with input as db({"db_instance_identifier": "x", "engine": "mysql", "iam_database_authentication_enabled": false})
}

test_fail_cluster if {
	count(c.deny) == 1 with input as {"type": "aws.rds.cluster", "attributes": {"db_cluster_identifier": "c", "engine": "aurora-postgresql", "iam_database_authentication_enabled": false}}
}

test_pass_cluster_member if {
	inp := db({"db_instance_identifier": "x", "db_cluster_identifier": "c", "engine": "aurora-mysql", "iam_database_authentication_enabled": false})
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as db({"db_instance_identifier": "x", "engine": "mysql"})
	count(c.unknown) == 1 with input as db({"db_instance_identifier": "x", "iam_database_authentication_enabled": false})
	count(c.deny) == 0 with input as db({"db_instance_identifier": "x", "engine": "mysql"})
}
