package rampart.aws.ec2.instance_private_exposed_ports_test

import data.rampart.aws.ec2.instance_private_exposed_ports as c

db := "arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0db"

group(ingress) := {"type": "aws.ec2.security_group", "id": db, "attributes": {"group_id": "sg-0db", "group_name": "db", "ingress": ingress}}

instance(public, refs, groups) := {
	"type": "aws.ec2.instance", "id": "i",
	"attributes": {"instance_id": "i-2", "has_public_ip": public, "security_group_refs": refs},
	"related": {"groups": groups},
}

open_mysql := group([{"protocol": "tcp", "from_port": 3306, "to_port": 3306, "cidr_ipv4": ["0.0.0.0/0"], "cidr_ipv6": [], "source_groups": []}])

test_pass_private_sources if {
	inp := instance(false, [db], [group([{"protocol": "tcp", "from_port": 3306, "to_port": 3306, "cidr_ipv4": ["10.0.0.0/8"], "cidr_ipv6": [], "source_groups": []}])])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_pass_public_ip_is_another_control if {
	inp := instance(true, [db], [open_mysql])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_open_mysql if {
	inp := instance(false, [db], [open_mysql])
	c.deny == {{"msg": "instance i-2 has no public IP but security group sg-0db (db) lets 0.0.0.0/0 reach 3306 (MySQL) (ingress rule 0)", "path": "related.groups"}} with input as inp
	count(c.unknown) == 0 with input as inp
}

test_unknown_group_absent if {
	inp := instance(false, [db], [])
	count(c.deny) == 0 with input as inp
	c.unknown == {{"msg": sprintf("security group %s is not in the evidence (another account, or not collected)", [db]), "path": "attributes.security_group_refs"}} with input as inp
}

test_unknown_public_ip if {
	inp := {"attributes": {"instance_id": "i-2", "security_group_refs": [db]}, "related": {"groups": [open_mysql]}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 1 with input as inp
}

# Whether the instance has a public IP is asked only when it could matter:
# groups that are all known and expose nothing decide on their own.
test_pass_public_ip_unknown_but_groups_closed if {
	inp := {"attributes": {"instance_id": "i-1", "security_group_refs": [db]}, "related": {"groups": [group([{"protocol": "tcp", "from_port": 3306, "to_port": 3306, "cidr_ipv4": ["10.0.0.0/8"], "cidr_ipv6": [], "source_groups": []}])]}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}
