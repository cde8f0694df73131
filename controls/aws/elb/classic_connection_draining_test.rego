package rampart.aws.elb.classic_connection_draining_test

import data.rampart.aws.elb.classic_connection_draining as c

lb(attrs) := {"type": "aws.elb.load_balancer", "id": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/web", "attributes": object.union({"name": "web"}, attrs)}

test_pass if {
	count(c.deny) == 0 with input as lb({"connection_draining": true})
	count(c.unknown) == 0 with input as lb({"connection_draining": true})
}

test_fail if {
	c.deny == {{"msg": "load balancer web drops in-flight requests when a target leaves (connection draining off)", "path": "attributes.connection_draining"}} with input as lb({"connection_draining": false})
}

test_unknown if {
	every inp in [lb({}), lb({"connection_draining": null}), lb({"connection_draining": "true"})] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
