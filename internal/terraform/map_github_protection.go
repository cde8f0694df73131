package terraform

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"
)

// protection is one source of branch protection: whether it covers the
// default branch ("yes", "no" or why that is unknown) and what it requires.
type protection struct {
	source string
	covers string
	fields map[string]cty.Value
}

// Kinds of default_branch_protection fields and how sources combine:
// requirements OR, the review count takes the maximum, allowances AND,
// status checks are a union.
var (
	requireFields = []string{"requires_pull_request", "dismiss_stale_reviews", "require_code_owner_reviews", "require_last_push_approval",
		"required_conversation_resolution", "required_status_checks_strict", "required_signatures", "required_linear_history", "enforce_admins",
		"dismissal_restricted", "restricts_pushes"}
	allowFields = []string{"allow_force_pushes", "allow_deletions"}
)

func classicProtection(c *Instance, branch string, branchKnown bool, v3 bool) protection {
	f := map[string]cty.Value{
		"enforce_admins":                   orDefault(get(c.Body, "enforce_admins"), cty.False),
		"required_signatures":              orDefault(get(c.Body, "require_signed_commits"), cty.False),
		"required_conversation_resolution": orDefault(get(c.Body, "require_conversation_resolution"), cty.False),
		"required_linear_history":          orDefault(get(c.Body, "required_linear_history"), cty.False),
		"allow_force_pushes":               orDefault(get(c.Body, "allows_force_pushes"), cty.False),
		"allow_deletions":                  orDefault(get(c.Body, "allows_deletions"), cty.False),
	}
	patternAttr := "pattern"
	if v3 {
		// The v3 resource has no switches for these: a protected branch blocks them.
		f["allow_force_pushes"], f["allow_deletions"], f["required_linear_history"] = cty.False, cty.False, cty.False
		patternAttr = "branch"
	}
	rr, u, ok := blocks(c.Body, "required_pull_request_reviews")
	switch {
	case !ok:
		for _, k := range []string{"requires_pull_request", "required_approving_review_count", "dismiss_stale_reviews", "require_code_owner_reviews", "require_last_push_approval", "dismissal_restricted"} {
			f[k] = u
		}
	case len(rr) == 0:
		f["requires_pull_request"], f["required_approving_review_count"] = cty.False, cty.NumberIntVal(0)
		f["dismiss_stale_reviews"], f["require_code_owner_reviews"], f["require_last_push_approval"] = cty.False, cty.False, cty.False
		f["dismissal_restricted"] = cty.False
	default:
		f["dismissal_restricted"] = dismissalRestricted(rr[0], v3)
		f["requires_pull_request"] = cty.True
		f["required_approving_review_count"] = orDefault(get(rr[0], "required_approving_review_count"), cty.NumberIntVal(1))
		f["dismiss_stale_reviews"] = orDefault(get(rr[0], "dismiss_stale_reviews"), cty.False)
		f["require_code_owner_reviews"] = orDefault(get(rr[0], "require_code_owner_reviews"), cty.False)
		f["require_last_push_approval"] = orDefault(get(rr[0], "require_last_push_approval"), cty.False)
	}
	f["restricts_pushes"] = pushRestricted(c.Body, v3)
	sc, u, ok := blocks(c.Body, "required_status_checks")
	switch {
	case !ok:
		f["required_status_checks"], f["required_status_checks_strict"] = u, u
	case len(sc) == 0:
		f["required_status_checks"], f["required_status_checks_strict"] = cty.EmptyTupleVal, cty.False
	default:
		checks := get(sc[0], "contexts")
		if checks == cty.NilVal {
			checks = get(sc[0], "checks")
		}
		f["required_status_checks"] = orDefault(checks, cty.EmptyTupleVal)
		f["required_status_checks_strict"] = orDefault(get(sc[0], "strict"), cty.False)
	}
	return protection{source: "branch_protection", covers: coverage(branch, branchKnown, get(c.Body, patternAttr)), fields: f}
}

func rulesetProtection(c *Instance, branch string, branchKnown bool) (protection, bool) {
	if t, ok := str(get(c.Body, "target")); ok && t != "branch" {
		return protection{}, false
	}
	p := protection{source: "rulesets", fields: map[string]cty.Value{}}
	enf := get(c.Body, "enforcement")
	if s, ok := str(enf); ok && s != "active" {
		return protection{}, false // "evaluate" and "disabled" rulesets block nothing
	} else if !ok {
		p.covers = "enforcement of " + c.Address + " " + unknownReason(enf)
	} else {
		p.covers = rulesetCoverage(branch, branchKnown, c)
	}
	f := p.fields
	for _, k := range requireFields {
		f[k] = cty.False
	}
	f["required_approving_review_count"] = cty.NumberIntVal(0)
	f["required_status_checks"] = cty.EmptyTupleVal
	f["allow_force_pushes"], f["allow_deletions"] = cty.True, cty.True
	f["enforce_admins"] = bindsAdmins(c)
	rules, u, ok := blocks(c.Body, "rules")
	if !ok {
		for k := range f {
			f[k] = u
		}
		return p, true
	}
	if len(rules) == 0 {
		return p, true
	}
	r := rules[0]
	f["allow_force_pushes"] = not(orDefault(get(r, "non_fast_forward"), cty.False))
	f["allow_deletions"] = not(orDefault(get(r, "deletion"), cty.False))
	f["required_linear_history"] = orDefault(get(r, "required_linear_history"), cty.False)
	f["required_signatures"] = orDefault(get(r, "required_signatures"), cty.False)
	// update: only the ruleset's bypass actors may push to the branch.
	// Rulesets cannot restrict who dismisses reviews: dismissal_restricted
	// stays false.
	f["restricts_pushes"] = orDefault(get(r, "update"), cty.False)
	if pr, u, ok := blocks(r, "pull_request"); !ok {
		for _, k := range []string{"requires_pull_request", "required_approving_review_count", "dismiss_stale_reviews", "require_code_owner_reviews", "require_last_push_approval", "required_conversation_resolution"} {
			f[k] = u
		}
	} else if len(pr) > 0 {
		f["requires_pull_request"] = cty.True
		f["required_approving_review_count"] = orDefault(get(pr[0], "required_approving_review_count"), cty.NumberIntVal(0))
		f["dismiss_stale_reviews"] = orDefault(get(pr[0], "dismiss_stale_reviews_on_push"), cty.False)
		f["require_code_owner_reviews"] = orDefault(get(pr[0], "require_code_owner_review"), cty.False)
		f["require_last_push_approval"] = orDefault(get(pr[0], "require_last_push_approval"), cty.False)
		f["required_conversation_resolution"] = orDefault(get(pr[0], "required_review_thread_resolution"), cty.False)
	}
	if sc, u, ok := blocks(r, "required_status_checks"); !ok {
		f["required_status_checks"], f["required_status_checks_strict"] = u, u
	} else if len(sc) > 0 {
		f["required_status_checks_strict"] = orDefault(get(sc[0], "strict_required_status_checks_policy"), cty.False)
		checks, u, ok := blocks(sc[0], "required_check")
		if !ok {
			f["required_status_checks"] = u
		} else {
			var names []cty.Value
			for _, ch := range checks {
				names = append(names, orDefault(get(ch, "context"), cty.StringVal("")))
			}
			if len(names) > 0 {
				f["required_status_checks"] = cty.TupleVal(names)
			}
		}
	}
	return p, true
}

// bindsAdmins is true unless the ruleset's bypass list names the
// organisation admin or the repository admin role (actor_id 5).
func bindsAdmins(c *Instance) cty.Value {
	actors, u, ok := blocks(c.Body, "bypass_actors")
	if !ok {
		return u
	}
	for _, a := range actors {
		t, ok := str(get(a, "actor_type"))
		if !ok {
			return orDefault(get(a, "actor_type"), unknownBecause("bypass actor type not set"))
		}
		switch t {
		case "OrganizationAdmin":
			return cty.False
		case "RepositoryRole":
			idv := get(a, "actor_id")
			n, ok := knownInt(idv)
			if !ok {
				return orDefault(idv, unknownBecause("bypass actor id not set"))
			}
			if n == 5 {
				return cty.False
			}
		}
	}
	return cty.True
}

func githubProtection(b *builder, in *Instance, branch string, branchKnown bool, bpL, v3L, rsL links, orgRulesets []*Instance) {
	for _, l := range []links{bpL, v3L, rsL} {
		if why := l.unresolved[in.Root]; why != "" {
			b.unknown("default_branch_protection", why)
			return
		}
	}
	var ps []protection
	for _, c := range bpL.of[in] {
		ps = append(ps, classicProtection(c, branch, branchKnown, false))
	}
	for _, c := range v3L.of[in] {
		ps = append(ps, classicProtection(c, branch, branchKnown, true))
	}
	for _, c := range rsL.of[in] {
		if p, ok := rulesetProtection(c, branch, branchKnown); ok {
			ps = append(ps, p)
		}
	}
	repo, repoKnown := str(get(in.Body, "name"))
	for _, c := range orgRulesets {
		p, ok := rulesetProtection(c, branch, branchKnown)
		if !ok {
			continue
		}
		switch applies := orgRulesetApplies(c, repo, repoKnown); applies {
		case "no":
			continue
		case "yes":
		default:
			if p.covers == "yes" || p.covers == "no" {
				if p.covers == "no" {
					continue
				}
				p.covers = applies
			}
		}
		ps = append(ps, p)
	}
	out := map[string]any{"protected": false, "required_approving_review_count": int64(0), "required_status_checks": []any{}}
	for _, k := range requireFields {
		out[k] = false
	}
	for _, k := range allowFields {
		out[k] = true
	}
	sources := map[string]bool{}
	checks := map[string]bool{}
	unknownField := map[string]string{}
	var uncertain []string
	for _, p := range ps {
		switch p.covers {
		case "no":
			continue
		case "yes":
			out["protected"] = true
			sources[p.source] = true
		default:
			uncertain = append(uncertain, p.covers)
			continue
		}
		for k, v := range p.fields {
			g, ok := toGo(v)
			if !ok {
				unknownField[k] = unknownReason(v)
				continue
			}
			switch k {
			case "required_approving_review_count":
				if n, isInt := g.(int64); isInt && n > out[k].(int64) {
					out[k] = n
				}
			case "required_status_checks":
				if list, isList := g.([]any); isList {
					for _, c := range list {
						if s, isStr := c.(string); isStr && s != "" {
							checks[s] = true
						}
					}
				}
			case "allow_force_pushes", "allow_deletions":
				if g == false {
					out[k] = false
				}
			default:
				if g == true {
					out[k] = true
				}
			}
		}
	}
	names := make([]string, 0, len(checks))
	for c := range checks {
		names = append(names, c)
	}
	sort.Strings(names)
	list := make([]any, len(names))
	for i, n := range names {
		list[i] = n
	}
	out["required_status_checks"] = list
	srcs := []any{}
	for _, s := range []string{"branch_protection", "rulesets"} {
		if sources[s] {
			srcs = append(srcs, s)
		}
	}
	out["sources"] = srcs
	if len(uncertain) > 0 {
		// A source that may cover the default branch could make any field
		// stricter: none can be relied on unless already at its strictest.
		why := strings.Join(uncertain, "; ")
		for k, v := range out {
			allow := k == "allow_force_pushes" || k == "allow_deletions"
			switch {
			case k == "sources":
			case allow && v == false, !allow && v == true:
			default:
				unknownField[k] = why
			}
		}
	}
	for k, why := range unknownField {
		delete(out, k)
		b.unknown("default_branch_protection."+k, why)
	}
	out["required_status_checks_enabled"] = len(names) > 0
	if _, bad := unknownField["required_status_checks"]; bad {
		delete(out, "required_status_checks_enabled")
		b.unknown("default_branch_protection.required_status_checks_enabled", unknownField["required_status_checks"])
	}
	for _, pair := range [][2]string{{"allow_force_pushes", "blocks_force_pushes"}, {"allow_deletions", "blocks_deletions"}} {
		if v, ok := out[pair[0]].(bool); ok {
			out[pair[1]] = !v
		} else {
			b.unknown("default_branch_protection."+pair[1], unknownField[pair[0]])
		}
	}
	if !branchKnown && out["protected"] == false {
		// No source covers the branch, so it is unprotected whatever its
		// name; but controls name the branch in their messages, and a
		// message built from a missing default_branch would make the deny
		// undefined: a pass. Not evaluated is the honest outcome.
		delete(out, "protected")
		b.unknown("default_branch_protection.protected", "no protection in this configuration, and the default branch name is not set (add a github_branch_default) so it cannot be reported")
	}
	b.r.Attributes["default_branch_protection"] = out
}

func orDefault(v, def cty.Value) cty.Value {
	if v == cty.NilVal {
		return def
	}
	return v
}

func not(v cty.Value) cty.Value {
	if g, ok := toGo(v); ok {
		if bv, isBool := g.(bool); isBool {
			return cty.BoolVal(!bv)
		}
	}
	return v
}

func classicMatch(pattern, branch string) bool {
	ok, err := path.Match(pattern, branch)
	return err == nil && ok
}

func coverage(branch string, branchKnown bool, pattern cty.Value) string {
	p, ok := str(pattern)
	if !ok {
		return "branch pattern " + unknownReason(pattern)
	}
	if !branchKnown {
		return fmt.Sprintf("protection of %q may or may not cover the default branch, whose name is not set in this configuration", p)
	}
	if classicMatch(p, branch) {
		return "yes"
	}
	return "no"
}

// rulesetCoverage evaluates a ruleset's ref_name conditions against the
// default branch (~DEFAULT_BRANCH and ~ALL need no branch name).
func rulesetCoverage(branch string, branchKnown bool, rs *Instance) string {
	conds, u, ok := blocks(rs.Body, "conditions")
	if !ok {
		return "conditions of " + rs.Address + " " + unknownReason(u)
	}
	if len(conds) == 0 {
		return "no"
	}
	refs, u, ok := blocks(conds[0], "ref_name")
	if !ok {
		return "conditions of " + rs.Address + " " + unknownReason(u)
	}
	if len(refs) == 0 {
		return "no"
	}
	inc, why := patternList(refs[0], "include", rs.Address)
	if why != "" {
		return why
	}
	exc, why := patternList(refs[0], "exclude", rs.Address)
	if why != "" {
		return why
	}
	matches := func(pats []string) (matched, decided bool) {
		decided = true
		for _, p := range pats {
			switch p {
			case "~ALL", "~DEFAULT_BRANCH":
				return true, true
			}
			if !branchKnown {
				decided = false
				continue
			}
			if classicMatch(strings.TrimPrefix(p, "refs/heads/"), branch) {
				return true, true
			}
		}
		return false, decided
	}
	in, decidedIn := matches(inc)
	out, decidedOut := matches(exc)
	switch {
	case in && decidedOut && !out:
		return "yes"
	case decidedIn && !in, out:
		return "no"
	}
	return fmt.Sprintf("ruleset %s may or may not cover the default branch, whose name is not set in this configuration", rs.Address)
}

// orgRulesetApplies evaluates an organisation ruleset's repository_name
// condition against the repository: "yes", "no" or why it cannot be told.
// Conditions on repository IDs or custom properties are decided live only.
func orgRulesetApplies(rs *Instance, repo string, repoKnown bool) string {
	conds, u, ok := blocks(rs.Body, "conditions")
	if !ok {
		return "conditions of " + rs.Address + " " + unknownReason(u)
	}
	if len(conds) == 0 {
		return "no"
	}
	names, u, ok := blocks(conds[0], "repository_name")
	if !ok {
		return "repository condition of " + rs.Address + " " + unknownReason(u)
	}
	if len(names) == 0 {
		for _, other := range []string{"repository_id", "repository_property"} {
			if get(conds[0], other) != cty.NilVal {
				return fmt.Sprintf("organisation ruleset %s selects repositories by %s, which is only known live", rs.Address, other)
			}
		}
		return "no"
	}
	if !repoKnown {
		return "the repository name is not known statically"
	}
	inc, why := patternList(names[0], "include", rs.Address)
	if why != "" {
		return why
	}
	exc, why := patternList(names[0], "exclude", rs.Address)
	if why != "" {
		return why
	}
	match := func(ps []string) bool {
		for _, p := range ps {
			if p == "~ALL" || classicMatch(p, repo) {
				return true
			}
		}
		return false
	}
	if match(inc) && !match(exc) {
		return "yes"
	}
	return "no"
}

// patternList reads a ruleset condition's include or exclude list. The
// second result is the reason when the list is not known statically; an
// absent list is empty.
func patternList(cond cty.Value, k, address string) ([]string, string) {
	v := get(cond, k)
	if v == cty.NilVal {
		return nil, ""
	}
	g, ok := toGo(v)
	if !ok {
		return nil, k + " of " + address + " " + unknownReason(v)
	}
	var out []string
	if arr, isArr := g.([]any); isArr {
		for _, e := range arr {
			if s, isStr := e.(string); isStr {
				out = append(out, s)
			}
		}
	}
	return out, ""
}

// dismissalRestricted: github_branch_protection says restrict_dismissals;
// the v3 resource restricts when it names dismissal users, teams or apps.
func dismissalRestricted(rr cty.Value, v3 bool) cty.Value {
	if !v3 {
		return orDefault(get(rr, "restrict_dismissals"), cty.False)
	}
	for _, k := range []string{"dismissal_users", "dismissal_teams", "dismissal_apps"} {
		list, u, ok := blocks(rr, k)
		if !ok {
			return u
		}
		if len(list) > 0 {
			return cty.True
		}
	}
	return cty.False
}

// pushRestricted: a restrict_pushes block (github_branch_protection) or a
// restrictions block (v3) limits pushes to the actors it names.
func pushRestricted(body cty.Value, v3 bool) cty.Value {
	name := "restrict_pushes"
	if v3 {
		name = "restrictions"
	}
	list, u, ok := blocks(body, name)
	if !ok {
		return u
	}
	return cty.BoolVal(len(list) > 0)
}
