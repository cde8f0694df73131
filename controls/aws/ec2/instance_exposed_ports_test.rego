package rampart.aws.ec2.instance_exposed_ports_test

import data.rampart.aws.ec2.instance_exposed_ports as c

web := "arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0web"

db := "arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0db"

rule(from, to, v4, v6) := {"protocol": "tcp", "from_port": from, "to_port": to, "cidr_ipv4": v4, "cidr_ipv6": v6, "source_groups": []}

group(arn, id, ingress) := {"type": "aws.ec2.security_group", "id": arn, "attributes": {"group_id": id, "group_name": id, "ingress": ingress}}

instance(public, refs, groups) := {
	"type": "aws.ec2.instance", "id": "i",
	"attributes": {"instance_id": "i-1", "has_public_ip": public, "security_group_refs": refs},
	"related": {"groups": groups},
}

open_ssh := group(web, "sg-0web", [rule(443, 443, ["0.0.0.0/0"], []), rule(22, 22, ["0.0.0.0/0"], [])])

private_db := group(db, "sg-0db", [rule(3306, 3306, ["10.0.0.0/16"], [])])

test_pass_groups_closed if {
	inp := instance(true, [db], [private_db])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_pass_public_https_only if {
	inp := instance(true, [web], [group(web, "sg-0web", [rule(443, 443, ["0.0.0.0/0"], ["::/0"])])])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_pass_no_groups if {
	inp := instance(true, [], [])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_pass_no_public_ip_is_another_control if {
	inp := instance(false, [web], [open_ssh])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_ssh_open if {
	inp := instance(true, [db, web], [private_db, open_ssh])
	c.deny == {{"msg": "instance i-1 has a public IP and security group sg-0web (sg-0web) lets 0.0.0.0/0 reach 22 (SSH) (ingress rule 1)", "path": "related.groups"}} with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_database_range_ipv6 if {
	inp := instance(true, [db], [group(db, "sg-0db", [rule(5000, 6400, [], ["::/0"])])])
	c.deny == {{"msg": "instance i-1 has a public IP and security group sg-0db (sg-0db) lets ::/0 reach 5432 (PostgreSQL), 5601 (Kibana), 6379 (Redis) (ingress rule 0)", "path": "related.groups"}} with input as inp
}

test_fail_all_traffic if {
	all_traffic := {"protocol": "-1", "cidr_ipv4": ["0.0.0.0/0"], "cidr_ipv6": ["::/0"], "source_groups": []}
	inp := instance(true, [db], [group(db, "sg-0db", [all_traffic])])
	count(c.deny) == 1 with input as inp
	some d in c.deny with input as inp
	contains(d.msg, "lets 0.0.0.0/0, ::/0 reach 20 (FTP data), 21 (FTP), 22 (SSH)")
	contains(d.msg, "27018 (MongoDB shard)")
}

test_pass_udp_rule if {
	udp := {"protocol": "udp", "from_port": 0, "to_port": 65535, "cidr_ipv4": ["0.0.0.0/0"], "cidr_ipv6": [], "source_groups": []}
	count(c.deny) == 0 with input as instance(true, [db], [group(db, "sg-0db", [udp])])
}

# Relation: a referenced group the evidence does not hold may be the open one.
test_unknown_group_not_in_evidence if {
	inp := instance(true, [db, web], [private_db])
	count(c.deny) == 0 with input as inp
	c.unknown == {{"msg": sprintf("security group %s is not in the evidence (another account, or not collected)", [web]), "path": "attributes.security_group_refs"}} with input as inp
}

test_unknown_group_rules if {
	g := {"id": web, "attributes": {"group_id": "sg-0web"}, "unknown": {"ingress": "AccessDenied: ec2:DescribeSecurityGroups"}}
	inp := instance(true, [web], [g])
	count(c.deny) == 0 with input as inp
	c.unknown == {{"msg": "security group sg-0web: ingress rules are unknown: AccessDenied: ec2:DescribeSecurityGroups", "path": "related.groups"}} with input as inp
}

test_unknown_rule_ports if {
	inp := instance(true, [web], [group(web, "sg-0web", [{"protocol": "tcp", "cidr_ipv4": ["0.0.0.0/0"], "cidr_ipv6": []}])])
	count(c.deny) == 0 with input as inp
	c.unknown == {{"msg": "security group sg-0web (sg-0web): ingress rule 0 has an unknown protocol or port range", "path": "related.groups"}} with input as inp
}

test_unknown_rule_sources if {
	inp := instance(true, [web], [group(web, "sg-0web", [{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": "0.0.0.0/0", "cidr_ipv6": []}])])
	count(c.deny) == 0 with input as inp
	c.unknown == {{"msg": "security group sg-0web (sg-0web): ingress rule 0 has unreadable source ranges", "path": "related.groups"}} with input as inp
}

test_unknown_refs if {
	inp := {"attributes": {"instance_id": "i-1", "has_public_ip": true}, "related": {"groups": []}}
	count(c.deny) == 0 with input as inp
	c.unknown == {{"msg": "the instance's security groups are unknown", "path": "attributes.security_group_refs"}} with input as inp
}

test_unknown_public_ip if {
	inp := {"attributes": {"instance_id": "i-1", "security_group_refs": [web]}, "related": {"groups": [open_ssh]}}
	count(c.deny) == 0 with input as inp
	c.unknown == {{"msg": "whether instance i-1 has a public IP is unknown", "path": "attributes.has_public_ip"}} with input as inp
}

test_unknown_without_related if {
	inp := {"attributes": {"instance_id": "i-1", "has_public_ip": true, "security_group_refs": [web]}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 1 with input as inp
}

# Whether the instance has a public IP is asked only when it could matter:
# groups that are all known and expose nothing decide on their own.
test_pass_public_ip_unknown_but_groups_closed if {
	inp := {"attributes": {"instance_id": "i-1", "security_group_refs": [db]}, "related": {"groups": [private_db]}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}
