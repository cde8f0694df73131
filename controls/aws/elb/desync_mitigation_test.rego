package rampart.aws.elb.desync_mitigation_test

import data.rampart.aws.elb.desync_mitigation as c

lb(attrs) := {"type": "aws.elbv2.load_balancer", "id": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1", "attributes": object.union({"name": "web", "type": "application"}, attrs)}

test_pass if {
	every m in ["defensive", "strictest"] {
		count(c.deny) == 0 with input as lb({"desync_mitigation_mode": m})
		count(c.unknown) == 0 with input as lb({"desync_mitigation_mode": m})
	}
}

test_fail if {
	c.deny == {{"msg": "load balancer web forwards ambiguous requests (desync mitigation mode monitor)", "path": "attributes.desync_mitigation_mode"}} with input as lb({"desync_mitigation_mode": "monitor"})
}

test_unknown if {
	every inp in [lb({}), lb({"desync_mitigation_mode": null}), {"attributes": {"name": "web", "desync_mitigation_mode": "monitor"}}] {
		count(c.unknown) >= 1 with input as inp
	}
	count(c.deny) == 0 with input as lb({})
}
