# METADATA
# title: Routes over VPC peering are no wider than a VPC
# description: >-
#   CIS 5.5: a route to a peering connection should cover only the peer
#   subnets the VPC needs. Without the peer VPC's CIDR the control cannot
#   tell a route to the whole peer from a narrow one, but it can tell a
#   route that is wider than any VPC can be — a VPC's IPv4 CIDR block is
#   at most a /16 and its IPv6 block at most a /44 — which sends more than
#   the peer's traffic (a default route 0.0.0.0/0 included) over the
#   peering. A peering route to a prefix list is not_evaluated: the
#   list's entries are not collected.
# custom:
#   id: AWS-VPC-002
#   severity: medium
#   resource_types: [aws.ec2.route_table]
#   frameworks:
#     cis-aws-3.0: ["5.5"]
#     iso27001-2022: ["A.8.20", "A.8.22"]
#     nist-800-53-r5: ["SC-7", "AC-4"]
#     soc2: ["CC6.6"]
#   equivalents: {}
#   remediation:
#     console: 'VPC → Route tables → the table → Routes → Edit: replace the wide route to the pcx-… target with routes to the peer subnets this VPC needs.'
#     terraform: 'aws_route { vpc_peering_connection_id = ..., destination_cidr_block = <a peer subnet> } instead of 0.0.0.0/0 or a block wider than /16.'
package rampart.aws.vpc.peering_routes

import data.rampart.lib

routes := object.get(input, ["attributes", "routes"], null)

# A route goes over peering when it names the connection or its target
# kind says so.
peering(r) if is_string(object.get(r, "vpc_peering_connection_id", null))

peering(r) if object.get(r, "target_type", null) == "vpc_peering_connection"

prefix(cidr) := to_number(parts[1]) if {
	parts := split(cidr, "/")
	count(parts) == 2
	regex.match(`^[0-9]{1,3}$`, parts[1])
}

too_wide(r) if prefix(r.destination_cidr_block) < 16

too_wide(r) if prefix(r.destination_ipv6_cidr_block) < 44

destination(r) := d if {
	some k in ["destination_cidr_block", "destination_ipv6_cidr_block"]
	d := object.get(r, k, null)
	is_string(d)
	prefix(d)
}

# readable: a route object whose peering-ness is known and, on peering, a
# destination that parses or a prefix list (judged unknown below).
readable(r) if {
	is_object(r)
	not peering(r)
	is_string(object.get(r, "target_type", null))
}

readable(r) if {
	is_object(r)
	peering(r)
	destination(r)
}

deny contains {"msg": sprintf("route table %s sends %s over peering connection %s: wider than any VPC", [lib.label("route_table_id"), destination(r), object.get(r, "vpc_peering_connection_id", "(unnamed)")]), "path": sprintf("attributes.routes[%d]", [i])} if {
	some i, r in routes
	peering(r)
	too_wide(r)
}

unknown contains {"msg": sprintf("route table %s: the routes are unknown", [lib.label("route_table_id")]), "path": "attributes.routes"} if {
	not is_array(lib.attr("routes"))
}

unknown contains {"msg": sprintf("route table %s: route %d is unreadable or goes to a prefix list whose entries are not collected", [lib.label("route_table_id"), i]), "path": sprintf("attributes.routes[%d]", [i])} if {
	some i, r in routes
	not readable(r)
}
