package rampart.aws.elb.classic_desync_mitigation_test

import data.rampart.aws.elb.classic_desync_mitigation as c

lb(attrs) := {"type": "aws.elb.load_balancer", "id": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/web", "attributes": object.union({"name": "web"}, attrs)}

test_pass if {
	count(c.deny) == 0 with input as lb({"desync_mitigation_mode": "strictest"})
	count(c.unknown) == 0 with input as lb({"desync_mitigation_mode": "defensive"})
}

test_fail if {
	c.deny == {{"msg": "load balancer web forwards ambiguous requests (desync mitigation mode monitor)", "path": "attributes.desync_mitigation_mode"}} with input as lb({"desync_mitigation_mode": "monitor"})
}

test_unknown if {
	every inp in [lb({}), lb({"desync_mitigation_mode": null})] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
