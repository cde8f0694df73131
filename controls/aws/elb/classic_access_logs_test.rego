package rampart.aws.elb.classic_access_logs_test

import data.rampart.aws.elb.classic_access_logs as c

lb(attrs) := {"type": "aws.elb.load_balancer", "id": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/web", "attributes": object.union({"name": "web"}, attrs)}

test_pass if {
	count(c.deny) == 0 with input as lb({"access_logs_enabled": true})
	count(c.unknown) == 0 with input as lb({"access_logs_enabled": true})
}

test_fail if {
	c.deny == {{"msg": "load balancer web does not write access logs", "path": "attributes.access_logs_enabled"}} with input as lb({"access_logs_enabled": false})
}

test_unknown if {
	every inp in [lb({}), lb({"access_logs_enabled": null}), lb({"access_logs_enabled": "true"})] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
