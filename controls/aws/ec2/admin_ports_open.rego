# METADATA
# title: Security groups do not open administration ports to the internet
# description: >-
#   No ingress rule allows 0.0.0.0/0 or ::/0 to reach SSH (22) or RDP
#   (3389), directly, through a port range, or through an all-traffic rule.
# custom:
#   id: AWS-EC2-001
#   severity: critical
#   resource_types: [aws.ec2.security_group]
#   frameworks:
#     cis-aws-3.0: ["5.2", "5.3"]
#     iso27001-2022: ["A.8.20", "A.8.22"]
#     nist-800-53-r5: ["AC-4", "SC-7"]
#     soc2: ["CC6.6"]
#   equivalents:
#     prowler: [ec2_securitygroup_allow_ingress_from_internet_to_all_ports, ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22, ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_3389]
#   remediation:
#     console: EC2 → Security groups → the group → Inbound rules → remove 0.0.0.0/0 and ::/0 sources on ports 22 and 3389; use Session Manager or a VPN.
#     terraform: Remove the open cidr_blocks / ipv6_cidr_blocks from the ingress rule (aws_security_group ingress, aws_security_group_rule or aws_vpc_security_group_ingress_rule).
package rampart.aws.ec2.admin_ports_open

import data.rampart.lib

admin_ports := {22: "SSH", 3389: "RDP"}

deny contains {"msg": sprintf("ingress rule %d allows %s to port %d (%s)", [i, cidr, port, name]), "path": sprintf("attributes.ingress[%d]", [i])} if {
	some i, rule in input.attributes.ingress
	some cidr in array.concat(object.get(rule, "cidr_ipv4", []), object.get(rule, "cidr_ipv6", []))
	cidr in lib.open_cidrs
	some port, name in admin_ports
	covers(rule, port)
}

covers(rule, _) if rule.protocol == "-1"

covers(rule, port) if {
	rule.protocol in {"tcp", "6"}
	rule.from_port <= port
	port <= rule.to_port
}

unknown contains {"msg": "the group's ingress rules are unknown", "path": "attributes.ingress"} if {
	not is_array(lib.attr("ingress"))
}

unknown contains {"msg": sprintf("ingress rule %d has an unknown protocol or port range", [i]), "path": sprintf("attributes.ingress[%d]", [i])} if {
	some i, rule in input.attributes.ingress
	not well_formed(rule)
}

unknown contains {"msg": sprintf("ingress rule %d has unreadable source ranges", [i]), "path": sprintf("attributes.ingress[%d]", [i])} if {
	some i, rule in input.attributes.ingress
	not sources_known(rule)
}

well_formed(rule) if rule.protocol == "-1"

well_formed(rule) if {
	is_string(rule.protocol)
	rule.protocol != "-1"
	is_number(rule.from_port)
	is_number(rule.to_port)
	rule.from_port <= rule.to_port
}

# Both lists are always collected (empty when the rule has none); a missing
# list, or an entry that is not a string, could hide an open range.
sources_known(rule) if {
	every field in ["cidr_ipv4", "cidr_ipv6"] {
		is_array(rule[field])
		every cidr in rule[field] {
			is_string(cidr)
		}
	}
}
