package rampart.aws.ec2.service_ports_open_test

import data.rampart.aws.ec2.service_ports_open as c

sg(rules) := {"attributes": {"ingress": rules}}

rule(proto, from, to, v4, v6) := {"protocol": proto, "from_port": from, "to_port": to, "cidr_ipv4": v4, "cidr_ipv6": v6}

test_pass_private_database if {
	inp := sg([rule("tcp", 5432, 5432, ["10.0.0.0/8"], []), rule("tcp", 443, 443, ["0.0.0.0/0"], ["::/0"])])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

# SSH and RDP are AWS-EC2-001's: not reported twice.
test_pass_admin_ports_left_to_ec2_001 if {
	count(c.deny) == 0 with input as sg([rule("tcp", 22, 22, ["0.0.0.0/0"], []), rule("tcp", 3389, 3389, [], ["::/0"])])
}

test_fail_each_service if {
	every port in [20, 21, 23, 139, 445, 1433, 1434, 1521, 2483, 3306, 5432, 5601, 6379, 7199, 8888, 9092, 9160, 9200, 9300, 11211, 27017, 27018] {
		count(c.deny) == 1 with input as sg([rule("tcp", port, port, ["0.0.0.0/0"], [])])
	}
}

test_fail_range_ipv6 if {
	deny := c.deny with input as sg([rule("6", 3000, 7000, [], ["::/0"])])
	count(deny) == 1
	some d in deny
	contains(d.msg, "3306 (MySQL)")
	contains(d.msg, "5432 (PostgreSQL)")
	not contains(d.msg, "3389")
}

test_fail_all_traffic if {
	count(c.deny) == 1 with input as sg([{"protocol": "-1", "cidr_ipv4": ["0.0.0.0/0"], "cidr_ipv6": []}])
}

test_pass_udp if {
	count(c.deny) == 0 with input as sg([rule("udp", 0, 65535, ["0.0.0.0/0"], [])])
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
	inp := sg([{"protocol": "tcp", "cidr_ipv4": ["0.0.0.0/0"], "cidr_ipv6": []}])
	count(c.unknown) == 1 with input as inp
	count(c.deny) == 0 with input as inp
}

test_unknown_sources_unreadable if {
	every r in [
		{"protocol": "tcp", "from_port": 3306, "to_port": 3306, "cidr_ipv6": []},
		{"protocol": "tcp", "from_port": 3306, "to_port": 3306, "cidr_ipv4": [null], "cidr_ipv6": []},
	] {
		count(c.deny) == 0 with input as sg([r])
		count(c.unknown) == 1 with input as sg([r])
	}
}
