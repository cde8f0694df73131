package rampart.aws.elb.deletion_protection_test

import data.rampart.aws.elb.deletion_protection as c

lb(attrs) := {"type": "aws.elbv2.load_balancer", "id": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1", "attributes": object.union({"name": "web", "type": "application"}, attrs)}

test_pass if {
	count(c.deny) == 0 with input as lb({"deletion_protection": true})
	count(c.unknown) == 0 with input as lb({"deletion_protection": true})
}

test_fail if {
	c.deny == {{"msg": "load balancer web can be deleted without first turning off deletion protection", "path": "attributes.deletion_protection"}} with input as lb({"deletion_protection": false})
}

test_unknown if {
	every inp in [lb({}), lb({"deletion_protection": null}), lb({"deletion_protection": "true"})] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
