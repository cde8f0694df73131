# METADATA
# title: Network ACLs do not admit the internet to administration ports
# description: >-
#   CIS 5.1: a network ACL that lets 0.0.0.0/0 or ::/0 reach SSH (22) or
#   RDP (3389) leaves only the security groups between the internet and
#   every instance of its subnets. Entries are evaluated as AWS does, in
#   rule_number order: for each port, the first inbound entry for the whole
#   internet (0.0.0.0/0 or ::/0) whose protocol (all, or TCP) and port
#   range cover it decides; an allow fails the ACL. An entry that cannot
#   be read and might come first makes the ACL not_evaluated.
# custom:
#   id: AWS-EC2-007
#   severity: high
#   resource_types: [aws.ec2.network_acl]
#   frameworks:
#     cis-aws-3.0: ["5.1"]
#     iso27001-2022: ["A.8.20", "A.8.22"]
#     nist-800-53-r5: ["SC-7", "AC-17"]
#     soc2: ["CC6.6"]
#   equivalents:
#     prowler: [ec2_networkacl_allow_ingress_tcp_port_22, ec2_networkacl_allow_ingress_tcp_port_3389]
#   remediation:
#     console: 'VPC → Network ACLs → the ACL → Inbound rules → Edit: replace the 0.0.0.0/0 (and ::/0) allow covering ports 22 and 3389 with the administrators'' ranges, or add a lower-numbered deny for them; use Session Manager instead of open SSH/RDP.'
#     terraform: 'aws_network_acl_rule (or the ingress blocks of aws_network_acl): no rule_action = "allow" with cidr_block = "0.0.0.0/0" / ipv6_cidr_block = "::/0" whose from_port..to_port covers 22 or 3389 before a deny.'
package rampart.aws.ec2.nacl_admin_ports

import data.rampart.lib

admin_ports := {22: "SSH", 3389: "RDP"}

entries := object.get(input, ["attributes", "entries"], null)

# well_formed: the fields AWS always returns for an entry, and ports for TCP
# and UDP.
well_formed(e) if {
	is_number(object.get(e, "rule_number", null))
	is_boolean(object.get(e, "egress", null))
	object.get(e, "rule_action", null) in {"allow", "deny"}
	is_string(object.get(e, "protocol", null))
	cidr_known(e)
	ports_known(e)
}

cidr_known(e) if is_string(object.get(e, "cidr_block", null))

cidr_known(e) if is_string(object.get(e, "ipv6_cidr_block", null))

ports_known(e) if not e.protocol in {"6", "17"}

ports_known(e) if {
	is_number(object.get(e, "from_port", null))
	is_number(object.get(e, "to_port", null))
}

internet(e) if object.get(e, "cidr_block", null) == "0.0.0.0/0"

internet(e) if object.get(e, "ipv6_cidr_block", null) == "::/0"

covers(e, _) if e.protocol == "-1"

covers(e, port) if {
	e.protocol == "6"
	e.from_port <= port
	port <= e.to_port
}

# deciding(port) is the lowest rule number among the well-formed inbound
# entries for the whole internet that cover the port.
deciding(port) := min({e.rule_number |
	some e in entries
	well_formed(e)
	e.egress == false
	internet(e)
	covers(e, port)
})

first_allows(port) if {
	n := deciding(port)
	some e in entries
	well_formed(e)
	e.rule_number == n
	e.egress == false
	internet(e)
	covers(e, port)
	e.rule_action == "allow"
}

# An unreadable entry whose rule number is unknown or lower than the
# deciding one might be a deny that comes first.
may_precede(_) if {
	some e in entries
	not well_formed(e)
	not is_number(object.get(e, "rule_number", null))
}

may_precede(port) if {
	some e in entries
	not well_formed(e)
	e.rule_number < deciding(port)
}

deny contains {"msg": sprintf("network ACL %s allows %s (port %d) from the internet (rule %d)", [lib.label("network_acl_id"), name, port, deciding(port)]), "path": "attributes.entries"} if {
	is_array(entries)
	some port, name in admin_ports
	first_allows(port)
	not may_precede(port)
}

unknown contains {"msg": sprintf("network ACL %s: the entries are unknown", [lib.label("network_acl_id")]), "path": "attributes.entries"} if {
	not is_array(lib.attr("entries"))
}

unknown contains {"msg": sprintf("network ACL %s: entry %d is unreadable", [lib.label("network_acl_id"), i]), "path": sprintf("attributes.entries[%d]", [i])} if {
	some i, e in entries
	not well_formed(e)
}
