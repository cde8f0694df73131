package rampart.aws.rds.tls_required_test

import data.rampart.aws.rds.tls_required as c

db(attrs) := {"type": "aws.rds.instance", "attributes": attrs}

cluster(attrs) := {"type": "aws.rds.cluster", "attributes": attrs}

test_pass if {
	inp := db({"db_instance_identifier": "orders", "engine": "postgres", "parameter_group": "orders-pg16", "tls_required": true})
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_pass_cluster if {
	inp := cluster({"db_cluster_identifier": "reports", "engine": "aurora-mysql", "parameter_group": "reports-tls", "tls_required": true})
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_pass_engine_without_parameter if {
	inp := db({"db_instance_identifier": "erp", "engine": "oracle-ee"})
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_pass_cluster_member if {
	inp := db({"db_instance_identifier": "reports-1", "db_cluster_identifier": "reports", "engine": "aurora-mysql"})
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_default_group if {
	deny := c.deny with input as db({"db_instance_identifier": "legacy", "engine": "mysql", "parameter_group": "default.mysql8.0", "tls_required": false})
	count(deny) == 1
	some d in deny
	contains(d.msg, "default.mysql8.0 does not set require_secure_transport")
}

test_fail_cluster if {
	deny := c.deny with input as cluster({"db_cluster_identifier": "scratch", "engine": "aurora-postgresql", "tls_required": false})
	count(deny) == 1
	some d in deny
	contains(d.msg, "its default parameter group does not set rds.force_ssl")
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as db({"db_instance_identifier": "x", "engine": "postgres"})
	count(c.deny) == 0 with input as db({"db_instance_identifier": "x", "engine": "postgres"})
	count(c.unknown) == 1 with input as db({"db_instance_identifier": "x", "tls_required": false})
	count(c.unknown) == 1 with input as {"type": "aws.rds.instance", "attributes": {"db_instance_identifier": "x", "engine": "mysql"}, "unknown": {"tls_required": "access denied: needs rds:DescribeDBParameters"}}
}

test_unknown_membership if {
	count(c.unknown) == 1 with input as db({"db_instance_identifier": "x", "db_cluster_identifier": null, "engine": "mysql", "tls_required": false})
}
