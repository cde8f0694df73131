package rampart.aws.elb.classic_multi_az_test

import data.rampart.aws.elb.classic_multi_az as c

lb(attrs) := {"type": "aws.elb.load_balancer", "id": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/web", "attributes": object.union({"name": "web"}, attrs)}

test_pass if {
	count(c.deny) == 0 with input as lb({"availability_zones": ["eu-west-1a", "eu-west-1b"]})
	count(c.unknown) == 0 with input as lb({"availability_zones": ["eu-west-1a", "eu-west-1b"]})
}

test_fail if {
	c.deny == {{"msg": "load balancer web has nodes in 1 availability zone(s)", "path": "attributes.availability_zones"}} with input as lb({"availability_zones": ["eu-west-1a"]})
}

test_unknown if {
	every inp in [lb({}), lb({"availability_zones": null})] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
