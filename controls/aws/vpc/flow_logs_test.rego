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

# A flow log whose status cannot be read may be the active one: the VPC
# still fails for having none known active, and the unreadable one is named.
test_unknown_status_unreadable if {
	every fl in [{"flow_log_id": "fl-1"}, {"flow_log_id": "fl-1", "status": null}, null] {
		count(c.unknown) == 1 with input as {"attributes": {"vpc_id": "vpc-1", "flow_logs": [fl]}}
	}
	count(c.unknown) == 0 with input as {"attributes": {"vpc_id": "vpc-1", "flow_logs": [{"status": "ACTIVE"}, {"status": null}]}}
}
