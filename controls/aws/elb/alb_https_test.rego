package rampart.aws.elb.alb_https_test

import data.rampart.aws.elb.alb_https as c

lb(attrs) := {"type": "aws.elbv2.load_balancer", "id": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1", "attributes": object.union({"name": "web", "type": "application"}, attrs)}

https := {"port": 443, "protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06", "default_actions": [{"type": "forward"}]}

redirect := {"port": 80, "protocol": "HTTP", "default_actions": [{"type": "redirect", "redirect_protocol": "HTTPS"}]}

test_pass_https_and_redirect if {
	count(c.deny) == 0 with input as lb({"listeners": [https, redirect]})
	count(c.unknown) == 0 with input as lb({"listeners": [https, redirect]})
}

test_fail_http_forward if {
	c.deny == {{"msg": "listener on port 80 of load balancer web serves HTTP without redirecting to HTTPS", "path": "attributes.listeners[1]"}} with input as lb({"listeners": [https, {"port": 80, "protocol": "HTTP", "default_actions": [{"type": "forward"}]}]})
}

test_fail_redirect_keeps_protocol if {
	count(c.deny) == 1 with input as lb({"listeners": [{"port": 8080, "protocol": "HTTP", "default_actions": [{"type": "redirect", "redirect_protocol": "#{protocol}"}]}]})
}

test_network_not_judged if {
	count(c.deny) == 0 with input as lb({"type": "network", "listeners": [{"port": 80, "protocol": "HTTP", "default_actions": [{"type": "forward"}]}]})
}

test_unknown if {
	every inp in [lb({}), lb({"listeners": null}), lb({"listeners": [{"port": 80}]}), lb({"listeners": [{"protocol": "HTTP", "default_actions": [{}]}]}), {"attributes": {"name": "web", "listeners": []}}] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) >= 1 with input as inp
	}
}
