package terraform

import (
	"fmt"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// The AWS provider's default security policy of an HTTPS or TLS listener
// that sets none.
const defaultLBSSLPolicy = "ELBSecurityPolicy-2016-08"

// mapLoadBalancersV2 builds aws.elbv2.load_balancer from aws_lb, with the
// aws_lb_listener resources that name it. The defaults are the provider's:
// an application load balancer, internet-facing, no access logs, no
// deletion protection, invalid headers passed on, desync mode defensive.
func mapLoadBalancersV2(m *mapper) {
	listL := m.link("aws_lb_listener", "aws_lb", "load_balancer_arn")
	for _, in := range m.byType["aws_lb"] {
		b := newBuilder(evidence.TypeAWSELBv2LoadBalancer, id(in), in, awsScope(in))
		setRegion(b, in)
		b.identifier("name", get(in.Body, "name"), in)
		b.unknown("arn", "unknown until apply: "+in.Address+".arn")
		b.unknown("availability_zones", "Terraform names the subnets of "+in.Address+", whose availability zones are not known statically")
		b.set("type", get(in.Body, "load_balancer_type"), "application")
		lbType, typeKnown := b.r.Attributes["type"].(string)
		scheme(b, in)
		listFrom(b, "listeners", listL, in, func(c *Instance) (any, string) { return lbListener(c, lbType, typeKnown) })

		logs, u, ok := blocks(in.Body, "access_logs")
		switch {
		case !ok:
			b.unknown("access_logs_enabled", unknownReason(u))
		case len(logs) == 0:
			b.r.Attributes["access_logs_enabled"] = false
		default:
			b.set("access_logs_enabled", get(logs[0], "enabled"), false)
		}
		b.set("deletion_protection", get(in.Body, "enable_deletion_protection"), false)
		switch {
		case !typeKnown:
			why := "the load balancer type is " + unknownReason(get(in.Body, "load_balancer_type"))
			for _, a := range []string{"drop_invalid_header_fields", "desync_mitigation_mode", "cross_zone_load_balancing", "web_acl_arn"} {
				b.unknown(a, why)
			}
		case lbType == "application":
			if acl, why := m.webACL(in); why != "" {
				b.unknown("web_acl_arn", why)
			} else {
				b.r.Attributes["web_acl_arn"] = acl
			}
			b.set("drop_invalid_header_fields", get(in.Body, "drop_invalid_header_fields"), false)
			b.set("desync_mitigation_mode", get(in.Body, "desync_mitigation_mode"), "defensive")
			// Always on for application load balancers.
			b.r.Attributes["cross_zone_load_balancing"] = true
		default:
			b.set("cross_zone_load_balancing", get(in.Body, "enable_cross_zone_load_balancing"), false)
		}
		if lbType == "gateway" {
			// Gateway load balancers write no access logs.
			delete(b.r.Attributes, "access_logs_enabled")
			delete(b.r.Unknown, "access_logs_enabled")
		}
		m.emit(b)
	}
}

// scheme writes internet-facing or internal from the `internal` argument.
func scheme(b *builder, in *Instance) {
	v := get(in.Body, "internal")
	if v == cty.NilVal {
		b.r.Attributes["scheme"] = "internet-facing"
		return
	}
	g, ok := toGo(v)
	internal, isBool := g.(bool)
	if !ok || !isBool {
		b.unknown("scheme", "internal is "+unknownReason(v))
		return
	}
	if internal {
		b.r.Attributes["scheme"] = "internal"
	} else {
		b.r.Attributes["scheme"] = "internet-facing"
	}
}

// lbListener reads one aws_lb_listener; a value it cannot know statically
// makes the whole list unknown (listFrom), never a guessed listener.
func lbListener(c *Instance, lbType string, typeKnown bool) (any, string) {
	l := map[string]any{}
	proto := get(c.Body, "protocol")
	switch p, ok := str(proto); {
	case ok:
		l["protocol"] = strings.ToUpper(p)
	case proto == cty.NilVal && typeKnown && lbType == "application":
		l["protocol"] = "HTTP"
	default:
		return nil, fmt.Sprintf("the protocol of %s is %s", c.Address, describeUnknown(proto, "not set"))
	}
	if port := get(c.Body, "port"); port != cty.NilVal {
		g, ok := toGo(port)
		if !ok {
			return nil, fmt.Sprintf("the port of %s is %s", c.Address, unknownReason(port))
		}
		l["port"] = g
	}
	if l["protocol"] == "HTTPS" || l["protocol"] == "TLS" {
		pol := get(c.Body, "ssl_policy")
		switch p, ok := str(pol); {
		case ok:
			l["ssl_policy"] = p
		case pol == cty.NilVal:
			l["ssl_policy"] = defaultLBSSLPolicy
		default:
			return nil, fmt.Sprintf("the ssl_policy of %s is %s", c.Address, unknownReason(pol))
		}
	}
	acts, u, ok := blocks(c.Body, "default_action")
	if !ok {
		return nil, fmt.Sprintf("the default actions of %s are %s", c.Address, unknownReason(u))
	}
	actions := []any{}
	for _, a := range acts {
		t, ok := str(get(a, "type"))
		if !ok {
			return nil, fmt.Sprintf("a default action type of %s is %s", c.Address, describeUnknown(get(a, "type"), "not set"))
		}
		am := map[string]any{"type": t}
		if t == "redirect" {
			rd, _, _ := blocks(a, "redirect")
			rp := cty.NilVal
			if len(rd) > 0 {
				rp = get(rd[0], "protocol")
			}
			switch p, ok := str(rp); {
			case ok:
				am["redirect_protocol"] = strings.ToUpper(p)
				if strings.HasPrefix(p, "#{") {
					am["redirect_protocol"] = p
				}
			case rp == cty.NilVal:
				am["redirect_protocol"] = "#{protocol}"
			default:
				return nil, fmt.Sprintf("the redirect protocol of %s is %s", c.Address, unknownReason(rp))
			}
		}
		actions = append(actions, am)
	}
	l["default_actions"] = actions
	return l, ""
}

// mapClassicLoadBalancers builds aws.elb.load_balancer from aws_elb. The
// SSL negotiation policy of a listener is a separate resource
// (aws_load_balancer_listener_policy) that is not read: it stays unknown.
func mapClassicLoadBalancers(m *mapper) {
	for _, in := range m.byType["aws_elb"] {
		b := newBuilder(evidence.TypeAWSELBLoadBalancer, id(in), in, awsScope(in))
		setRegion(b, in)
		b.identifier("name", get(in.Body, "name"), in)
		scheme(b, in)
		b.unknown("availability_zones", "the availability zones of "+in.Address+" follow from its subnets or are chosen at apply")
		ls, u, ok := blocks(in.Body, "listener")
		if !ok {
			b.unknown("listeners", unknownReason(u))
		} else {
			listeners := []any{}
			for i, l := range ls {
				item := map[string]any{}
				for attr, arg := range map[string]string{"protocol": "lb_protocol", "instance_protocol": "instance_protocol"} {
					v := get(l, arg)
					s, ok := str(v)
					if !ok {
						b.unknown(fmt.Sprintf("listeners[%d].%s", i, attr), describeUnknown(v, "not set"))
						continue
					}
					item[attr] = strings.ToUpper(s)
				}
				b.setIn(item, fmt.Sprintf("listeners[%d]", i), "load_balancer_port", get(l, "lb_port"), nil)
				b.setIn(item, fmt.Sprintf("listeners[%d]", i), "instance_port", get(l, "instance_port"), nil)
				b.setIn(item, fmt.Sprintf("listeners[%d]", i), "ssl_certificate_id", get(l, "ssl_certificate_id"), "")
				if p, _ := item["protocol"].(string); p == "HTTPS" || p == "SSL" {
					b.unknown(fmt.Sprintf("listeners[%d].ssl_policy", i), "the SSL negotiation policy is set by aws_load_balancer_listener_policy, which Rampart does not read")
				}
				listeners = append(listeners, item)
			}
			b.r.Attributes["listeners"] = listeners
		}
		logs, u, ok := blocks(in.Body, "access_logs")
		switch {
		case !ok:
			b.unknown("access_logs_enabled", unknownReason(u))
		case len(logs) == 0:
			b.r.Attributes["access_logs_enabled"] = false
		default:
			b.set("access_logs_enabled", get(logs[0], "enabled"), true)
		}
		b.set("cross_zone_load_balancing", get(in.Body, "cross_zone_load_balancing"), true)
		b.set("connection_draining", get(in.Body, "connection_draining"), false)
		b.set("desync_mitigation_mode", get(in.Body, "desync_mitigation_mode"), "defensive")
		m.emit(b)
	}
}
