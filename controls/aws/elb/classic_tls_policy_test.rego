package rampart.aws.elb.classic_tls_policy_test

import data.rampart.aws.elb.classic_tls_policy as c

lb(attrs) := {"type": "aws.elb.load_balancer", "id": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/web", "attributes": object.union({"name": "web"}, attrs)}

test_pass if {
	count(c.deny) == 0 with input as lb({"listeners": [{"protocol": "HTTPS", "load_balancer_port": 443, "ssl_policy": "ELBSecurityPolicy-TLS-1-2-2017-01"}, {"protocol": "HTTP", "load_balancer_port": 80}]})
	count(c.unknown) == 0 with input as lb({"listeners": [{"protocol": "SSL", "load_balancer_port": 443, "ssl_policy": "ELBSecurityPolicy-TLS-1-2-2017-01"}]})
}

test_fail if {
	c.deny == {{"msg": "listener on port 443 of load balancer web uses ELBSecurityPolicy-2016-08, not ELBSecurityPolicy-TLS-1-2-2017-01", "path": "attributes.listeners[0].ssl_policy"}} with input as lb({"listeners": [{"protocol": "HTTPS", "load_balancer_port": 443, "ssl_policy": "ELBSecurityPolicy-2016-08"}]})
	c.deny == {{"msg": "listener on port 443 of load balancer web uses a custom policy, not ELBSecurityPolicy-TLS-1-2-2017-01", "path": "attributes.listeners[0].ssl_policy"}} with input as lb({"listeners": [{"protocol": "SSL", "load_balancer_port": 443, "ssl_policy": ""}]})
}

test_unknown if {
	every inp in [lb({}), lb({"listeners": [{"protocol": "HTTPS", "load_balancer_port": 443}]}), lb({"listeners": [{"load_balancer_port": 443}]})] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
