package terraform

import (
	"github.com/zclconf/go-cty/cty"
)

// A web ACL is associated with a load balancer or an API Gateway stage by
// a separate resource, aws_wafv2_web_acl_association (web_acl_arn) or the
// WAF Classic aws_wafregional_web_acl_association (web_acl_id), whose
// resource_arn references the protected resource.

// wafTargets are the resource types an association can protect here.
var wafTargets = []string{"aws_lb", "aws_api_gateway_stage"}

// webACLLinks links every association to the resource it protects, once
// per run (each link warns about the associations it cannot place).
func (m *mapper) webACLLinks() links {
	if m.wafLinks != nil {
		return *m.wafLinks
	}
	l := links{of: map[*Instance][]*Instance{}, unresolved: map[string]string{}}
	for _, childType := range []string{"aws_wafv2_web_acl_association", "aws_wafregional_web_acl_association"} {
		cl := m.linkAny(childType, "resource_arn", wafTargets)
		for p, cs := range cl.of {
			l.of[p] = append(l.of[p], cs...)
		}
		for root, why := range cl.unresolved {
			if _, seen := l.unresolved[root]; !seen {
				l.unresolved[root] = why
			}
		}
	}
	m.wafLinks = &l
	return l
}

// webACL is the web ACL of a protected resource: the association's web ACL
// ARN when known, the referenced web ACL's address when its ARN is only
// known after apply (a managed web ACL's ARN is never empty), "" without an
// association. An association that cannot be placed, or an ACL value of
// any other unknown shape, leaves it unknown with the reason.
func (m *mapper) webACL(p *Instance) (string, string) {
	l := m.webACLLinks()
	a, why := m.one(l, p, "web ACL")
	if a == nil {
		if why != "" {
			return "", why
		}
		return "", ""
	}
	attr := "web_acl_arn"
	if a.Type == "aws_wafregional_web_acl_association" {
		attr = "web_acl_id"
	}
	v := get(a.Body, attr)
	if s, ok := str(v); ok {
		return s, ""
	}
	for r := range cty.ValueMarksOfTypeDeep[ref](v) {
		if acl := m.byAddr[a.Root+"\x00"+r.Addr]; acl != nil && (acl.Type == "aws_wafv2_web_acl" || acl.Type == "aws_wafregional_web_acl") && (r.Attr == "arn" || r.Attr == "id") {
			return acl.Address, ""
		}
	}
	return "", a.Address + " sets " + attr + " = " + describeUnknown(v, "unset")
}
