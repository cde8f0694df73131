package rampart.aws.ec2.internet_ingress_system_test

import data.rampart.aws.ec2.internet_ingress_system as c

open_rule := {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": ["0.0.0.0/0"], "cidr_ipv6": ["::/0"], "source_groups": []}

private_rule := {"protocol": "tcp", "from_port": 3306, "to_port": 3306, "cidr_ipv4": ["10.0.0.0/16"], "cidr_ipv6": [], "source_groups": []}

sg(rules, system) := object.union({"type": "aws.ec2.security_group", "attributes": {"group_id": "sg-1", "group_name": "web", "ingress": rules}}, system)

public := {"system": {"id": "website", "classification": "public", "owner": "ann", "internet_facing": true}}

internal := {"system": {"id": "payments", "classification": "confidential", "owner": "bob", "internet_facing": false}}

test_pass_declared if {
	count(c.deny) == 0 with input as sg([open_rule], public)
	count(c.unknown) == 0 with input as sg([open_rule], public)
}

test_pass_no_opening if {
	count(c.deny) == 0 with input as sg([private_rule], internal)
	count(c.unknown) == 0 with input as sg([private_rule], internal)
	count(c.deny) == 0 with input as sg([private_rule], {})
	count(c.unknown) == 0 with input as sg([], {})
}

test_fail_undeclared if {
	deny := c.deny with input as sg([private_rule, open_rule], internal)
	count(deny) == 1
	some d in deny
	d.path == "attributes.ingress[1]"
	contains(d.msg, "0.0.0.0/0, ::/0")
	contains(d.msg, "system payments does not say internet_facing = true")
}

# A group no system claims has nobody who declared it public: it fails,
# it is not left unknown (that would let every unclaimed opening through
# a gate whose exit code treats not_evaluated as "look again").
test_fail_unclaimed if {
	deny := c.deny with input as sg([open_rule], {})
	count(deny) == 1
	some d in deny
	contains(d.msg, "no system claims it")
	count(c.unknown) == 0 with input as sg([open_rule], {})
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"type": "aws.ec2.security_group", "attributes": {"group_id": "sg-1"}, "system": internal.system}
	count(c.unknown) == 1 with input as sg([object.union(open_rule, {"cidr_ipv4": null})], internal)
	count(c.unknown) == 1 with input as sg([open_rule], {"system": {"id": "s", "classification": "internal", "owner": "o"}})
	count(c.deny) == 0 with input as sg([open_rule], {"system": {"id": "s", "classification": "internal", "owner": "o"}})
}

# Every way a mutated rule could hide its open range is unknown, not a pass.
test_unknown_malformed_rule if {
	every bad in ["0.0.0.0/0", 0, true, [], {}] {
		count(c.deny) == 0 with input as sg([bad], internal)
		count(c.unknown) == 1 with input as sg([bad], internal)
	}
}

test_unknown_malformed_source if {
	every bad in [0, true, null, [], {}] {
		rule := object.union(open_rule, {"cidr_ipv4": [bad], "cidr_ipv6": []})
		count(c.deny) == 0 with input as sg([rule], internal)
		count(c.unknown) == 1 with input as sg([rule], internal)
	}
}
