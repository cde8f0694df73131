package rampart.aws.rds.default_admin_test

import data.rampart.aws.rds.default_admin as c

db(user) := {"type": "aws.rds.instance", "attributes": {"db_instance_identifier": "x", "master_username": user}}

test_pass if {
	count(c.deny) == 0 with input as db("orders_owner")
	count(c.unknown) == 0 with input as db("orders_owner")
}

test_fail if {
	every u in ["admin", "Admin", "postgres", "root", "sa"] {
		count(c.deny) == 1 with input as db(u)
	}
	count(c.deny) == 1 with input as {"type": "aws.rds.cluster", "attributes": {"db_cluster_identifier": "c", "master_username": "postgres"}}
}

test_pass_member if {
	count(c.deny) == 0 with input as {"type": "aws.rds.instance", "attributes": {"db_instance_identifier": "x", "db_cluster_identifier": "c", "master_username": "admin"}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"type": "aws.rds.instance", "attributes": {"db_instance_identifier": "x"}}
	count(c.deny) == 0 with input as {"type": "aws.rds.instance", "attributes": {"db_instance_identifier": "x"}}
}
