package terraform

import (
	"fmt"

	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// mapSecurityGroups builds aws.ec2.security_group from aws_security_group
// (and aws_default_security_group) with inline rules, aws_security_group_rule
// and the aws_vpc_security_group_{ingress,egress}_rule resources.
func mapSecurityGroups(m *mapper) {
	groups := append(append([]*Instance{}, m.byType["aws_security_group"]...), m.byType["aws_default_security_group"]...)
	if len(groups) == 0 {
		return
	}
	// A rule may belong to either parent type.
	ruleL := linkEither(m, "aws_security_group_rule")
	inL := linkEither(m, "aws_vpc_security_group_ingress_rule")
	outL := linkEither(m, "aws_vpc_security_group_egress_rule")
	for _, in := range groups {
		b := newBuilder(evidence.TypeAWSEC2SecurityGroup, id(in), in, awsScope(in))
		isDefault := in.Type == "aws_default_security_group"
		b.r.Attributes["is_default"] = isDefault
		if isDefault {
			b.r.Attributes["group_name"] = "default"
		} else if v := get(in.Body, "name"); v != cty.NilVal {
			b.set("group_name", v, nil)
		} else {
			b.unknown("group_name", "group name is generated at apply (name_prefix or no name)")
		}
		b.set("vpc_id", get(in.Body, "vpc_id"), nil)
		b.unknown("group_id", "unknown until apply: "+in.Address+".id")
		setRegion(b, in)
		for _, dir := range []string{"ingress", "egress"} {
			rules, why := sgRules(in, dir, ruleL, inL, outL)
			if why != "" {
				b.unknown(dir, why)
				continue
			}
			b.r.Attributes[dir] = rules
		}
		m.emit(b)
	}
}

func linkEither(m *mapper, childType string) links {
	a := m.link(childType, "aws_security_group", "security_group_id", "id")
	out := links{of: a.of, unresolved: map[string]string{}}
	// Re-resolve the unresolved ones against default groups without a second warning.
	for _, c := range m.byType[childType] {
		if p := m.resolve(c, get(c.Body, "security_group_id"), "aws_default_security_group", []string{"id"}); p != nil {
			out.of[p] = append(out.of[p], c)
			continue
		}
		if root, ok := a.unresolved[c.Root]; ok {
			if p := m.resolve(c, get(c.Body, "security_group_id"), "aws_security_group", []string{"id"}); p == nil {
				out.unresolved[c.Root] = root
			}
		}
	}
	return out
}

// sgRules gathers one direction's rules. Any unknown part makes the whole
// list unknown: a control must not pass a group whose open rule it cannot see.
func sgRules(in *Instance, dir string, ruleL, inL, outL links) ([]any, string) {
	for _, l := range []links{ruleL, inL, outL} {
		if why, ok := l.unresolved[in.Root]; ok && len(l.of[in]) == 0 {
			return nil, why
		}
	}
	rules := []any{}
	inline, u, ok := blocks(in.Body, dir)
	if !ok {
		return nil, unknownReason(u)
	}
	for _, r := range inline {
		rule, why := sgRule(get(r, "protocol"), get(r, "from_port"), get(r, "to_port"), get(r, "cidr_blocks"), get(r, "ipv6_cidr_blocks"))
		if why != "" {
			return nil, fmt.Sprintf("%s %s rule: %s", in.Address, dir, why)
		}
		sourceGroups(rule, get(r, "security_groups"))
		rules = append(rules, rule)
	}
	for _, c := range ruleL.of[in] {
		t, ok := str(get(c.Body, "type"))
		if !ok {
			return nil, fmt.Sprintf("%s: rule type %s", c.Address, unknownReason(get(c.Body, "type")))
		}
		if t != dir {
			continue
		}
		rule, why := sgRule(get(c.Body, "protocol"), get(c.Body, "from_port"), get(c.Body, "to_port"), get(c.Body, "cidr_blocks"), get(c.Body, "ipv6_cidr_blocks"))
		if why != "" {
			return nil, c.Address + ": " + why
		}
		sourceGroups(rule, get(c.Body, "source_security_group_id"))
		rules = append(rules, rule)
	}
	vpcRules := inL.of[in]
	if dir == "egress" {
		vpcRules = outL.of[in]
	}
	for _, c := range vpcRules {
		rule, why := sgRule(get(c.Body, "ip_protocol"), get(c.Body, "from_port"), get(c.Body, "to_port"), get(c.Body, "cidr_ipv4"), get(c.Body, "cidr_ipv6"))
		if why != "" {
			return nil, c.Address + ": " + why
		}
		sourceGroups(rule, get(c.Body, "referenced_security_group_id"))
		rules = append(rules, rule)
	}
	return rules, ""
}

// sgRule normalises a rule to {protocol, from_port, to_port, cidr_ipv4,
// cidr_ipv6}. Protocol "all" and -1 become "-1" (all traffic, no ports).
func sgRule(protocol, from, to, cidr4, cidr6 cty.Value) (map[string]any, string) {
	p, ok := str(protocol)
	if !ok {
		return nil, "protocol " + unknownReason(protocol)
	}
	p = lowerStr(p)
	if p == "all" {
		p = "-1"
	}
	rule := map[string]any{"protocol": p}
	if p != "-1" {
		for k, v := range map[string]cty.Value{"from_port": from, "to_port": to} {
			g, ok := toGo(v)
			if v == cty.NilVal || !ok {
				return nil, k + " " + unknownReason(v)
			}
			if s, isStr := g.(string); isStr {
				var n int64
				if _, err := fmt.Sscan(s, &n); err != nil {
					return nil, fmt.Sprintf("%s %q is not a number", k, s)
				}
				g = n
			}
			rule[k] = g
		}
	}
	for k, v := range map[string]cty.Value{"cidr_ipv4": cidr4, "cidr_ipv6": cidr6} {
		list := []any{}
		if v != cty.NilVal {
			g, ok := toGo(v)
			if !ok {
				return nil, k + " " + unknownReason(v)
			}
			switch x := g.(type) {
			case string:
				list = append(list, x)
			case []any:
				list = x
			}
		}
		rule[k] = list
	}
	return rule, ""
}

// sourceGroups adds the rule's source security groups when their IDs are
// known; a group created in the same change has no ID yet, and the list is
// then left out (the rule's CIDRs, which controls judge, are still there).
func sourceGroups(rule map[string]any, v cty.Value) {
	if v == cty.NilVal {
		rule["source_groups"] = []any{}
		return
	}
	g, ok := toGo(v)
	if !ok {
		return
	}
	switch x := g.(type) {
	case string:
		rule["source_groups"] = []any{x}
	case []any:
		rule["source_groups"] = x
	}
}
