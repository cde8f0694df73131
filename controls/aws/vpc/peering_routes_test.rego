package rampart.aws.vpc.peering_routes_test

import data.rampart.aws.vpc.peering_routes as c

local := {"destination_cidr_block": "10.0.0.0/16", "target_type": "gateway", "target_id": "local", "state": "active", "origin": "CreateRouteTable"}

igw := {"destination_cidr_block": "0.0.0.0/0", "target_type": "gateway", "target_id": "igw-1", "state": "active"}

pcx(dest) := {"destination_cidr_block": dest, "target_type": "vpc_peering_connection", "target_id": "pcx-1", "vpc_peering_connection_id": "pcx-1", "state": "active"}

table(routes) := {"type": "aws.ec2.route_table", "id": "arn:aws:ec2:eu-west-1:111122223333:route-table/rtb-1", "attributes": {"route_table_id": "rtb-1", "routes": routes}}

test_pass_narrow_peering if {
	inp := table([local, igw, pcx("10.1.4.0/24"), pcx("10.2.0.0/16")])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_default_route_over_peering if {
	c.deny == {{"msg": "route table rtb-1 sends 0.0.0.0/0 over peering connection pcx-1: wider than any VPC", "path": "attributes.routes[1]"}} with input as table([local, pcx("0.0.0.0/0")])
}

test_fail_wide_ipv4_and_ipv6 if {
	v6 := {"destination_ipv6_cidr_block": "::/0", "target_type": "vpc_peering_connection", "vpc_peering_connection_id": "pcx-2"}
	count(c.deny) == 2 with input as table([pcx("10.0.0.0/8"), v6])
}

test_unknown if {
	every inp in [
		{"attributes": {"route_table_id": "rtb-1"}},
		table(null),
		table(["x"]),
		table([{"destination_prefix_list_id": "pl-1", "target_type": "vpc_peering_connection", "vpc_peering_connection_id": "pcx-1"}]),
		table([pcx(null)]),
		table([pcx("10.0.0.0")]),
		table([{"destination_cidr_block": "0.0.0.0/0"}]),
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) >= 1 with input as inp
	}
}
