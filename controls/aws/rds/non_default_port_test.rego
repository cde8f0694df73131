package rampart.aws.rds.non_default_port_test

import data.rampart.aws.rds.non_default_port as c

db(engine, port) := {"type": "aws.rds.instance", "attributes": {"db_instance_identifier": "x", "engine": engine, "port": port}}

test_pass if {
	count(c.deny) == 0 with input as db("postgres", 6432)
	count(c.unknown) == 0 with input as db("postgres", 6432)
}

test_fail_defaults if {
	every e, p in {"mysql": 3306, "postgres": 5432, "oracle-ee": 1521, "sqlserver-se": 1433, "aurora-mysql": 3306} {
		count(c.deny) == 1 with input as db(e, p)
	}
	count(c.deny) == 1 with input as {"type": "aws.rds.cluster", "attributes": {"db_cluster_identifier": "c", "engine": "aurora-postgresql", "port": 5432}}
}

test_pass_member if {
	count(c.deny) == 0 with input as {"type": "aws.rds.instance", "attributes": {"db_instance_identifier": "x", "db_cluster_identifier": "c", "engine": "aurora-mysql", "port": 3306}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"type": "aws.rds.instance", "attributes": {"db_instance_identifier": "x", "engine": "mysql"}}
	count(c.unknown) == 1 with input as db("custom-oracle-ee", 1521)
	count(c.deny) == 0 with input as db("custom-oracle-ee", 1521)
	count(c.unknown) == 1 with input as {"type": "aws.rds.instance", "attributes": {"db_instance_identifier": "x", "port": 3306}}
}
