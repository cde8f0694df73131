package rampart.aws.elb.waf_test

import data.rampart.aws.elb.waf as c

lb(attrs) := {"type": "aws.elbv2.load_balancer", "attributes": object.union({"name": "web"}, attrs)}

test_pass if {
	inp := lb({"type": "application", "web_acl_arn": "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/edge/a1b2"})
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_pass_network if {
	inp := lb({"type": "network"})
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail if {
	count(c.deny) == 1 with input as lb({"type": "application", "web_acl_arn": ""})
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as lb({"type": "application"})
	count(c.deny) == 0 with input as lb({"type": "application"})
	count(c.unknown) == 1 with input as lb({"web_acl_arn": ""})
}
