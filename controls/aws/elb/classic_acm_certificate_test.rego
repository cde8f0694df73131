package rampart.aws.elb.classic_acm_certificate_test

import data.rampart.aws.elb.classic_acm_certificate as c

lb(attrs) := {"type": "aws.elb.load_balancer", "id": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/web", "attributes": object.union({"name": "web"}, attrs)}

test_pass if {
	count(c.deny) == 0 with input as lb({"listeners": [{"protocol": "HTTPS", "load_balancer_port": 443, "ssl_certificate_id": "arn:aws:acm:eu-west-1:111122223333:certificate/1"}, {"protocol": "HTTP", "load_balancer_port": 80}]})
	count(c.unknown) == 0 with input as lb({"listeners": [{"protocol": "HTTPS", "load_balancer_port": 443, "ssl_certificate_id": "arn:aws:acm:eu-west-1:111122223333:certificate/1"}]})
}

test_fail if {
	c.deny == {{"msg": "listener on port 443 of load balancer web uses a certificate not issued by ACM (arn:aws:iam::111122223333:server-certificate/old)", "path": "attributes.listeners[0].ssl_certificate_id"}} with input as lb({"listeners": [{"protocol": "HTTPS", "load_balancer_port": 443, "ssl_certificate_id": "arn:aws:iam::111122223333:server-certificate/old"}]})
}

test_unknown if {
	every inp in [lb({}), lb({"listeners": [{"protocol": "SSL", "load_balancer_port": 443}]})] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
