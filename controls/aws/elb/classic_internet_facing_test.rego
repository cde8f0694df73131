package rampart.aws.elb.classic_internet_facing_test

import data.rampart.aws.elb.classic_internet_facing as c

lb(attrs) := {"type": "aws.elb.load_balancer", "id": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/web", "attributes": object.union({"name": "web"}, attrs)}

test_pass_internal if {
	count(c.deny) == 0 with input as lb({"scheme": "internal"})
	count(c.unknown) == 0 with input as lb({"scheme": "internal"})
}

test_pass_public_system if {
	count(c.deny) == 0 with input as object.union(lb({"scheme": "internet-facing"}), {"system": {"id": "site", "classification": "public"}})
}

test_fail_internal_system if {
	c.deny == {{"msg": "load balancer web is internet-facing, but system billing is classified confidential, not public", "path": "attributes.scheme"}} with input as object.union(lb({"scheme": "internet-facing"}), {"system": {"id": "billing", "classification": "confidential"}})
}

test_fail_unclaimed if {
	c.deny == {{"msg": "load balancer web is internet-facing, but no system claims it", "path": "attributes.scheme"}} with input as lb({"scheme": "internet-facing"})
}

test_unknown if {
	every inp in [lb({}), lb({"scheme": null}), lb({"scheme": 1}), object.union(lb({"scheme": "internal"}), {"system": {"id": "x"}})] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
