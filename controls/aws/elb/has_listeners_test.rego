package rampart.aws.elb.has_listeners_test

import data.rampart.aws.elb.has_listeners as c

lb(attrs) := {"type": "aws.elbv2.load_balancer", "id": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1", "attributes": object.union({"name": "web", "type": "application"}, attrs)}

test_pass if {
	count(c.deny) == 0 with input as lb({"listeners": [{"port": 443, "protocol": "HTTPS"}]})
	count(c.unknown) == 0 with input as lb({"listeners": [{"port": 443, "protocol": "HTTPS"}]})
}

test_fail if {
	c.deny == {{"msg": "load balancer web has no listeners", "path": "attributes.listeners"}} with input as lb({"listeners": []})
}

test_unknown if {
	every inp in [lb({}), lb({"listeners": null})] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
