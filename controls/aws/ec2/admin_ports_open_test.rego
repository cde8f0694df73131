package rampart.aws.ec2.admin_ports_open_test

import data.rampart.aws.ec2.admin_ports_open as c

sg(rules) := {"attributes": {"ingress": rules}}

test_pass_private_ssh if {
	inp := sg([{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": ["10.0.0.0/8"], "cidr_ipv6": []}])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_pass_public_https if {
	count(c.deny) == 0 with input as sg([{"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": ["0.0.0.0/0"], "cidr_ipv6": ["::/0"]}])
}

test_fail_public_ssh_ipv4 if {
	count(c.deny) == 1 with input as sg([{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": ["0.0.0.0/0"], "cidr_ipv6": []}])
}

test_fail_public_rdp_ipv6_range if {
	count(c.deny) == 1 with input as sg([{"protocol": "tcp", "from_port": 3000, "to_port": 4000, "cidr_ipv4": [], "cidr_ipv6": ["::/0"]}])
}

test_fail_all_traffic if {
	count(c.deny) == 2 with input as sg([{"protocol": "-1", "cidr_ipv4": ["0.0.0.0/0"], "cidr_ipv6": []}])
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as sg([{"protocol": "tcp", "cidr_ipv4": ["0.0.0.0/0"], "cidr_ipv6": []}])
	count(c.deny) == 0 with input as sg([{"protocol": "tcp", "cidr_ipv4": ["0.0.0.0/0"], "cidr_ipv6": []}])
}

# A rule whose source lists are missing or hold a non-string could be the
# open one: not_evaluated, never a pass.
test_unknown_sources_unreadable if {
	every rule in [
		{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv6": []},
		{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": null, "cidr_ipv6": []},
		{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": "0.0.0.0/0", "cidr_ipv6": []},
		{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": [null], "cidr_ipv6": []},
		{"protocol": "-1", "cidr_ipv4": [], "cidr_ipv6": [0]},
	] {
		count(c.deny) == 0 with input as sg([rule])
		count(c.unknown) == 1 with input as sg([rule])
	}
}

test_unknown_inverted_port_range if {
	inp := sg([{"protocol": "tcp", "from_port": 22, "to_port": 0, "cidr_ipv4": ["0.0.0.0/0"], "cidr_ipv6": []}])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 1 with input as inp
}
