package awstest

import (
	"fmt"
	"strings"
)

// Elastic Load Balancing: the classic API (version 2012-06-01) and elbv2
// (2015-12-01) share the signing name elasticloadbalancing and the query
// protocol, and are told apart by the request's Version.

const (
	elbClassicVersion = "2012-06-01"
	elbV2Version      = "2015-12-01"
)

// LoadBalancer is an application, network or gateway load balancer.
type LoadBalancer struct {
	Name, Type, Scheme string // Type application|network|gateway; Scheme internet-facing|internal
	Zones              []string
	Listeners          []Listener
	AccessLogs         bool
	DeletionProtection bool
	DropInvalidHeaders bool   // application only
	DesyncMode         string // application only: monitor|defensive|strictest
	CrossZone          bool
	WebACL             string // application only: the associated WAFv2 web ACL's name, "" when none
	// Broken leaves attributes out of DescribeLoadBalancerAttributes (a broken answer).
	Broken bool
}

// ARN is the load balancer's ARN in account and region.
func (lb LoadBalancer) ARN(account, region string) string {
	kind := map[string]string{"application": "app", "network": "net", "gateway": "gwy"}[lb.Type]
	return "arn:aws:elasticloadbalancing:" + region + ":" + account + ":loadbalancer/" + kind + "/" + lb.Name + "/50dc6c495c0c9188"
}

// Listener is an elbv2 listener; Redirect is the protocol of a redirect
// default action ("" forwards to a target group).
type Listener struct {
	Port      int
	Protocol  string
	SSLPolicy string
	Cert      string
	Redirect  string
}

// ClassicLB is a Classic Load Balancer.
type ClassicLB struct {
	Name, Scheme string
	Zones        []string
	Listeners    []ClassicListener
	AccessLogs   bool
	CrossZone    bool
	Draining     bool
	DesyncMode   string
}

// ClassicListener is a classic listener; Policy names its SSL negotiation
// policy and Reference the predefined policy behind it ("" for custom).
type ClassicListener struct {
	Protocol, InstanceProtocol string
	Port, InstancePort         int
	Cert                       string
	Policy, Reference          string
}

func (s *Server) elb(c *call) error {
	reg := c.regionData()
	data := func(items any, next string) map[string]any {
		return map[string]any{"Items": items, "NextMarker": next, "Account": c.account.ID, "Region": c.region}
	}
	marker, size := c.form["Marker"], s.faults.PageSize
	switch c.form["Version"] + " " + c.op {
	case elbV2Version + " DescribeLoadBalancers":
		items, next := page(c, reg.LoadBalancers, marker, size)
		return render(c, xmlType, "elbv2/DescribeLoadBalancers", data(items, next))
	case elbV2Version + " DescribeListeners":
		lb := findLB(reg, c.account.ID, c.region, c.form["LoadBalancerArn"])
		if lb == nil {
			s.fail(c, 400, "LoadBalancerNotFound", "One or more load balancers not found")
			return nil
		}
		items, next := page(c, lb.Listeners, marker, size)
		d := data(items, next)
		d["LoadBalancerArn"] = c.form["LoadBalancerArn"]
		return render(c, xmlType, "elbv2/DescribeListeners", d)
	case elbV2Version + " DescribeLoadBalancerAttributes":
		lb := findLB(reg, c.account.ID, c.region, c.form["LoadBalancerArn"])
		if lb == nil {
			s.fail(c, 400, "LoadBalancerNotFound", "One or more load balancers not found")
			return nil
		}
		return render(c, xmlType, "elbv2/DescribeLoadBalancerAttributes", lb)
	case elbClassicVersion + " DescribeLoadBalancers":
		items, next := page(c, reg.ClassicLBs, marker, size)
		return render(c, xmlType, "elb/DescribeLoadBalancers", data(items, next))
	case elbClassicVersion + " DescribeLoadBalancerAttributes", elbClassicVersion + " DescribeLoadBalancerPolicies":
		var lb *ClassicLB
		for i := range reg.ClassicLBs {
			if reg.ClassicLBs[i].Name == c.form["LoadBalancerName"] {
				lb = &reg.ClassicLBs[i]
			}
		}
		if lb == nil {
			s.fail(c, 400, "LoadBalancerNotFound", "There is no ACTIVE Load Balancer named '"+c.form["LoadBalancerName"]+"'")
			return nil
		}
		if c.op == "DescribeLoadBalancerAttributes" {
			return render(c, xmlType, "elb/DescribeLoadBalancerAttributes", lb)
		}
		var asked []ClassicListener
		for _, l := range lb.Listeners {
			for k, v := range c.form {
				if strings.HasPrefix(k, "PolicyNames.member.") && v == l.Policy && l.Policy != "" {
					asked = append(asked, l)
				}
			}
		}
		return render(c, xmlType, "elb/DescribeLoadBalancerPolicies", asked)
	}
	return fmt.Errorf("elasticloadbalancing: unsupported action %q (version %q)", c.op, c.form["Version"])
}

func findLB(reg *Region, account, region, arn string) *LoadBalancer {
	for i := range reg.LoadBalancers {
		if reg.LoadBalancers[i].ARN(account, region) == arn {
			return &reg.LoadBalancers[i]
		}
	}
	return nil
}
