package terraform

import (
	"fmt"
	"path"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-audit/rampart/internal/evidence"
)

func githubScope(in *Instance, repo string) evidence.Scope {
	return evidence.Scope{Platform: "terraform", Org: in.Org, Repo: repo}
}

// mapGitHubRepositories builds github.repository from github_repository and
// the resources that protect it. The default branch's protection is the
// strictest of classic protections and active rulesets that cover it, as
// the live collector computes it.
func mapGitHubRepositories(m *mapper) {
	repos := m.byType["github_repository"]
	if len(repos) == 0 {
		return
	}
	names := []string{"name", "node_id", "full_name"}
	defL := m.link("github_branch_default", "github_repository", "repository", names...)
	bpL := m.link("github_branch_protection", "github_repository", "repository_id", names...)
	v3L := m.link("github_branch_protection_v3", "github_repository", "repository", names...)
	rsL := m.link("github_repository_ruleset", "github_repository", "repository", names...)
	actL := m.link("github_actions_repository_permissions", "github_repository", "repository", names...)
	for _, in := range repos {
		name, known := str(get(in.Body, "name"))
		rid := id(in)
		if known && in.Org != "" {
			rid = "github.com/" + in.Org + "/" + name
		}
		b := newBuilder("github.repository", rid, in, githubScope(in, name))
		b.set("name", get(in.Body, "name"), nil)
		if known && in.Org != "" {
			b.r.Attributes["full_name"] = in.Org + "/" + name
		} else {
			b.unknown("full_name", "the owner is not set statically in the GitHub provider configuration")
		}
		githubVisibility(b, in)
		b.set("archived", get(in.Body, "archived"), false)
		b.r.Attributes["fork"] = false
		b.set("has_issues", get(in.Body, "has_issues"), false)
		b.set("delete_branch_on_merge", get(in.Body, "delete_branch_on_merge"), false)
		b.set("vulnerability_alerts", get(in.Body, "vulnerability_alerts"), nil)

		defBranch := cty.NilVal
		if d, why := m.one(defL, in, "default branch"); d != nil {
			defBranch = get(d.Body, "branch")
		} else if why != "" {
			defBranch = unknownBecause(why)
		} else if v := get(in.Body, "default_branch"); v != cty.NilVal {
			defBranch = v
		}
		branch, branchKnown := str(defBranch)
		switch {
		case branchKnown:
			b.r.Attributes["default_branch"] = branch
		case defBranch == cty.NilVal:
			b.unknown("default_branch", "no github_branch_default: the default branch name comes from the owner's settings")
		default:
			b.unknown("default_branch", unknownReason(defBranch))
		}
		githubProtection(m, b, in, branch, branchKnown, bpL, v3L, rsL)

		if a, why := m.one(actL, in, "Actions permissions"); a != nil {
			act := map[string]any{}
			b.setIn(act, "actions", "enabled", get(a.Body, "enabled"), true)
			b.setIn(act, "actions", "allowed_actions", get(a.Body, "allowed_actions"), "all")
			b.r.Attributes["actions"] = act
		} else if why != "" {
			b.unknown("actions", why)
		} else {
			b.unknown("actions", "Actions permissions are not managed in this configuration (no github_actions_repository_permissions)")
		}
		m.emit(b)
	}
}

func githubVisibility(b *builder, in *Instance) {
	if v := get(in.Body, "visibility"); v != cty.NilVal {
		b.set("visibility", v, nil)
		return
	}
	p := get(in.Body, "private")
	if p == cty.NilVal {
		// The provider creates a public repository when neither is set.
		b.r.Attributes["visibility"] = "public"
		return
	}
	if g, ok := toGo(p); ok {
		b.r.Attributes["visibility"] = map[bool]string{true: "private", false: "public"}[g == true]
		return
	}
	b.unknown("visibility", unknownReason(p))
}

// protection is one source of branch protection and whether it covers the
// default branch: "yes", "no" or an unknown reason.
type protection struct {
	covers  string
	reviews cty.Value // number of approvals, or unknown
	noForce cty.Value // true when force pushes are blocked, or unknown
}

func githubProtection(m *mapper, b *builder, in *Instance, branch string, branchKnown bool, bpL, v3L, rsL links) {
	for _, l := range []links{bpL, v3L, rsL} {
		if why := l.unresolved[in.Root]; why != "" {
			b.unknown("default_branch_protection", why)
			return
		}
	}
	var ps []protection
	for _, c := range bpL.of[in] {
		reviews := cty.NumberIntVal(0)
		if rr, u, ok := blocks(c.Body, "required_pull_request_reviews"); !ok {
			reviews = u
		} else if len(rr) > 0 {
			reviews = orDefault(get(rr[0], "required_approving_review_count"), cty.NumberIntVal(1))
		}
		force := orDefault(get(c.Body, "allows_force_pushes"), cty.False)
		ps = append(ps, protection{covers: coverage(branch, branchKnown, get(c.Body, "pattern"), classicMatch), reviews: reviews, noForce: not(force)})
	}
	for _, c := range v3L.of[in] {
		reviews := cty.NumberIntVal(0)
		if rr, u, ok := blocks(c.Body, "required_pull_request_reviews"); !ok {
			reviews = u
		} else if len(rr) > 0 {
			reviews = orDefault(get(rr[0], "required_approving_review_count"), cty.NumberIntVal(1))
		}
		// The v3 resource cannot allow force pushes: protected branches block them.
		ps = append(ps, protection{covers: coverage(branch, branchKnown, get(c.Body, "branch"), classicMatch), reviews: reviews, noForce: cty.True})
	}
	for _, c := range rsL.of[in] {
		if t, ok := str(get(c.Body, "target")); ok && t != "branch" {
			continue
		}
		enf := get(c.Body, "enforcement")
		if s, ok := str(enf); ok && s != "active" {
			continue // "evaluate" and "disabled" rulesets do not block anything
		}
		p := protection{reviews: cty.NumberIntVal(0), noForce: cty.False}
		if _, ok := str(enf); !ok {
			p.covers = "enforcement of " + c.Address + " " + unknownReason(enf)
		} else {
			p.covers = rulesetCoverage(branch, branchKnown, c)
		}
		rules, u, ok := blocks(c.Body, "rules")
		switch {
		case !ok:
			p.reviews, p.noForce = u, u
		case len(rules) > 0:
			if pr, u, ok := blocks(rules[0], "pull_request"); !ok {
				p.reviews = u
			} else if len(pr) > 0 {
				p.reviews = orDefault(get(pr[0], "required_approving_review_count"), cty.NumberIntVal(0))
			}
			p.noForce = orDefault(get(rules[0], "non_fast_forward"), cty.False)
		}
		ps = append(ps, p)
	}
	out := map[string]any{"protected": false, "required_approving_review_count": int64(0), "allow_force_pushes": true}
	var uncertain []string
	for _, p := range ps {
		switch p.covers {
		case "no":
			continue
		case "yes":
			out["protected"] = true
		default:
			uncertain = append(uncertain, p.covers)
			continue
		}
		if n, ok := toGo(p.reviews); ok {
			if nn, isInt := n.(int64); isInt && nn > out["required_approving_review_count"].(int64) {
				out["required_approving_review_count"] = nn
			}
		} else {
			b.unknown("default_branch_protection.required_approving_review_count", unknownReason(p.reviews))
		}
		if f, ok := toGo(p.noForce); ok {
			if f == true {
				out["allow_force_pushes"] = false
			}
		} else {
			b.unknown("default_branch_protection.allow_force_pushes", unknownReason(p.noForce))
		}
	}
	if len(uncertain) > 0 {
		// A source that may cover the default branch could make any of the
		// three stricter: none of them can be relied on unless already strictest.
		why := strings.Join(uncertain, "; ")
		if out["protected"] != true {
			b.unknown("default_branch_protection.protected", why)
		}
		b.unknown("default_branch_protection.required_approving_review_count", why)
		if out["allow_force_pushes"] != false {
			b.unknown("default_branch_protection.allow_force_pushes", why)
		}
	}
	for k := range out {
		if _, bad := b.r.Unknown["default_branch_protection."+k]; bad {
			delete(out, k)
		}
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

func coverage(branch string, branchKnown bool, pattern cty.Value, match func(p, b string) bool) string {
	p, ok := str(pattern)
	if !ok {
		return "branch pattern " + unknownReason(pattern)
	}
	if !branchKnown {
		return fmt.Sprintf("protection of %q may or may not cover the default branch, whose name is not set in this configuration", p)
	}
	if match(p, branch) {
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
	list := func(k string) ([]string, string) {
		v := get(refs[0], k)
		g, ok := toGo(v)
		if v == cty.NilVal {
			return nil, ""
		}
		if !ok {
			return nil, k + " of " + rs.Address + " " + unknownReason(v)
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
	inc, why := list("include")
	if why != "" {
		return why
	}
	exc, why := list("exclude")
	if why != "" {
		return why
	}
	matches := func(pats []string) (bool, bool) { // (matched, decided)
		decided := true
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

// mapGitHubOrganizations builds github.organization from
// github_organization_settings. Two-factor enforcement is not a provider
// argument, so it stays unknown rather than assumed.
func mapGitHubOrganizations(m *mapper) {
	for _, in := range m.byType["github_organization_settings"] {
		rid := id(in)
		if in.Org != "" {
			rid = "github.com/" + in.Org
		}
		b := newBuilder("github.organization", rid, in, githubScope(in, ""))
		if in.Org != "" {
			b.r.Attributes["login"] = in.Org
		} else {
			b.unknown("login", "the owner is not set statically in the GitHub provider configuration")
		}
		b.unknown("two_factor_requirement_enabled", "two-factor enforcement is not managed by the Terraform GitHub provider")
		b.set("default_repository_permission", get(in.Body, "default_repository_permission"), "read")
		b.set("members_can_create_public_repositories", get(in.Body, "members_can_create_public_repositories"), true)
		b.set("web_commit_signoff_required", get(in.Body, "web_commit_signoff_required"), false)
		for _, k := range []string{"advanced_security_enabled_for_new_repositories", "dependabot_alerts_enabled_for_new_repositories", "secret_scanning_enabled_for_new_repositories", "secret_scanning_push_protection_enabled_for_new_repositories"} {
			b.set(k, get(in.Body, k), false)
		}
		m.emit(b)
	}
}
