# Security-group helpers shared by the controls that judge what an attached
# group lets in from the internet (AWS-EC2-008, AWS-EC2-009). A rule is
# judged only when its shape is the one the registry declares; anything else
# is reported through sg_exposure_unknown, never skipped.
package rampart.lib

# METADATA
# description: |-
#   internet_sensitive_ports are the services Prowler's
#   ec2_instance_port_<service>_exposed_to_internet checks name (one check per
#   service, TCP, a source of 0.0.0.0/0 or ::/0): remote administration,
#   file transfer and sharing, directory and authentication services,
#   databases, caches, search and message brokers. docs/controls.md lists it.
# custom:
#   example: |-
#     lib.internet_sensitive_ports[22]
#   result: |-
#     "SSH"
internet_sensitive_ports := {
	20: "FTP data", 21: "FTP", 22: "SSH", 23: "Telnet",
	88: "Kerberos", 139: "CIFS (NetBIOS)", 389: "LDAP", 445: "CIFS (SMB)",
	464: "Kerberos password change", 636: "LDAPS", 749: "Kerberos admin", 750: "Kerberos IV",
	1433: "SQL Server", 1434: "SQL Server browser", 1521: "Oracle", 2483: "Oracle",
	2484: "Oracle (TLS)", 3306: "MySQL", 3389: "RDP", 5432: "PostgreSQL",
	5601: "Kibana", 6379: "Redis", 7199: "Cassandra JMX", 8888: "Cassandra OpsCenter",
	9092: "Kafka", 9160: "Cassandra Thrift", 9200: "Elasticsearch", 9300: "Elasticsearch transport",
	11211: "Memcached", 27017: "MongoDB", 27018: "MongoDB shard",
}

# METADATA
# description: |-
#   sg_internet_exposures(group) is one entry per ingress rule of a related
#   aws.ec2.security_group that lets the internet reach a sensitive port:
#   {rule, sources, ports: [{port, service}]} (ports ascending).
# custom:
#   example: |-
#     lib.sg_internet_exposures({"attributes": {"ingress": [{"protocol": "tcp", "from_port": 20, "to_port": 23, "cidr_ipv4": ["0.0.0.0/0"], "cidr_ipv6": []}]}})
#   result: |-
#     {{"rule": 0, "sources": ["0.0.0.0/0"], "ports": [{"port": 20, "service": "FTP data"}, {"port": 21, "service": "FTP"}, {"port": 22, "service": "SSH"}, {"port": 23, "service": "Telnet"}]}}
sg_internet_exposures(group) := {x |
	some i, rule in group.attributes.ingress
	sources := sort([s | some s in array.concat(object.get(rule, "cidr_ipv4", []), object.get(rule, "cidr_ipv6", [])); s in open_cidrs])
	count(sources) > 0
	ports := [{"port": p, "service": internet_sensitive_ports[p]} | some p in sort(object.keys(internet_sensitive_ports)); sg_rule_covers(rule, p)]
	count(ports) > 0
	x := {"rule": i, "sources": sources, "ports": ports}
}

# METADATA
# description: |-
#   sg_rule_covers(rule, port) holds when a TCP connection to port matches the
#   rule: all traffic, or TCP with the port in its range.
# custom:
#   example: |-
#     lib.sg_rule_covers({"protocol": "tcp", "from_port": 20, "to_port": 25}, 22)
#   result: |-
#     true
sg_rule_covers(rule, _) if rule.protocol == "-1"

sg_rule_covers(rule, port) if {
	rule.protocol in {"tcp", "6"}
	rule.from_port <= port
	port <= rule.to_port
}

# METADATA
# description: |-
#   sg_rule_well_formed(rule) holds when the ingress rule is all traffic ("-1"), or has a string protocol and a numeric port range from <= to.
# custom:
#   example: |-
#     lib.sg_rule_well_formed({"protocol": "tcp", "from_port": 22, "to_port": 22})
#   result: |-
#     true
sg_rule_well_formed(rule) if rule.protocol == "-1"

sg_rule_well_formed(rule) if {
	is_string(rule.protocol)
	rule.protocol != "-1"
	is_number(rule.from_port)
	is_number(rule.to_port)
	rule.from_port <= rule.to_port
}

# METADATA
# description: |-
#   Both source lists are always produced (empty when the rule has none); a
#   missing list, or an entry that is not a string, could hide an open range.
# custom:
#   example: |-
#     lib.sg_rule_sources_known({"cidr_ipv4": ["10.0.0.0/8"], "cidr_ipv6": []})
#   result: |-
#     true
sg_rule_sources_known(rule) if {
	every field in ["cidr_ipv4", "cidr_ipv6"] {
		is_array(rule[field])
		every cidr in rule[field] {
			is_string(cidr)
		}
	}
}

# METADATA
# description: |-
#   sg_name(group) names a related group in a message without reading an
#   attribute the deny rule does not check.
# custom:
#   example: |-
#     lib.sg_name({"id": "sg-1", "attributes": {"group_id": "sg-1", "group_name": "web"}})
#   result: |-
#     "sg-1 (web)"
sg_name(group) := sprintf("%s (%s)", [group.attributes.group_id, group.attributes.group_name]) if {
	is_string(group.attributes.group_id)
	is_string(group.attributes.group_name)
}

sg_name(group) := object.get(group, ["attributes", "group_id"], object.get(group, "id", "(unnamed group)")) if {
	not is_string(object.get(group, ["attributes", "group_name"], null))
}

sg_name(group) := object.get(group, "id", "(unnamed group)") if {
	not is_string(object.get(group, ["attributes", "group_id"], null))
	is_string(object.get(group, ["attributes", "group_name"], null))
}

# METADATA
# description: |-
#   sg_exposure_unknown(refs, groups) is why the exposure of an instance
#   through its groups cannot be judged: refs is the instance's
#   security_group_refs, groups its input.related list. A referenced group
#   that is not in the evidence could be the open one. The control itself
#   guards the list and each group's ingress (lint follows those reads there).
# custom:
#   example: |-
#     lib.sg_exposure_unknown(["sg-1", "sg-2"], [{"id": "sg-1", "attributes": {"ingress": []}}])
#   result: |-
#     {{"msg": "security group sg-2 is not in the evidence (another account, or not collected)", "path": "attributes.security_group_refs"}}
sg_exposure_unknown(refs, _) := {{"msg": "the instance's security groups are unknown", "path": "attributes.security_group_refs"}} if {
	not sg_string_list(refs)
}

sg_exposure_unknown(refs, groups) := problems if {
	sg_string_list(refs)
	is_array(groups)
	missing := {{"msg": sprintf("security group %s is not in the evidence (another account, or not collected)", [r]), "path": "attributes.security_group_refs"} |
		some r in refs
		not sg_ref_found(r, groups)
	}
	rules := {{"msg": sprintf("security group %s: %s", [sg_name(g), why]), "path": "related.groups"} |
		some g in groups
		some why in sg_group_unknown(g)
	}
	problems := missing | rules
}

# METADATA
# description: |-
#   sg_string_list(x) holds for a list of strings (empty included).
# custom:
#   example: |-
#     lib.sg_string_list(["sg-1", "sg-2"])
#   result: |-
#     true
sg_string_list(x) if {
	is_array(x)
	every e in x {
		is_string(e)
	}
}

# METADATA
# description: |-
#   sg_ref_found(r, groups) holds when a related group has the ID r.
# custom:
#   example: |-
#     lib.sg_ref_found("sg-1", [{"id": "sg-1"}])
#   result: |-
#     true
sg_ref_found(r, groups) if {
	some g in groups
	g.id == r
}

# METADATA
# description: |-
#   sg_group_unknown(g) are the reasons a related group's ingress cannot be judged: a rule with an unknown protocol or port range, or unreadable source ranges.
# custom:
#   example: |-
#     lib.sg_group_unknown({"attributes": {"ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": null, "cidr_ipv6": []}]}})
#   result: |-
#     {"ingress rule 0 has unreadable source ranges"}
sg_group_unknown(g) := {why |
	ingress := object.get(g, ["attributes", "ingress"], null)
	is_array(ingress)
	some i, rule in ingress
	not sg_rule_well_formed(rule)
	why := sprintf("ingress rule %d has an unknown protocol or port range", [i])
} | {why |
	ingress := object.get(g, ["attributes", "ingress"], null)
	is_array(ingress)
	some i, rule in ingress
	not sg_rule_sources_known(rule)
	why := sprintf("ingress rule %d has unreadable source ranges", [i])
}

# METADATA
# description: |-
#   sg_ports_text(ports) renders sg_internet_exposures' ports for a message.
# custom:
#   example: |-
#     lib.sg_ports_text([{"port": 22, "service": "SSH"}, {"port": 3389, "service": "RDP"}])
#   result: |-
#     "22 (SSH), 3389 (RDP)"
sg_ports_text(ports) := concat(", ", [sprintf("%d (%s)", [p.port, p.service]) | some p in ports])

# METADATA
# description: |-
#   sg_may_expose(refs, groups) holds unless the instance's groups are all
#   known and none lets the internet reach a sensitive port: only then does
#   the instance's public IP not matter, so a control asks whether it has one
#   only when the answer could change the result.
# custom:
#   example: |-
#     lib.sg_may_expose(["sg-1"], [{"id": "sg-1", "attributes": {"ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": ["0.0.0.0/0"], "cidr_ipv6": []}]}}])
#   result: |-
#     true
sg_may_expose(_, groups) if not is_array(groups)

sg_may_expose(_, groups) if {
	some g in groups
	count(sg_internet_exposures(g)) > 0
}

sg_may_expose(_, groups) if {
	some g in groups
	not is_array(object.get(g, ["attributes", "ingress"], null))
}

sg_may_expose(refs, groups) if count(sg_exposure_unknown(refs, groups)) > 0
