package rampart.aws.elb.classic_tls_listeners_test

import data.rampart.aws.elb.classic_tls_listeners as c

lb(attrs) := {"type": "aws.elb.load_balancer", "id": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/web", "attributes": object.union({"name": "web"}, attrs)}

test_pass if {
	count(c.deny) == 0 with input as lb({"listeners": [{"protocol": "HTTPS", "load_balancer_port": 443}, {"protocol": "SSL", "load_balancer_port": 8443}]})
	count(c.unknown) == 0 with input as lb({"listeners": [{"protocol": "HTTPS", "load_balancer_port": 443}]})
}

test_fail if {
	c.deny == {{"msg": "listener on port 80 of load balancer web accepts HTTP in clear text", "path": "attributes.listeners[1]"}} with input as lb({"listeners": [{"protocol": "HTTPS", "load_balancer_port": 443}, {"protocol": "HTTP", "load_balancer_port": 80}]})
}

test_unknown if {
	every inp in [lb({}), lb({"listeners": null}), lb({"listeners": [{"load_balancer_port": 80}]})] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
