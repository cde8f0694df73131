package aws

import (
	"context"
	"sort"
	"strconv"
	"strings"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancing"
	elbtypes "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancing/types"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	elbv2types "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
	"github.com/aws/aws-sdk-go-v2/service/wafv2"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// loadBalancersV2 lists the region's application, network and gateway load
// balancers with their listeners and attributes. A load balancer whose
// listeners or attributes cannot be read is still listed, with what is
// missing named in unknown: its other controls can still judge it.
func (r *run) loadBalancersV2(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope) error {
	c := elbv2.NewFromConfig(cfg)
	var lbs []elbv2types.LoadBalancer
	err := listAll(ctx, elbv2.NewDescribeLoadBalancersPaginator(c, &elbv2.DescribeLoadBalancersInput{}), func(page *elbv2.DescribeLoadBalancersOutput) (*string, error) {
		lbs = append(lbs, page.LoadBalancers...)
		return page.NextMarker, nil
	})
	if err != nil {
		r.gap(ctx, TypeELBv2LoadBalancer, sc, "elasticloadbalancing:DescribeLoadBalancers", err)
		return nil
	}
	waf := wafv2.NewFromConfig(cfg)
	return describeEach(ctx, r, lbs, func(ctx context.Context, lb elbv2types.LoadBalancer) evidence.Resource {
		return r.loadBalancerV2(ctx, c, waf, sc, lb)
	})
}

func (r *run) loadBalancerV2(ctx context.Context, c *elbv2.Client, waf *wafv2.Client, sc evidence.Scope, lb elbv2types.LoadBalancer) evidence.Resource {
	arn := sdkaws.ToString(lb.LoadBalancerArn)
	name := sdkaws.ToString(lb.LoadBalancerName)
	attrs := map[string]any{
		"name":   name,
		"arn":    arn,
		"type":   string(lb.Type),
		"scheme": string(lb.Scheme),
	}
	unknown := map[string]string{}
	if lb.Type == "" {
		unknown["type"] = r.unknownReason(sc, "type of "+name, "elasticloadbalancing:DescribeLoadBalancers", errMissing("Type"))
		delete(attrs, "type")
	}
	if lb.Scheme == "" {
		unknown["scheme"] = r.unknownReason(sc, "scheme of "+name, "elasticloadbalancing:DescribeLoadBalancers", errMissing("Scheme"))
		delete(attrs, "scheme")
	}
	zones := []string{}
	for _, z := range lb.AvailabilityZones {
		if n := sdkaws.ToString(z.ZoneName); n != "" {
			zones = append(zones, n)
		}
	}
	sort.Strings(zones)
	attrs["availability_zones"] = zones

	listeners, err := r.listenersV2(ctx, c, arn)
	if err != nil {
		unknown["listeners"] = r.unknownReason(sc, "listeners of "+name, "elasticloadbalancing:DescribeListeners", err)
	} else {
		attrs["listeners"] = listeners
	}

	// Only application load balancers can have a web ACL.
	if lb.Type == elbv2types.LoadBalancerTypeEnumApplication {
		r.webACL(ctx, waf, sc, arn, name, attrs, unknown)
	}

	la, err := c.DescribeLoadBalancerAttributes(ctx, &elbv2.DescribeLoadBalancerAttributesInput{LoadBalancerArn: lb.LoadBalancerArn})
	if err != nil {
		reason := r.unknownReason(sc, "attributes of "+name, "elasticloadbalancing:DescribeLoadBalancerAttributes", err)
		for _, k := range v2AttributeNames(lb.Type) {
			unknown[k] = reason
		}
		return evidence.Resource{Type: TypeELBv2LoadBalancer, ID: arn, Scope: sc, Attributes: attrs, Unknown: unknown}
	}
	values := map[string]string{}
	for _, a := range la.Attributes {
		values[sdkaws.ToString(a.Key)] = sdkaws.ToString(a.Value)
	}
	for _, k := range v2AttributeNames(lb.Type) {
		key := v2AttributeKeys[k]
		v, ok := values[key]
		if !ok {
			// Every load balancer of the type has the attribute: an answer
			// without it is broken, not "off".
			unknown[k] = r.unknownReason(sc, k+" of "+name, "elasticloadbalancing:DescribeLoadBalancerAttributes", errMissing(key))
			continue
		}
		if k == "desync_mitigation_mode" {
			attrs[k] = v
			continue
		}
		b, err := strconv.ParseBool(v)
		if err != nil {
			unknown[k] = r.unknownReason(sc, k+" of "+name, "elasticloadbalancing:DescribeLoadBalancerAttributes", err)
			continue
		}
		attrs[k] = b
	}
	return evidence.Resource{Type: TypeELBv2LoadBalancer, ID: arn, Scope: sc, Attributes: attrs, Unknown: unknown}
}

// v2AttributeKeys maps the registry's attribute names to the load balancer
// attribute keys of DescribeLoadBalancerAttributes.
var v2AttributeKeys = map[string]string{
	"access_logs_enabled":        "access_logs.s3.enabled",
	"deletion_protection":        "deletion_protection.enabled",
	"drop_invalid_header_fields": "routing.http.drop_invalid_header_fields.enabled",
	"desync_mitigation_mode":     "routing.http.desync_mitigation_mode",
	"cross_zone_load_balancing":  "load_balancing.cross_zone.enabled",
}

// v2AttributeNames are the attributes a load balancer of type t has: the
// HTTP routing ones exist on application load balancers only, and gateway
// load balancers log nothing to S3.
func v2AttributeNames(t elbv2types.LoadBalancerTypeEnum) []string {
	switch t {
	case elbv2types.LoadBalancerTypeEnumApplication:
		return []string{"access_logs_enabled", "deletion_protection", "drop_invalid_header_fields", "desync_mitigation_mode", "cross_zone_load_balancing"}
	case elbv2types.LoadBalancerTypeEnumGateway:
		return []string{"deletion_protection", "cross_zone_load_balancing"}
	}
	return []string{"access_logs_enabled", "deletion_protection", "cross_zone_load_balancing"}
}

func (r *run) listenersV2(ctx context.Context, c *elbv2.Client, arn string) ([]map[string]any, error) {
	out := []map[string]any{}
	err := listAll(ctx, elbv2.NewDescribeListenersPaginator(c, &elbv2.DescribeListenersInput{LoadBalancerArn: sdkaws.String(arn)}), func(page *elbv2.DescribeListenersOutput) (*string, error) {
		for _, l := range page.Listeners {
			if l.Protocol == "" || l.Port == nil {
				return nil, errMissing("Protocol or Port of listener " + sdkaws.ToString(l.ListenerArn))
			}
			m := map[string]any{"port": int(*l.Port), "protocol": string(l.Protocol)}
			if l.SslPolicy != nil {
				m["ssl_policy"] = *l.SslPolicy
			}
			certs := []string{}
			for _, cert := range l.Certificates {
				certs = append(certs, sdkaws.ToString(cert.CertificateArn))
			}
			m["certificate_arns"] = certs
			actions := []map[string]any{}
			for _, a := range l.DefaultActions {
				am := map[string]any{"type": string(a.Type)}
				if a.RedirectConfig != nil {
					am["redirect_protocol"] = sdkaws.ToString(a.RedirectConfig.Protocol)
				}
				actions = append(actions, am)
			}
			m["default_actions"] = actions
			out = append(out, m)
		}
		return page.NextMarker, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// classicLoadBalancers lists the region's Classic Load Balancers with their
// attributes and, for HTTPS and SSL listeners, the predefined security
// policy behind the listener's SSL negotiation policy.
func (r *run) classicLoadBalancers(ctx context.Context, cfg sdkaws.Config, sc evidence.Scope) error {
	c := elb.NewFromConfig(cfg)
	var lbs []elbtypes.LoadBalancerDescription
	err := listAll(ctx, elb.NewDescribeLoadBalancersPaginator(c, &elb.DescribeLoadBalancersInput{}), func(page *elb.DescribeLoadBalancersOutput) (*string, error) {
		lbs = append(lbs, page.LoadBalancerDescriptions...)
		return page.NextMarker, nil
	})
	if err != nil {
		r.gap(ctx, TypeELBLoadBalancer, sc, "elasticloadbalancing:DescribeLoadBalancers", err)
		return nil
	}
	return describeEach(ctx, r, lbs, func(ctx context.Context, lb elbtypes.LoadBalancerDescription) evidence.Resource {
		return r.classicLoadBalancer(ctx, c, sc, lb)
	})
}

func (r *run) classicLoadBalancer(ctx context.Context, c *elb.Client, sc evidence.Scope, lb elbtypes.LoadBalancerDescription) evidence.Resource {
	name := sdkaws.ToString(lb.LoadBalancerName)
	arn := "arn:" + partition(sc.Region) + ":elasticloadbalancing:" + sc.Region + ":" + sc.AccountID + ":loadbalancer/" + name
	attrs := map[string]any{"name": name}
	unknown := map[string]string{}
	if s := sdkaws.ToString(lb.Scheme); s != "" {
		attrs["scheme"] = s
	} else {
		unknown["scheme"] = r.unknownReason(sc, "scheme of "+name, "elasticloadbalancing:DescribeLoadBalancers", errMissing("Scheme"))
	}
	zones := append([]string{}, lb.AvailabilityZones...)
	sort.Strings(zones)
	attrs["availability_zones"] = zones

	// The SSL negotiation policies of the TLS listeners, resolved in one
	// call per load balancer.
	var policyNames []string
	for _, ld := range lb.ListenerDescriptions {
		if ld.Listener != nil && tlsProtocol(sdkaws.ToString(ld.Listener.Protocol)) {
			policyNames = append(policyNames, ld.PolicyNames...)
		}
	}
	var references map[string]string
	var policyErr error
	if len(policyNames) > 0 {
		references, policyErr = r.sslPolicies(ctx, c, name, policyNames)
	}
	listeners := []map[string]any{}
	for i, ld := range lb.ListenerDescriptions {
		l := ld.Listener
		if l == nil || l.Protocol == nil {
			unknown["listeners"] = r.unknownReason(sc, "listeners of "+name, "elasticloadbalancing:DescribeLoadBalancers", errMissing("Listener"))
			listeners = nil
			break
		}
		proto := strings.ToUpper(sdkaws.ToString(l.Protocol))
		m := map[string]any{
			"protocol":           proto,
			"load_balancer_port": int(l.LoadBalancerPort),
			"instance_protocol":  strings.ToUpper(sdkaws.ToString(l.InstanceProtocol)),
			"instance_port":      int(sdkaws.ToInt32(l.InstancePort)),
			"ssl_certificate_id": sdkaws.ToString(l.SSLCertificateId),
		}
		if tlsProtocol(proto) {
			switch {
			case policyErr != nil:
				unknown["listeners["+strconv.Itoa(i)+"].ssl_policy"] = r.unknownReason(sc, "SSL policy of "+name, "elasticloadbalancing:DescribeLoadBalancerPolicies", policyErr)
			default:
				m["ssl_policy"] = listenerSSLPolicy(ld.PolicyNames, references)
			}
		}
		listeners = append(listeners, m)
	}
	if listeners != nil {
		attrs["listeners"] = listeners
	}

	la, err := c.DescribeLoadBalancerAttributes(ctx, &elb.DescribeLoadBalancerAttributesInput{LoadBalancerName: lb.LoadBalancerName})
	classicAttrs := []string{"access_logs_enabled", "cross_zone_load_balancing", "connection_draining", "desync_mitigation_mode"}
	if err == nil && la.LoadBalancerAttributes == nil {
		err = errMissing("LoadBalancerAttributes")
	}
	if err != nil {
		reason := r.unknownReason(sc, "attributes of "+name, "elasticloadbalancing:DescribeLoadBalancerAttributes", err)
		for _, k := range classicAttrs {
			unknown[k] = reason
		}
		return evidence.Resource{Type: TypeELBLoadBalancer, ID: arn, Scope: sc, Attributes: attrs, Unknown: unknown}
	}
	a := la.LoadBalancerAttributes
	missing := func(k, member string) {
		unknown[k] = r.unknownReason(sc, k+" of "+name, "elasticloadbalancing:DescribeLoadBalancerAttributes", errMissing(member))
	}
	if a.AccessLog != nil {
		attrs["access_logs_enabled"] = a.AccessLog.Enabled
	} else {
		missing("access_logs_enabled", "AccessLog")
	}
	if a.CrossZoneLoadBalancing != nil {
		attrs["cross_zone_load_balancing"] = a.CrossZoneLoadBalancing.Enabled
	} else {
		missing("cross_zone_load_balancing", "CrossZoneLoadBalancing")
	}
	if a.ConnectionDraining != nil {
		attrs["connection_draining"] = a.ConnectionDraining.Enabled
	} else {
		missing("connection_draining", "ConnectionDraining")
	}
	mode := ""
	for _, extra := range a.AdditionalAttributes {
		if sdkaws.ToString(extra.Key) == "elb.http.desyncmitigationmode" {
			mode = sdkaws.ToString(extra.Value)
		}
	}
	if mode != "" {
		attrs["desync_mitigation_mode"] = mode
	} else {
		missing("desync_mitigation_mode", "elb.http.desyncmitigationmode")
	}
	return evidence.Resource{Type: TypeELBLoadBalancer, ID: arn, Scope: sc, Attributes: attrs, Unknown: unknown}
}

func tlsProtocol(p string) bool {
	p = strings.ToUpper(p)
	return p == "HTTPS" || p == "SSL"
}

// sslPolicies maps each SSL negotiation policy of the load balancer to its
// Reference-Security-Policy ("" for a custom policy without one).
func (r *run) sslPolicies(ctx context.Context, c *elb.Client, lbName string, names []string) (map[string]string, error) {
	out, err := c.DescribeLoadBalancerPolicies(ctx, &elb.DescribeLoadBalancerPoliciesInput{LoadBalancerName: sdkaws.String(lbName), PolicyNames: names})
	if err != nil {
		return nil, err
	}
	refs := map[string]string{}
	for _, pd := range out.PolicyDescriptions {
		if sdkaws.ToString(pd.PolicyTypeName) != "SSLNegotiationPolicyType" {
			continue
		}
		ref := ""
		for _, a := range pd.PolicyAttributeDescriptions {
			if sdkaws.ToString(a.AttributeName) == "Reference-Security-Policy" {
				ref = sdkaws.ToString(a.AttributeValue)
			}
		}
		refs[sdkaws.ToString(pd.PolicyName)] = ref
	}
	return refs, nil
}

// listenerSSLPolicy is the predefined policy behind the listener's SSL
// negotiation policy: "" when it has none (a custom cipher list) or when
// none of its policies is an SSL negotiation policy.
func listenerSSLPolicy(names []string, refs map[string]string) string {
	for _, n := range names {
		if ref, ok := refs[n]; ok {
			return ref
		}
	}
	return ""
}
