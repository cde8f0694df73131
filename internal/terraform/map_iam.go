package terraform

import (
	"fmt"

	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// mapIAMUsers builds aws.iam.user. Whether MFA is enrolled is never in
// Terraform (a person activates the device), so mfa_devices is unknown;
// when a key was created or last used is only known after apply.
func mapIAMUsers(m *mapper) {
	users := m.byType["aws_iam_user"]
	if len(users) == 0 {
		return
	}
	loginL := m.link("aws_iam_user_login_profile", "aws_iam_user", "user", "name")
	keyL := m.link("aws_iam_access_key", "aws_iam_user", "user", "name")
	g := m.grantsOf(iamUserForms)
	ms := m.memberships()
	for _, in := range users {
		b := newBuilder(evidence.TypeAWSIAMUser, id(in), in, globalScope(in))
		b.identifier("user_name", get(in.Body, "name"), in)
		for _, a := range []string{"arn", "user_id", "create_date"} {
			b.unknown(a, "unknown until apply: "+in.Address+"."+a)
		}
		switch {
		case len(loginL.of[in]) > 0:
			b.r.Attributes["password_enabled"] = true
		case loginL.unresolved[in.Root] != "":
			b.unknown("password_enabled", loginL.unresolved[in.Root])
		default:
			b.r.Attributes["password_enabled"] = false
		}
		b.unknown("mfa_devices", "MFA devices are enrolled by the user, not by Terraform")
		if why := keyL.unresolved[in.Root]; why != "" && len(keyL.of[in]) == 0 {
			b.unknown("access_keys", why)
		} else {
			keys := []any{}
			for i, k := range keyL.of[in] {
				key := map[string]any{}
				b.setIn(key, fmt.Sprintf("access_keys[%d]", i), "status", get(k.Body, "status"), "Active")
				b.unknown(fmt.Sprintf("access_keys[%d]", i), "access key id and create_date are unknown until apply: "+k.Address)
				keys = append(keys, key)
			}
			b.r.Attributes["access_keys"] = keys
		}
		g.writeInline(b, in, nil)
		g.writeAttached(b, in, nil, "")
		ms.writeGroups(b, in)
		m.emit(b)
	}
}

// listFrom sets attr to the list of one value per linked child; any child
// that cannot be read, or a child that cannot be placed, makes it unknown.
func listFrom(b *builder, attr string, l links, in *Instance, item func(*Instance) (any, string)) {
	if why := l.unresolved[in.Root]; why != "" && len(l.of[in]) == 0 {
		b.unknown(attr, why)
		return
	}
	out := []any{}
	for _, c := range l.of[in] {
		v, why := item(c)
		if why != "" {
			b.unknown(attr, why)
			return
		}
		out = append(out, v)
	}
	b.r.Attributes[attr] = out
}

// mapIAMPolicies builds aws.iam.policy from aws_iam_policy documents;
// attachment_count counts the users, groups and roles this configuration
// attaches it to, through every form Terraform has: the single
// *_policy_attachment resources, aws_iam_policy_attachment (its users,
// roles and groups lists), a role's managed_policy_arns and the
// *_policy_attachments_exclusive resources (policy_arns lists). A policy
// only attached through one of the list forms counted as unattached, and an
// admin policy passed AWS-IAM-010.
func mapIAMPolicies(m *mapper) {
	pols := m.byType["aws_iam_policy"]
	if len(pols) == 0 {
		return
	}
	count := map[*Instance]int{}
	unresolved := map[string]string{}
	for _, t := range []string{"aws_iam_user_policy_attachment", "aws_iam_role_policy_attachment", "aws_iam_group_policy_attachment"} {
		l := m.linkOrExternal(t, "aws_iam_policy", "policy_arn", "arn")
		for p, cs := range l.of {
			count[p] += len(cs)
		}
		for root, why := range l.unresolved {
			unresolved[root] = why
		}
	}
	// aws_iam_policy_attachment attaches one policy to lists of entities.
	l := m.linkOrExternal("aws_iam_policy_attachment", "aws_iam_policy", "policy_arn", "arn")
	for root, why := range l.unresolved {
		unresolved[root] = why
	}
	for p, cs := range l.of {
		for _, c := range cs {
			for _, list := range []string{"users", "roles", "groups"} {
				v := get(c.Body, list)
				if v == cty.NilVal {
					continue
				}
				n, ok := knownLength(v)
				if !ok {
					unresolved[c.Root] = fmt.Sprintf("%s (%s:%d): %s %s", c.Address, c.File, c.Line, list, unknownReason(v))
					continue
				}
				count[p] += n
			}
		}
	}
	// One entity attaches lists of policies.
	for _, f := range []struct{ typ, attr string }{
		{"aws_iam_role", "managed_policy_arns"},
		{"aws_iam_role_policy_attachments_exclusive", "policy_arns"},
		{"aws_iam_user_policy_attachments_exclusive", "policy_arns"},
		{"aws_iam_group_policy_attachments_exclusive", "policy_arns"},
	} {
		for _, c := range m.byType[f.typ] {
			v := get(c.Body, f.attr)
			if v == cty.NilVal {
				continue
			}
			elems, ok := elements(v)
			if !ok {
				unresolved[c.Root] = fmt.Sprintf("%s (%s:%d) attaches policies that cannot be determined statically (%s = %s)", c.Address, c.File, c.Line, f.attr, describeUnknown(v, "unset"))
				continue
			}
			for _, e := range elems {
				if p := m.resolve(c, e, "aws_iam_policy", []string{"arn"}); p != nil {
					count[p]++
					continue
				}
				if _, known := str(e); !known {
					// An ARN only known at apply could be one of ours.
					unresolved[c.Root] = fmt.Sprintf("%s (%s:%d) attaches a policy that cannot be determined statically (%s element %s)", c.Address, c.File, c.Line, f.attr, describeUnknown(e, "unset"))
				}
				// A known ARN matching nothing here is an AWS-managed or
				// external policy: not one of ours.
			}
		}
	}
	for _, in := range pols {
		b := newBuilder(evidence.TypeAWSIAMPolicy, id(in), in, globalScope(in))
		b.identifier("policy_name", get(in.Body, "name"), in)
		b.unknown("arn", "unknown until apply: "+in.Address+".arn")
		b.unknown("default_version_id", "unknown until apply: "+in.Address+".default_version_id")
		// aws_iam_policy is always customer-managed; AWS-managed policies
		// are not in the configuration (their names show in the
		// attached_policies of users, groups and roles).
		b.r.Attributes["aws_managed"] = false
		if why := unresolved[in.Root]; why != "" {
			// An attachment whose policy is not known could be this one:
			// the count would be too low.
			b.unknown("attachment_count", why)
		} else {
			b.r.Attributes["attachment_count"] = int64(count[in])
		}
		if doc, why, ok := policyDocument(get(in.Body, "policy")); ok {
			b.r.Attributes["document"] = doc
		} else {
			b.unknown("document", why)
		}
		m.emit(b)
	}
}

// elements returns the elements of a known list, tuple or set (marks kept
// on each element, so a reference still names its resource).
func elements(v cty.Value) ([]cty.Value, bool) {
	if !v.IsKnown() || v.IsNull() {
		return nil, false
	}
	uv, marks := v.Unmark()
	if !(uv.Type().IsListType() || uv.Type().IsTupleType() || uv.Type().IsSetType()) {
		return nil, false
	}
	var out []cty.Value
	for it := uv.ElementIterator(); it.Next(); {
		_, e := it.Element()
		out = append(out, e.WithMarks(marks))
	}
	return out, true
}

// knownLength is the length of a known collection, whatever its elements.
func knownLength(v cty.Value) (int, bool) {
	elems, ok := elements(v)
	return len(elems), ok
}
