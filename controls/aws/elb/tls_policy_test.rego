package rampart.aws.elb.tls_policy_test

import data.rampart.aws.elb.tls_policy as c

lb(attrs) := {"type": "aws.elbv2.load_balancer", "id": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1", "attributes": object.union({"name": "web", "type": "application"}, attrs)}

listener(policy) := {"port": 443, "protocol": "HTTPS", "ssl_policy": policy, "default_actions": [{"type": "forward"}]}

test_pass if {
	every p in ["ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-FS-1-2-Res-2020-10", "ELBSecurityPolicy-TLS-1-2-2017-01"] {
		count(c.deny) == 0 with input as lb({"listeners": [listener(p), {"port": 80, "protocol": "HTTP"}]})
		count(c.unknown) == 0 with input as lb({"listeners": [listener(p), {"port": 80, "protocol": "HTTP"}]})
	}
}

test_fail_old_policy if {
	c.deny == {{"msg": "listener on port 443 of load balancer web uses security policy ELBSecurityPolicy-2016-08, which allows protocols or ciphers older than TLS 1.2", "path": "attributes.listeners[0].ssl_policy"}} with input as lb({"listeners": [listener("ELBSecurityPolicy-2016-08")]})
}

test_fail_nlb_tls if {
	count(c.deny) == 1 with input as lb({"type": "network", "listeners": [{"port": 443, "protocol": "TLS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06"}]})
}

test_unknown if {
	every inp in [lb({}), lb({"listeners": "x"}), lb({"listeners": [{"port": 443, "protocol": "HTTPS"}]}), lb({"listeners": [{"port": 443}]})] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) >= 1 with input as inp
	}
}
