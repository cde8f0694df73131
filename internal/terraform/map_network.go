package terraform

import (
	"fmt"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// Network ACLs and route tables (CIS 5.1, 5.5): the parent resource with
// its inline blocks, the separate rule/route resources that point at it,
// and the AWS-managed default for the VPC.

// linkAny resolves each child to a parent of one of the parent types by
// linkAttr (a reference, or a known value equal to a parent's nameAttrs).
// A child that names no parent statically leaves its root module's
// parents unknown, with the reason, as links does.
func (m *mapper) linkAny(childType, linkAttr string, parentTypes []string, nameAttrs ...string) links {
	l := links{of: map[*Instance][]*Instance{}, unresolved: map[string]string{}}
	for _, c := range m.byType[childType] {
		v := get(c.Body, linkAttr)
		var parent *Instance
		for _, pt := range parentTypes {
			if parent = m.resolve(c, v, pt, nameAttrs); parent != nil {
				break
			}
		}
		if parent != nil {
			l.of[parent] = append(l.of[parent], c)
			continue
		}
		if s, ok := str(v); ok {
			m.warn(c, "Target outside this configuration", fmt.Sprintf("%s sets %s = %q, which matches no %s in this configuration; it is not checked.", c.Address, linkAttr, s, strings.Join(parentTypes, " or ")))
			continue
		}
		why := fmt.Sprintf("%s (%s:%d) configures a %s that cannot be determined statically (%s = %s)", c.Address, c.File, c.Line, parentTypes[0], linkAttr, describeUnknown(v, "unset"))
		m.warn(c, "Cannot link "+childType, why)
		if _, seen := l.unresolved[c.Root]; !seen {
			l.unresolved[c.Root] = why
		}
	}
	return l
}

// naclProtocols maps the protocol names Terraform accepts to the numbers
// EC2 returns, which is what the live collector records.
var naclProtocols = map[string]string{"all": "-1", "tcp": "6", "udp": "17", "icmp": "1", "icmpv6": "58"}

func mapNetworkACLs(m *mapper) {
	acls := append(append([]*Instance{}, m.byType["aws_network_acl"]...), m.byType["aws_default_network_acl"]...)
	if len(acls) == 0 {
		return
	}
	rules := m.linkAny("aws_network_acl_rule", "network_acl_id", []string{"aws_network_acl", "aws_default_network_acl"}, "id")
	assoc := m.linkAny("aws_network_acl_association", "network_acl_id", []string{"aws_network_acl"}, "id")
	for _, in := range acls {
		b := newBuilder(evidence.TypeAWSEC2NetworkACL, id(in), in, awsScope(in))
		setRegion(b, in)
		b.displayName("network_acl_id", in)
		isDefault := in.Type == "aws_default_network_acl"
		b.r.Attributes["is_default"] = isDefault
		if isDefault {
			b.unknown("vpc_id", "the default network ACL's VPC follows default_network_acl_id, known after apply")
		} else {
			b.set("vpc_id", get(in.Body, "vpc_id"), nil)
		}
		naclSubnets(b, in, assoc)
		entries, why := naclEntries(in, rules)
		if why != "" {
			b.unknown("entries", why)
		} else {
			b.r.Attributes["entries"] = entries
		}
		m.emit(b)
	}
}

func naclSubnets(b *builder, in *Instance, assoc links) {
	ids := []any{}
	if v := get(in.Body, "subnet_ids"); v != cty.NilVal {
		g, ok := toGo(v)
		list, isList := g.([]any)
		if !ok || !isList {
			b.unknown("subnet_ids", unknownReason(v))
			return
		}
		ids = append(ids, list...)
	}
	if why, ok := assoc.unresolved[in.Root]; ok && len(assoc.of[in]) == 0 {
		b.unknown("subnet_ids", why)
		return
	}
	for _, a := range assoc.of[in] {
		v := get(a.Body, "subnet_id")
		s, ok := str(v)
		if !ok {
			b.unknown("subnet_ids", a.Address+": subnet_id "+unknownReason(v))
			return
		}
		ids = append(ids, s)
	}
	b.r.Attributes["subnet_ids"] = ids
}

// naclEntries gathers the inline ingress/egress blocks and the
// aws_network_acl_rule resources, then the default deny AWS adds to every
// ACL (rule 32767, IPv4, both directions). Any entry that cannot be read
// makes the whole list unknown: an unseen allow could precede a deny.
func naclEntries(in *Instance, rules links) ([]any, string) {
	if why, ok := rules.unresolved[in.Root]; ok && len(rules.of[in]) == 0 {
		return nil, why
	}
	out := []any{}
	for _, dir := range []string{"ingress", "egress"} {
		bs, u, ok := blocks(in.Body, dir)
		if !ok {
			return nil, fmt.Sprintf("%s %s: %s", in.Address, dir, unknownReason(u))
		}
		for _, r := range bs {
			e, why := naclEntry(get(r, "rule_no"), get(r, "protocol"), get(r, "action"), get(r, "cidr_block"), get(r, "ipv6_cidr_block"), get(r, "from_port"), get(r, "to_port"))
			if why != "" {
				return nil, fmt.Sprintf("%s %s rule: %s", in.Address, dir, why)
			}
			e["egress"] = dir == "egress"
			out = append(out, e)
		}
	}
	for _, c := range rules.of[in] {
		e, why := naclEntry(get(c.Body, "rule_number"), get(c.Body, "protocol"), get(c.Body, "rule_action"), get(c.Body, "cidr_block"), get(c.Body, "ipv6_cidr_block"), get(c.Body, "from_port"), get(c.Body, "to_port"))
		if why != "" {
			return nil, c.Address + ": " + why
		}
		egress := get(c.Body, "egress")
		if egress == cty.NilVal {
			egress = cty.False
		}
		g, ok := toGo(egress)
		if _, isBool := g.(bool); !ok || !isBool {
			return nil, c.Address + ": egress " + unknownReason(egress)
		}
		e["egress"] = g
		out = append(out, e)
	}
	for _, egress := range []bool{false, true} {
		out = append(out, map[string]any{"rule_number": int64(32767), "protocol": "-1", "egress": egress, "rule_action": "deny", "cidr_block": "0.0.0.0/0"})
	}
	return out, ""
}

func naclEntry(number, protocol, action, cidr4, cidr6, from, to cty.Value) (map[string]any, string) {
	n, ok := knownInt(number)
	if !ok {
		return nil, "rule number " + unknownReason(number)
	}
	p, ok := str(protocol)
	if !ok {
		return nil, "protocol " + unknownReason(protocol)
	}
	p = strings.ToLower(p)
	if num, named := naclProtocols[p]; named {
		p = num
	}
	a, ok := str(action)
	if !ok {
		return nil, "action " + unknownReason(action)
	}
	e := map[string]any{"rule_number": int64(n), "protocol": p, "rule_action": strings.ToLower(a)}
	// In order: the first unknown part names the reason, the same on every run.
	for _, kv := range []struct {
		k string
		v cty.Value
	}{{"cidr_block", cidr4}, {"ipv6_cidr_block", cidr6}} {
		k, v := kv.k, kv.v
		if v == cty.NilVal {
			continue
		}
		s, ok := str(v)
		if !ok {
			return nil, k + " " + unknownReason(v)
		}
		if s != "" {
			e[k] = s
		}
	}
	// Ports exist for TCP and UDP only, as EC2 reports them.
	if p == "6" || p == "17" {
		for _, kv := range []struct {
			k string
			v cty.Value
		}{{"from_port", from}, {"to_port", to}} {
			k, v := kv.k, kv.v
			port, ok := knownInt(v)
			if !ok {
				return nil, k + " " + unknownReason(v)
			}
			e[k] = int64(port)
		}
	}
	return e, ""
}

// routeTargets are the route arguments that name a target, with the
// target_type the live collector gives them, in the collector's order.
var routeTargets = []struct{ arg, kind string }{
	{"gateway_id", "gateway"}, {"nat_gateway_id", "nat_gateway"}, {"transit_gateway_id", "transit_gateway"},
	{"vpc_peering_connection_id", "vpc_peering_connection"}, {"network_interface_id", "network_interface"},
	{"egress_only_gateway_id", "egress_only_internet_gateway"}, {"local_gateway_id", "local_gateway"},
	{"carrier_gateway_id", "carrier_gateway"}, {"vpc_endpoint_id", "gateway"}, {"core_network_arn", "core_network"},
}

func mapRouteTables(m *mapper) {
	tables := append(append([]*Instance{}, m.byType["aws_route_table"]...), m.byType["aws_default_route_table"]...)
	if len(tables) == 0 {
		return
	}
	routesL := m.linkAny("aws_route", "route_table_id", []string{"aws_route_table", "aws_default_route_table"}, "id")
	assoc := m.linkAny("aws_route_table_association", "route_table_id", []string{"aws_route_table", "aws_default_route_table"}, "id")
	mainL := m.linkAny("aws_main_route_table_association", "route_table_id", []string{"aws_route_table"}, "id")
	for _, in := range tables {
		b := newBuilder(evidence.TypeAWSEC2RouteTable, id(in), in, awsScope(in))
		setRegion(b, in)
		b.displayName("route_table_id", in)
		isDefault := in.Type == "aws_default_route_table"
		switch {
		case isDefault:
			b.r.Attributes["main"] = true
			b.unknown("vpc_id", "the default route table's VPC follows default_route_table_id, known after apply")
		default:
			b.set("vpc_id", get(in.Body, "vpc_id"), nil)
			if why, ok := mainL.unresolved[in.Root]; ok && len(mainL.of[in]) == 0 {
				b.unknown("main", why)
			} else {
				b.r.Attributes["main"] = len(mainL.of[in]) > 0
			}
		}
		subnets := []any{}
		if why, ok := assoc.unresolved[in.Root]; ok && len(assoc.of[in]) == 0 {
			b.unknown("subnet_ids", why)
		} else {
			for _, a := range assoc.of[in] {
				if v := get(a.Body, "subnet_id"); v != cty.NilVal {
					s, ok := str(v)
					if !ok {
						b.unknown("subnet_ids", a.Address+": subnet_id "+unknownReason(v))
						break
					}
					subnets = append(subnets, s)
				}
			}
			if _, bad := b.r.Unknown["subnet_ids"]; !bad {
				b.r.Attributes["subnet_ids"] = subnets
			}
		}
		routes, why := routeList(in, routesL)
		if why != "" {
			b.unknown("routes", why)
		} else {
			b.r.Attributes["routes"] = routes
		}
		m.emit(b)
	}
}

// routeList reads the inline route blocks and the aws_route resources. A
// destination or target that is not known statically is left out of the
// route (the control then reports the route unreadable); the kind of
// target is known from the argument that names it. The local route AWS
// adds for the VPC's own CIDR is not listed: its CIDR is the VPC's.
func routeList(in *Instance, l links) ([]any, string) {
	if why, ok := l.unresolved[in.Root]; ok && len(l.of[in]) == 0 {
		return nil, why
	}
	out := []any{}
	bs, u, ok := blocks(in.Body, "route")
	if !ok {
		return nil, fmt.Sprintf("%s route: %s", in.Address, unknownReason(u))
	}
	for _, r := range bs {
		out = append(out, route(r, "cidr_block", "ipv6_cidr_block", "destination_prefix_list_id", "CreateRoute"))
	}
	for _, c := range l.of[in] {
		out = append(out, route(c.Body, "destination_cidr_block", "destination_ipv6_cidr_block", "destination_prefix_list_id", "CreateRoute"))
	}
	return out, ""
}

func route(body cty.Value, cidr4, cidr6, prefix, origin string) map[string]any {
	r := map[string]any{"origin": origin}
	for k, arg := range map[string]string{"destination_cidr_block": cidr4, "destination_ipv6_cidr_block": cidr6, "destination_prefix_list_id": prefix} {
		if s, ok := str(get(body, arg)); ok && s != "" {
			r[k] = s
		}
	}
	for _, t := range routeTargets {
		v := get(body, t.arg)
		if v == cty.NilVal {
			continue
		}
		if s, ok := str(v); ok && s == "" {
			continue
		}
		r["target_type"] = t.kind
		if s, ok := str(v); ok {
			r["target_id"] = s
			if t.kind == "vpc_peering_connection" {
				r["vpc_peering_connection_id"] = s
			}
		}
		break
	}
	return r
}
