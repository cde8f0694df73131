package rampart.aws.ec2.default_sg_closed_test

import data.rampart.aws.ec2.default_sg_closed as c

test_pass_empty_default if {
	inp := {"attributes": {"is_default": true, "ingress": [], "egress": []}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_pass_non_default_with_rules if {
	count(c.deny) == 0 with input as {"attributes": {"is_default": false, "ingress": [{"protocol": "-1"}], "egress": []}}
}

test_fail_default_with_rules if {
	count(c.deny) == 1 with input as {"attributes": {"is_default": true, "ingress": [{"protocol": "-1"}], "egress": [{"protocol": "-1"}]}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"ingress": []}}
	count(c.unknown) == 1 with input as {"attributes": {"is_default": true}}
	count(c.deny) == 0 with input as {"attributes": {"is_default": true}}
}
