package terraform

import (
	"regexp"
	"slices"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// mapOrganizations builds aws.organizations.organization from
// aws_organizations_organization (with the delegated administrators of its
// root module) and aws.organizations.policy from each
// aws_organizations_policy of type SERVICE_CONTROL_POLICY, with the
// aws_organizations_policy_attachment resources that name it (by the
// policy's id). A configuration that creates the organisation is run in
// its management account.
func mapOrganizations(m *mapper) {
	for _, in := range m.byType["aws_organizations_organization"] {
		b := newBuilder(evidence.TypeAWSOrganization, id(in), in, globalScope(in))
		b.r.Attributes["in_organization"] = true
		b.r.Attributes["is_management_account"] = true
		b.set("feature_set", get(in.Body, "feature_set"), "ALL")
		orgPolicyTypes(b, get(in.Body, "enabled_policy_types"))
		b.set("aws_service_access_principals", get(in.Body, "aws_service_access_principals"), []any{})
		delegatedAdministrators(m, b, in)
		m.emit(b)
	}
	attL := m.link("aws_organizations_policy_attachment", "aws_organizations_policy", "policy_id", "id")
	for _, in := range m.byType["aws_organizations_policy"] {
		typ := get(in.Body, "type")
		if s, ok := str(typ); ok && s != "SERVICE_CONTROL_POLICY" {
			continue // tag, backup, AI opt-out policies: not this type
		} else if !ok && typ != cty.NilVal {
			// Which kind of policy it is decides whether it is an SCP at
			// all; an unknown type is recorded as one, with the reason.
			m.warn(in, "Policy type unknown", in.Address+" has a type known only after apply; it is checked as a service control policy.")
		}
		b := newBuilder(evidence.TypeAWSOrgPolicy, id(in), in, globalScope(in))
		b.identifier("name", get(in.Body, "name"), in)
		b.r.Attributes["type"] = "SERVICE_CONTROL_POLICY"
		b.r.Attributes["aws_managed"] = false
		if doc, why, ok := policyDocument(get(in.Body, "content")); ok {
			b.r.Attributes["document"] = doc
		} else {
			b.unknown("document", why)
		}
		policyTargets(m, b, in, attL)
		m.emit(b)
	}
}

// orgPolicyTypes sets enabled_policy_types and scp_enabled from the
// organisation's enabled_policy_types (absent: none enabled).
func orgPolicyTypes(b *builder, v cty.Value) {
	types := []string{}
	if v != cty.NilVal {
		g, ok := toGo(v)
		list, isList := g.([]any)
		if !ok || (!isList && g != nil) {
			why := unknownReason(v)
			b.unknown("enabled_policy_types", why)
			b.unknown("scp_enabled", why)
			return
		}
		for _, e := range list {
			if s, ok := e.(string); ok {
				types = append(types, s)
			}
		}
	}
	slices.Sort(types)
	b.r.Attributes["enabled_policy_types"] = types
	b.r.Attributes["scp_enabled"] = slices.Contains(types, "SERVICE_CONTROL_POLICY")
}

// delegatedAdministrators lists the root module's
// aws_organizations_delegated_administrator resources by account. An
// account ID known only after apply (an aws_organizations_account created
// here) is ""; a service principal that is not known makes the whole list
// unknown, since the control asks which services are delegated.
func delegatedAdministrators(m *mapper, b *builder, org *Instance) {
	byAccount := map[string][]string{}
	for _, d := range m.byType["aws_organizations_delegated_administrator"] {
		if d.Root != org.Root {
			continue
		}
		sp := get(d.Body, "service_principal")
		p, ok := str(sp)
		if !ok {
			b.unknown("delegated_administrators", d.Address+": service_principal "+describeUnknown(sp, "unset"))
			return
		}
		acct, _ := str(get(d.Body, "account_id"))
		byAccount[acct] = append(byAccount[acct], p)
	}
	out := []any{}
	for _, acct := range keysOf(anyMap(byAccount)) {
		ps := byAccount[acct]
		slices.Sort(ps)
		out = append(out, map[string]any{"account_id": acct, "service_principals": ps})
	}
	b.r.Attributes["delegated_administrators"] = out
}

func anyMap(m map[string][]string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

var (
	rootIDRE    = regexp.MustCompile(`^r-[0-9a-z]{4,32}$`)
	ouIDRE      = regexp.MustCompile(`^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$`)
	accountIDRE = regexp.MustCompile(`^[0-9]{12}$`)
)

// policyTargets sets targets from the attachments naming the policy. The
// target's type follows from a literal ID (r-…, ou-…, 12 digits) or from
// what it references (the organisation's roots, an
// aws_organizations_organizational_unit, an aws_organizations_account);
// otherwise it is "" — known after apply — and the control reports it
// unknown unless the policy is also on the root. An attachment of the root
// module that could not be placed makes targets unknown: it may attach
// this policy.
func policyTargets(m *mapper, b *builder, in *Instance, l links) {
	targets := []any{}
	onRoot := false
	for _, a := range l.of[in] {
		tv := get(a.Body, "target_id")
		tid, _ := str(tv)
		typ := targetType(tid, tv)
		onRoot = onRoot || typ == "ROOT"
		targets = append(targets, map[string]any{"target_id": tid, "type": typ})
	}
	if why := l.unresolved[in.Root]; why != "" && !onRoot {
		b.unknown("targets", why)
		return
	}
	b.r.Attributes["targets"] = targets
}

func targetType(literal string, v cty.Value) string {
	switch {
	case rootIDRE.MatchString(literal):
		return "ROOT"
	case ouIDRE.MatchString(literal):
		return "ORGANIZATIONAL_UNIT"
	case accountIDRE.MatchString(literal):
		return "ACCOUNT"
	}
	for r := range cty.ValueMarksOfTypeDeep[ref](v) {
		switch {
		// Module paths and data sources included: module.org.aws_…, data.aws_….
		case strings.Contains(r.Addr, "aws_organizations_organization.") && r.Attr == "roots":
			return "ROOT"
		case strings.Contains(r.Addr, "aws_organizations_organizational_unit."):
			return "ORGANIZATIONAL_UNIT"
		case strings.Contains(r.Addr, "aws_organizations_account."):
			return "ACCOUNT"
		}
	}
	return ""
}
