package rampart.aws.vpc.flow_logs_test

import data.rampart.aws.vpc.flow_logs as c

test_pass if {
	inp := {"attributes": {"vpc_id": "vpc-1", "flow_logs": [{"flow_log_id": "fl-1", "status": "ACTIVE", "traffic_type": "ALL"}]}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_none if {
	count(c.deny) == 1 with input as {"attributes": {"vpc_id": "vpc-1", "flow_logs": []}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"vpc_id": "vpc-1"}}
	count(c.deny) == 0 with input as {"attributes": {"vpc_id": "vpc-1"}}
}
