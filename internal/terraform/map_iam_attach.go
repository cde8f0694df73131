package terraform

import (
	"fmt"
	"strings"

	"github.com/zclconf/go-cty/cty"
)

// What a configuration grants an IAM user, group or role: the managed
// policies attached to it (customer-managed ones defined here, AWS-managed
// and external ones by ARN) and the policies embedded in it, with their
// documents — the same lists the live collector reads from
// GetAccountAuthorizationDetails.
//
// Terraform has several forms for each; all are read, since a policy only
// attached through a form the mapping skipped would be invisible:
//
//	attach:    aws_iam_{user,role,group}_policy_attachment (one ARN)
//	exclusive: aws_iam_{user,role,group}_policy_attachments_exclusive (policy_arns)
//	list:      aws_iam_policy_attachment (users, roles, groups lists)
//	inline:    aws_iam_{user,role,group}_policy (name, policy)
//
// plus the role's own managed_policy_arns and inline_policy blocks
// (mapIAMRoles). A form whose target cannot be told statically could
// attach to any identity of its root module: the list is then unknown on
// every identity of that root, not only on those without a form of their
// own — the one it attaches to may already have others.

// iamIdentity names the Terraform forms of one kind of identity.
type iamIdentity struct {
	typ                    string // aws_iam_user
	attach, attachBy       string // aws_iam_user_policy_attachment, user
	exclusive, exclusiveBy string // aws_iam_user_policy_attachments_exclusive, user_name
	listAttr               string // users, in aws_iam_policy_attachment
	inline, inlineBy       string // aws_iam_user_policy, user
}

var (
	iamUserForms  = iamIdentity{"aws_iam_user", "aws_iam_user_policy_attachment", "user", "aws_iam_user_policy_attachments_exclusive", "user_name", "users", "aws_iam_user_policy", "user"}
	iamRoleForms  = iamIdentity{"aws_iam_role", "aws_iam_role_policy_attachment", "role", "aws_iam_role_policy_attachments_exclusive", "role_name", "roles", "aws_iam_role_policy", "role"}
	iamGroupForms = iamIdentity{"aws_iam_group", "aws_iam_group_policy_attachment", "group", "aws_iam_group_policy_attachments_exclusive", "group_name", "groups", "aws_iam_group_policy", "group"}
)

// policyRef is one attached managed policy. arn is empty when it is known
// only after apply (a policy defined here, referenced by its arn); arnWhy
// then says so.
type policyRef struct {
	name, arn, arnWhy string
}

// inlinePolicy is one embedded policy; doc is nil when docWhy says why it
// cannot be read.
type inlinePolicy struct {
	name   string
	doc    any
	docWhy string
}

// grants is what the configuration grants each identity of one kind.
type grants struct {
	attached map[*Instance][]policyRef
	inline   map[*Instance][]inlinePolicy
	// attachedWhy and inlineWhy make the list unknown: per root module (a
	// form whose target is unknown) or per identity (one of its own forms
	// that cannot be read).
	attachedWhy, inlineWhy map[string]string
	attachedBad            map[*Instance]string
}

func (m *mapper) grantsOf(f iamIdentity) *grants {
	g := &grants{
		attached: map[*Instance][]policyRef{}, inline: map[*Instance][]inlinePolicy{},
		attachedWhy: map[string]string{}, inlineWhy: map[string]string{}, attachedBad: map[*Instance]string{},
	}
	if len(m.byType[f.typ]) == 0 {
		return g
	}
	l := m.link(f.attach, f.typ, f.attachBy, "name")
	mergeWhy(g.attachedWhy, l.unresolved)
	for p, cs := range l.of {
		for _, c := range cs {
			r, bad := m.policyRef(c, get(c.Body, "policy_arn"), "policy_arn")
			g.add(p, r, bad)
		}
	}
	for _, c := range m.byType[f.exclusive] {
		target, why := m.identity(c, get(c.Body, f.exclusiveBy), f, f.exclusiveBy)
		if why != "" {
			setWhy(g.attachedWhy, c.Root, why)
			continue
		}
		if target == nil {
			continue // an identity managed elsewhere
		}
		v := get(c.Body, "policy_arns")
		elems, ok := elements(v)
		if !ok {
			g.attachedBad[target] = fmt.Sprintf("%s (%s:%d): policy_arns %s", c.Address, c.File, c.Line, unknownReason(v))
			continue
		}
		for _, e := range elems {
			r, bad := m.policyRef(c, e, "policy_arns element")
			g.add(target, r, bad)
		}
	}
	for _, c := range m.byType["aws_iam_policy_attachment"] {
		v := get(c.Body, f.listAttr)
		if v == cty.NilVal {
			continue
		}
		elems, ok := elements(v)
		if !ok {
			setWhy(g.attachedWhy, c.Root, fmt.Sprintf("%s (%s:%d): %s %s", c.Address, c.File, c.Line, f.listAttr, unknownReason(v)))
			continue
		}
		ref, bad := m.policyRef(c, get(c.Body, "policy_arn"), "policy_arn")
		for _, e := range elems {
			target, why := m.identity(c, e, f, f.listAttr+" element")
			if why != "" {
				setWhy(g.attachedWhy, c.Root, why)
				continue
			}
			if target != nil {
				g.add(target, ref, bad)
			}
		}
	}
	il := m.link(f.inline, f.typ, f.inlineBy, "name")
	mergeWhy(g.inlineWhy, il.unresolved)
	for p, cs := range il.of {
		for _, c := range cs {
			g.inline[p] = append(g.inline[p], inlineOf(c.Address, get(c.Body, "name"), get(c.Body, "policy")))
		}
	}
	return g
}

// add records an attachment; a policy whose ARN cannot be known and
// that is not one of this configuration's policies (bad) could be any
// policy, AdministratorAccess included: the list is unknown.
func (g *grants) add(p *Instance, r policyRef, bad string) {
	if bad != "" {
		if _, seen := g.attachedBad[p]; !seen {
			g.attachedBad[p] = bad
		}
		return
	}
	g.attached[p] = append(g.attached[p], r)
}

// identity finds the identity a form names (by name or reference): nil
// without a reason when it names one managed elsewhere.
func (m *mapper) identity(c *Instance, v cty.Value, f iamIdentity, attr string) (*Instance, string) {
	if p := m.resolve(c, v, f.typ, []string{"name"}); p != nil {
		return p, ""
	}
	if _, ok := str(v); ok {
		return nil, ""
	}
	why := fmt.Sprintf("%s (%s:%d) configures a %s that cannot be determined statically (%s = %s)", c.Address, c.File, c.Line, f.typ, attr, describeUnknown(v, "unset"))
	m.warn(c, "Cannot link "+c.Type, why)
	return nil, why
}

// policyRef reads an attached policy ARN: a reference to a policy of this
// configuration gives its name (its ARN is known after apply), a known ARN
// gives the name AWS shows (the last path element:
// arn:aws:iam::aws:policy/AdministratorAccess is AdministratorAccess).
func (m *mapper) policyRef(c *Instance, v cty.Value, what string) (policyRef, string) {
	if p := m.resolve(c, v, "aws_iam_policy", []string{"arn"}); p != nil {
		r := policyRef{name: policyName(p)}
		if s, ok := str(v); ok {
			r.arn = s
		} else {
			r.arnWhy = unknownReason(v)
		}
		return r, ""
	}
	if s, ok := str(v); ok {
		return policyRef{name: s[strings.LastIndex(s, "/")+1:], arn: s}, ""
	}
	return policyRef{}, fmt.Sprintf("%s (%s:%d) attaches a policy that cannot be determined statically (%s %s)", c.Address, c.File, c.Line, what, describeUnknown(v, "unset"))
}

// policyName is the name aws.iam.policy gives the policy (policy_name).
func policyName(p *Instance) string {
	if s, ok := str(get(p.Body, "name")); ok {
		return s
	}
	return p.Address
}

// inlineOf reads one embedded policy. A name generated at apply
// (name_prefix, or none) shows the Terraform address, like other
// identifiers AWS assigns.
func inlineOf(addr string, name, policy cty.Value) inlinePolicy {
	ip := inlinePolicy{name: addr}
	if s, ok := str(name); ok {
		ip.name = s
	}
	if policy == cty.NilVal {
		ip.docWhy = addr + " has no policy"
		return ip
	}
	if doc, why, ok := policyDocument(policy); ok {
		ip.doc = doc
	} else {
		ip.docWhy = why
	}
	return ip
}

// writeAttached sets attached_policies (each policy once).
func (g *grants) writeAttached(b *builder, in *Instance, extra []policyRef, extraWhy string) {
	why := g.attachedWhy[in.Root]
	if why == "" {
		why = g.attachedBad[in]
	}
	if why == "" {
		why = extraWhy
	}
	if why != "" {
		b.unknown("attached_policies", why)
		return
	}
	out := []any{}
	seen := map[string]bool{}
	for _, r := range append(append([]policyRef{}, extra...), g.attached[in]...) {
		key := "arn\x00" + r.arn
		if r.arn == "" {
			key = "name\x00" + r.name
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		item := map[string]any{"policy_name": r.name}
		if r.arn != "" {
			item["policy_arn"] = r.arn
		} else {
			b.unknown(fmt.Sprintf("attached_policies[%d].policy_arn", len(out)), r.arnWhy)
		}
		out = append(out, item)
	}
	b.r.Attributes["attached_policies"] = out
}

// writeInline sets inline_policies as {name, document}; a document that
// cannot be read is absent and named in unknown, the others stay.
func (g *grants) writeInline(b *builder, in *Instance, extra []inlinePolicy) {
	if why := g.inlineWhy[in.Root]; why != "" {
		b.unknown("inline_policies", why)
		return
	}
	out := []any{}
	for i, ip := range append(append([]inlinePolicy{}, extra...), g.inline[in]...) {
		item := map[string]any{"name": ip.name}
		if ip.docWhy == "" {
			item["document"] = ip.doc
		} else {
			b.unknown(fmt.Sprintf("inline_policies[%d].document", i), ip.docWhy)
		}
		out = append(out, item)
	}
	b.r.Attributes["inline_policies"] = out
}

func setWhy(m map[string]string, root, why string) {
	if _, seen := m[root]; !seen {
		m[root] = why
	}
}

func mergeWhy(dst, src map[string]string) {
	for root, why := range src {
		setWhy(dst, root, why)
	}
}
