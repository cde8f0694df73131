package rampart.aws.rds.backtrack_test

import data.rampart.aws.rds.backtrack as c

cl(attrs) := {"type": "aws.rds.cluster", "attributes": object.union({"db_cluster_identifier": "c"}, attrs)}

test_pass if {
	count(c.deny) == 0 with input as cl({"engine": "aurora-mysql", "backtrack_window": 86400})
	count(c.unknown) == 0 with input as cl({"engine": "aurora-mysql", "backtrack_window": 86400})
	count(c.deny) == 0 with input as cl({"engine": "aurora-postgresql", "backtrack_window": 0})
}

test_fail if {
	count(c.deny) == 1 with input as cl({"engine": "aurora-mysql", "backtrack_window": 0})
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as cl({"engine": "aurora-mysql"})
	count(c.unknown) == 1 with input as cl({"backtrack_window": 0})
	count(c.deny) == 0 with input as cl({"engine": "aurora-mysql"})
}
