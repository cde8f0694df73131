package rampart.aws.elb.classic_cross_zone_test

import data.rampart.aws.elb.classic_cross_zone as c

lb(attrs) := {"type": "aws.elb.load_balancer", "id": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/web", "attributes": object.union({"name": "web"}, attrs)}

test_pass if {
	count(c.deny) == 0 with input as lb({"cross_zone_load_balancing": true})
	count(c.unknown) == 0 with input as lb({"cross_zone_load_balancing": true})
}

test_fail if {
	c.deny == {{"msg": "load balancer web does not balance across availability zones", "path": "attributes.cross_zone_load_balancing"}} with input as lb({"cross_zone_load_balancing": false})
}

test_unknown if {
	every inp in [lb({}), lb({"cross_zone_load_balancing": null}), lb({"cross_zone_load_balancing": "true"})] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
