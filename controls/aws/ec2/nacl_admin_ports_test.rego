package rampart.aws.ec2.nacl_admin_ports_test

import data.rampart.aws.ec2.nacl_admin_ports as c

entry(n, proto, action, cidr, from, to) := {"rule_number": n, "protocol": proto, "egress": false, "rule_action": action, "cidr_block": cidr, "from_port": from, "to_port": to}

default_deny := {"rule_number": 32767, "protocol": "-1", "egress": false, "rule_action": "deny", "cidr_block": "0.0.0.0/0"}

acl(entries) := {"type": "aws.ec2.network_acl", "id": "arn:aws:ec2:eu-west-1:111122223333:network-acl/acl-1", "attributes": {"network_acl_id": "acl-1", "entries": entries}}

test_pass_only_web_from_internet if {
	inp := acl([entry(100, "6", "allow", "0.0.0.0/0", 443, 443), entry(110, "6", "allow", "10.0.0.0/8", 22, 22), default_deny])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_pass_deny_comes_first if {
	inp := acl([entry(90, "6", "deny", "0.0.0.0/0", 0, 65535), {"rule_number": 100, "protocol": "-1", "egress": false, "rule_action": "allow", "cidr_block": "0.0.0.0/0"}, default_deny])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_pass_egress_and_udp_do_not_count if {
	inp := acl([object.union(entry(100, "6", "allow", "0.0.0.0/0", 22, 22), {"egress": true}), entry(110, "17", "allow", "0.0.0.0/0", 0, 65535), default_deny])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_default_allow_all if {
	# the default ACL of a new VPC: rule 100 allows everything
	inp := acl([{"rule_number": 100, "protocol": "-1", "egress": false, "rule_action": "allow", "cidr_block": "0.0.0.0/0"}, default_deny])
	c.deny == {
		{"msg": "network ACL acl-1 allows SSH (port 22) from the internet (rule 100)", "path": "attributes.entries"},
		{"msg": "network ACL acl-1 allows RDP (port 3389) from the internet (rule 100)", "path": "attributes.entries"},
	} with input as inp
}

test_fail_port_range_and_ipv6 if {
	inp := acl([{"rule_number": 100, "protocol": "6", "egress": false, "rule_action": "allow", "ipv6_cidr_block": "::/0", "from_port": 3000, "to_port": 4000}, default_deny])
	c.deny == {{"msg": "network ACL acl-1 allows RDP (port 3389) from the internet (rule 100)", "path": "attributes.entries"}} with input as inp
}

test_unknown_entry_that_may_come_first if {
	inp := acl([{"rule_number": 50, "protocol": "6", "egress": false, "cidr_block": "0.0.0.0/0", "from_port": 22, "to_port": 22}, entry(100, "6", "allow", "0.0.0.0/0", 22, 22), default_deny])
	count(c.deny) == 0 with input as inp
	c.unknown == {{"msg": "network ACL acl-1: entry 0 is unreadable", "path": "attributes.entries[0]"}} with input as inp
}

test_fail_unreadable_entry_after_the_allow if {
	inp := acl([entry(100, "6", "allow", "0.0.0.0/0", 22, 22), {"rule_number": 200, "protocol": "6"}, default_deny])
	count(c.deny) == 1 with input as inp
}

test_unknown if {
	every inp in [
		{"attributes": {"network_acl_id": "acl-1"}},
		acl(null),
		acl([entry(100, "6", "allow", "0.0.0.0/0", null, 22)]),
		acl([entry("100", "6", "allow", "0.0.0.0/0", 22, 22)]),
		acl(["x"]),
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) >= 1 with input as inp
	}
}
