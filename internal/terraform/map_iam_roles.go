package terraform

import (
	"fmt"

	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// mapIAMRoles builds aws.iam.role: the trust policy, the policies embedded
// (inline_policy blocks and aws_iam_role_policy) and attached
// (managed_policy_arns and the attachment resources). What only IAM knows
// — the ARN and ID, when the role was last used, the instance profiles
// carrying it — is unknown.
func mapIAMRoles(m *mapper) {
	roles := m.byType["aws_iam_role"]
	if len(roles) == 0 {
		return
	}
	g := m.grantsOf(iamRoleForms)
	for _, in := range roles {
		b := newBuilder(evidence.TypeAWSIAMRole, id(in), in, globalScope(in))
		b.identifier("role_name", get(in.Body, "name"), in)
		for _, a := range []string{"arn", "role_id", "create_date"} {
			b.unknown(a, "unknown until apply: "+in.Address+"."+a)
		}
		for _, a := range []string{"last_used_date", "last_used_region", "instance_profiles"} {
			b.unknown(a, "known only live: IAM records it, the configuration does not say")
		}
		b.set("path", get(in.Body, "path"), "/")
		b.set("max_session_duration", get(in.Body, "max_session_duration"), int64(3600))
		b.set("permissions_boundary", get(in.Body, "permissions_boundary"), nil)
		switch trust := get(in.Body, "assume_role_policy"); {
		case trust == cty.NilVal:
			// The provider requires it: the plan would fail, nothing is known.
			b.unknown("assume_role_policy", in.Address+" sets no assume_role_policy, which the AWS provider requires")
		default:
			if doc, why, ok := policyDocument(trust); ok {
				b.r.Attributes["assume_role_policy"] = doc
			} else {
				b.unknown("assume_role_policy", why)
			}
		}
		if inline, why := roleInlinePolicies(in); why != "" {
			b.unknown("inline_policies", why)
		} else {
			g.writeInline(b, in, inline)
		}
		managed, why := m.roleManagedPolicies(in)
		g.writeAttached(b, in, managed, why)
		m.emit(b)
	}
}

// roleInlinePolicies reads the role's inline_policy blocks. A block
// without a name and a policy is the provider's way of saying "no inline
// policies": it embeds nothing.
func roleInlinePolicies(in *Instance) ([]inlinePolicy, string) {
	bs, unknown, ok := blocks(in.Body, "inline_policy")
	if !ok {
		return nil, fmt.Sprintf("%s (%s:%d): inline_policy blocks %s", in.Address, in.File, in.Line, unknownReason(unknown))
	}
	var out []inlinePolicy
	for i, bl := range bs {
		name, policy := get(bl, "name"), get(bl, "policy")
		if name == cty.NilVal && policy == cty.NilVal {
			continue
		}
		out = append(out, inlineOf(fmt.Sprintf("%s.inline_policy[%d]", in.Address, i), name, policy))
	}
	return out, ""
}

// roleManagedPolicies reads managed_policy_arns.
func (m *mapper) roleManagedPolicies(in *Instance) ([]policyRef, string) {
	v := get(in.Body, "managed_policy_arns")
	if v == cty.NilVal {
		return nil, ""
	}
	elems, ok := elements(v)
	if !ok {
		return nil, fmt.Sprintf("%s (%s:%d) attaches policies that cannot be determined statically (managed_policy_arns = %s)", in.Address, in.File, in.Line, describeUnknown(v, "unset"))
	}
	var out []policyRef
	for _, e := range elems {
		r, bad := m.policyRef(in, e, "managed_policy_arns element")
		if bad != "" {
			return nil, bad
		}
		out = append(out, r)
	}
	return out, ""
}

// mapIAMGroups builds aws.iam.group: its policies and its members, from
// aws_iam_group_membership (the group's users) and
// aws_iam_user_group_membership (a user's groups).
func mapIAMGroups(m *mapper) {
	groups := m.byType["aws_iam_group"]
	if len(groups) == 0 {
		return
	}
	g := m.grantsOf(iamGroupForms)
	ms := m.memberships()
	for _, in := range groups {
		b := newBuilder(evidence.TypeAWSIAMGroup, id(in), in, globalScope(in))
		b.identifier("group_name", get(in.Body, "name"), in)
		for _, a := range []string{"arn", "group_id", "create_date"} {
			b.unknown(a, "unknown until apply: "+in.Address+"."+a)
		}
		b.set("path", get(in.Body, "path"), "/")
		g.writeInline(b, in, nil)
		g.writeAttached(b, in, nil, "")
		ms.writeMembers(b, in)
		m.emit(b)
	}
}

// memberships joins users and groups through both membership resources:
// a group's members and a user's groups are the same facts read from
// either side.
type memberships struct {
	members map[*Instance][]string // group → user names
	groups  map[*Instance][]string // user → group names
	// Per root module: a membership whose user or group cannot be told
	// could be anyone's, the lists are unknown.
	membersWhy, groupsWhy map[string]string
}

// membership is one (user, group) pair of a membership resource.
type membership struct {
	c                   *Instance
	user, group         cty.Value // the configured values
	userInst, groupInst *Instance // nil: managed elsewhere
}

// memberships is read once per run (users and groups both need it, and
// its warnings must be given once).
func (m *mapper) memberships() *memberships {
	if m.iamMembers != nil {
		return m.iamMembers
	}
	ms := &memberships{members: map[*Instance][]string{}, groups: map[*Instance][]string{},
		membersWhy: map[string]string{}, groupsWhy: map[string]string{}}
	m.iamMembers = ms
	// unresolved: a user or group of this membership cannot be told.
	unresolved := func(c *Instance, why string) {
		setWhy(ms.membersWhy, c.Root, why)
		setWhy(ms.groupsWhy, c.Root, why)
	}
	var pairs []membership
	// aws_iam_group_membership: one group, its users; aws_iam_user_group_membership:
	// one user, some of its groups.
	for _, f := range []struct{ typ, one, many string }{
		{"aws_iam_group_membership", "group", "users"},
		{"aws_iam_user_group_membership", "user", "groups"},
	} {
		oneForms, manyForms := iamGroupForms, iamUserForms
		if f.one == "user" {
			oneForms, manyForms = iamUserForms, iamGroupForms
		}
		for _, c := range m.byType[f.typ] {
			oneV := get(c.Body, f.one)
			one, why := m.identity(c, oneV, oneForms, f.one)
			if why != "" {
				unresolved(c, why)
				continue
			}
			v := get(c.Body, f.many)
			elems, ok := elements(v)
			if !ok {
				unresolved(c, fmt.Sprintf("%s (%s:%d): %s %s", c.Address, c.File, c.Line, f.many, unknownReason(v)))
				continue
			}
			for _, e := range elems {
				many, why := m.identity(c, e, manyForms, f.many+" element")
				if why != "" {
					unresolved(c, why)
					continue
				}
				p := membership{c: c, user: e, group: oneV, userInst: many, groupInst: one}
				if f.one == "user" {
					p = membership{c: c, user: oneV, group: e, userInst: one, groupInst: many}
				}
				pairs = append(pairs, p)
			}
		}
	}
	for _, p := range pairs {
		if p.groupInst != nil {
			ms.members[p.groupInst] = append(ms.members[p.groupInst], memberName(p.user, p.userInst))
		}
		if p.userInst != nil {
			ms.groups[p.userInst] = append(ms.groups[p.userInst], memberName(p.group, p.groupInst))
		}
	}
	return ms
}

// memberName is the name a membership gives a user or group: the value
// when known, else the name of the identity it references (its configured
// name, or its address when AWS names it at apply). identity() has placed
// every unknown value on an identity of this configuration.
func memberName(v cty.Value, target *Instance) string {
	if s, ok := str(v); ok {
		return s
	}
	if target != nil {
		if s, ok := str(get(target.Body, "name")); ok {
			return s
		}
		return target.Address
	}
	return ""
}

func (ms *memberships) writeMembers(b *builder, in *Instance) {
	writeNames(b, "members", ms.members[in], ms.membersWhy[in.Root])
}

func (ms *memberships) writeGroups(b *builder, in *Instance) {
	writeNames(b, "groups", ms.groups[in], ms.groupsWhy[in.Root])
}

// writeNames sets a list of names (each once), or unknown with why.
func writeNames(b *builder, attr string, names []string, why string) {
	if why != "" {
		b.unknown(attr, why)
		return
	}
	out := []any{}
	seen := map[string]bool{}
	for _, n := range names {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	b.r.Attributes[attr] = out
}
