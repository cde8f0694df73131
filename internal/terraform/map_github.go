package terraform

import (
	"fmt"
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-audit/rampart/internal/evidence"
)

func githubScope(in *Instance, repo string) evidence.Scope {
	return evidence.Scope{Platform: "terraform", Org: in.Org, Repo: repo}
}

var repoNames = []string{"name", "node_id", "full_name"}

// mapGitHubRepositories builds github.repository from github_repository and
// the resources that configure it. The default branch's protection is the
// strictest of the classic protections and active rulesets that cover it,
// as the live collector computes it.
func mapGitHubRepositories(m *mapper) {
	repos := m.byType["github_repository"]
	if len(repos) == 0 {
		return
	}
	defL := m.link("github_branch_default", "github_repository", "repository", repoNames...)
	bpL := m.link("github_branch_protection", "github_repository", "repository_id", repoNames...)
	v3L := m.link("github_branch_protection_v3", "github_repository", "repository", repoNames...)
	rsL := m.link("github_repository_ruleset", "github_repository", "repository", repoNames...)
	actL := m.link("github_actions_repository_permissions", "github_repository", "repository", repoNames...)
	wfL := m.link("github_workflow_repository_permissions", "github_repository", "repository", repoNames...)
	depL := m.link("github_repository_dependabot_security_updates", "github_repository", "repository", repoNames...)
	fileL := m.link("github_repository_file", "github_repository", "repository", repoNames...)
	hookL := m.link("github_repository_webhook", "github_repository", "repository", repoNames...)
	keyL := m.link("github_repository_deploy_key", "github_repository", "repository", repoNames...)
	collabL := m.link("github_repository_collaborator", "github_repository", "repository", repoNames...)
	collabsL := m.link("github_repository_collaborators", "github_repository", "repository", repoNames...)
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
		for _, a := range []string{"dependabot_alerts", "code_scanning_alerts", "secret_scanning_alerts"} {
			b.unknown(a, "alerts exist only on the live repository")
		}

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
		githubProtection(b, in, branch, branchKnown, bpL, v3L, rsL)
		githubRepoSecurity(m, b, in, depL)
		githubRepoActions(m, b, in, actL, wfL)
		githubCodeowners(b, in, fileL)
		listFrom(b, "webhooks", hookL, in, webhook)
		listFrom(b, "deploy_keys", keyL, in, func(k *Instance) (any, string) {
			key := map[string]any{}
			for attr, def := range map[string]any{"title": nil, "read_only": true} {
				v := get(k.Body, attr)
				if v == cty.NilVal {
					if def != nil {
						key[attr] = def
					}
					continue
				}
				g, ok := toGo(v)
				if !ok {
					return nil, k.Address + ": " + attr + " " + unknownReason(v)
				}
				key[attr] = g
			}
			return key, ""
		})
		githubCollaborators(b, in, collabL, collabsL)
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

// githubRepoSecurity maps security_and_analysis and Dependabot settings.
// Unset means "whatever GitHub and the organisation default to", which
// this configuration does not say: unknown.
func githubRepoSecurity(m *mapper, b *builder, in *Instance, depL links) {
	const notSet = "not set in this configuration: the default comes from the organisation's settings"
	sa := map[string]any{}
	sec, u, ok := blocks(in.Body, "security_and_analysis")
	if !ok {
		b.unknown("security_and_analysis", unknownReason(u))
	} else {
		for _, k := range []string{"advanced_security", "secret_scanning", "secret_scanning_push_protection"} {
			if len(sec) == 0 {
				b.unknown("security_and_analysis."+k, notSet)
				continue
			}
			st, u, ok := blocks(sec[0], k)
			switch {
			case !ok:
				b.unknown("security_and_analysis."+k, unknownReason(u))
			case len(st) == 0:
				b.unknown("security_and_analysis."+k, notSet)
			default:
				v := get(st[0], "status")
				if s, ok := str(v); ok {
					sa[k] = s == "enabled"
				} else {
					b.unknown("security_and_analysis."+k, unknownReason(v))
				}
			}
		}
	}
	if d, why := m.one(depL, in, "Dependabot security updates"); d != nil {
		b.setIn(sa, "security_and_analysis", "dependabot_security_updates", get(d.Body, "enabled"), nil)
	} else if why != "" {
		b.unknown("security_and_analysis.dependabot_security_updates", why)
	} else {
		b.unknown("security_and_analysis.dependabot_security_updates", notSet)
	}
	b.r.Attributes["security_and_analysis"] = sa
	if v := get(in.Body, "vulnerability_alerts"); v != cty.NilVal {
		b.set("vulnerability_alerts_enabled", v, nil)
	} else {
		b.unknown("vulnerability_alerts_enabled", notSet)
	}
}

func githubRepoActions(m *mapper, b *builder, in *Instance, actL, wfL links) {
	act := map[string]any{}
	if a, why := m.one(actL, in, "Actions permissions"); a != nil {
		b.setIn(act, "actions", "enabled", get(a.Body, "enabled"), true)
		b.setIn(act, "actions", "allowed_actions", get(a.Body, "allowed_actions"), "all")
	} else {
		if why == "" {
			why = "Actions permissions are not managed in this configuration (no github_actions_repository_permissions)"
		}
		b.unknown("actions.enabled", why)
		b.unknown("actions.allowed_actions", why)
	}
	if w, why := m.one(wfL, in, "workflow permissions"); w != nil {
		b.setIn(act, "actions", "default_workflow_permissions", get(w.Body, "default_workflow_permissions"), "read")
		b.setIn(act, "actions", "can_approve_pull_request_reviews", get(w.Body, "can_approve_pull_request_reviews"), false)
	} else {
		if why == "" {
			why = "workflow permissions are not managed in this configuration (no github_workflow_repository_permissions)"
		}
		b.unknown("actions.default_workflow_permissions", why)
		b.unknown("actions.can_approve_pull_request_reviews", why)
	}
	b.r.Attributes["actions"] = act
}

// githubCodeowners: a CODEOWNERS file committed through github_repository_file
// is known; otherwise the file lives in the repository, not here.
func githubCodeowners(b *builder, in *Instance, fileL links) {
	for _, f := range fileL.of[in] {
		p, ok := str(get(f.Body, "file"))
		if !ok {
			continue
		}
		switch strings.TrimPrefix(p, "/") {
		case "CODEOWNERS", ".github/CODEOWNERS", "docs/CODEOWNERS":
			b.r.Attributes["has_codeowners"] = true
			return
		}
	}
	b.unknown("has_codeowners", "CODEOWNERS is a file in the repository, not in this configuration")
}

func githubCollaborators(b *builder, in *Instance, one, set links) {
	// github_repository_collaborators is authoritative: it is the whole list.
	if len(set.of[in]) > 0 {
		out := []any{}
		for _, c := range set.of[in] {
			users, u, ok := blocks(c.Body, "user")
			if !ok {
				b.unknown("collaborators", c.Address+": "+unknownReason(u))
				return
			}
			for _, usr := range users {
				login, ok := str(get(usr, "username"))
				if !ok {
					b.unknown("collaborators", c.Address+": username "+unknownReason(get(usr, "username")))
					return
				}
				perm, ok := str(orDefault(get(usr, "permission"), cty.StringVal("push")))
				if !ok {
					b.unknown("collaborators", c.Address+": permission "+unknownReason(get(usr, "permission")))
					return
				}
				out = append(out, map[string]any{"login": login, "permission": restPermission(perm)})
			}
		}
		b.r.Attributes["collaborators"] = out
		return
	}
	if len(one.of[in]) > 0 || one.unresolved[in.Root] != "" {
		b.unknown("collaborators", "github_repository_collaborator adds to collaborators managed elsewhere; the full list is only known live")
		return
	}
	b.unknown("collaborators", "collaborators are not managed in this configuration")
}

// restPermission turns the provider's pull/push names into the REST API's.
func restPermission(p string) string {
	switch p {
	case "pull":
		return "read"
	case "push":
		return "write"
	}
	return p
}

// webhook maps a repository or organisation webhook to the collector's
// shape: the URL reduced to scheme and host, the secret to whether it is set.
func webhook(h *Instance) (any, string) {
	cfgs, u, ok := blocks(h.Body, "configuration")
	if !ok {
		return nil, h.Address + ": configuration " + unknownReason(u)
	}
	out := map[string]any{"name": "web"}
	active := orDefault(get(h.Body, "active"), cty.True)
	a, ok := toGo(active)
	if !ok {
		return nil, h.Address + ": active " + unknownReason(active)
	}
	out["active"] = a
	events, ok := toGo(orDefault(get(h.Body, "events"), cty.EmptyTupleVal))
	if !ok {
		return nil, h.Address + ": events " + unknownReason(get(h.Body, "events"))
	}
	out["events"] = events
	if len(cfgs) == 0 {
		return nil, h.Address + ": no configuration block"
	}
	c := cfgs[0]
	raw, ok := str(get(c, "url"))
	if !ok {
		return nil, h.Address + ": url " + unknownReason(get(c, "url"))
	}
	u2, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Sprintf("%s: url: %v", h.Address, err)
	}
	out["url_scheme"], out["url_host"] = u2.Scheme, u2.Host
	insecure := orDefault(get(c, "insecure_ssl"), cty.False)
	ins, ok := toGo(insecure)
	if !ok {
		return nil, h.Address + ": insecure_ssl " + unknownReason(insecure)
	}
	switch x := ins.(type) {
	case bool:
		out["insecure_ssl"] = x
	case string:
		out["insecure_ssl"] = x == "1" || x == "true"
	case int64:
		out["insecure_ssl"] = x == 1
	}
	// Only whether a secret is set: its value never leaves the configuration.
	out["has_secret"] = get(c, "secret") != cty.NilVal
	return out, ""
}

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
		"required_conversation_resolution", "required_status_checks_strict", "required_signatures", "required_linear_history", "enforce_admins"}
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
		for _, k := range []string{"requires_pull_request", "required_approving_review_count", "dismiss_stale_reviews", "require_code_owner_reviews", "require_last_push_approval"} {
			f[k] = u
		}
	case len(rr) == 0:
		f["requires_pull_request"], f["required_approving_review_count"] = cty.False, cty.NumberIntVal(0)
		f["dismiss_stale_reviews"], f["require_code_owner_reviews"], f["require_last_push_approval"] = cty.False, cty.False, cty.False
	default:
		f["requires_pull_request"] = cty.True
		f["required_approving_review_count"] = orDefault(get(rr[0], "required_approving_review_count"), cty.NumberIntVal(1))
		f["dismiss_stale_reviews"] = orDefault(get(rr[0], "dismiss_stale_reviews"), cty.False)
		f["require_code_owner_reviews"] = orDefault(get(rr[0], "require_code_owner_reviews"), cty.False)
		f["require_last_push_approval"] = orDefault(get(rr[0], "require_last_push_approval"), cty.False)
	}
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

func githubProtection(b *builder, in *Instance, branch string, branchKnown bool, bpL, v3L, rsL links) {
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
	list := func(k string) ([]string, string) {
		v := get(refs[0], k)
		if v == cty.NilVal {
			return nil, ""
		}
		g, ok := toGo(v)
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

// mapGitHubOrganizations builds github.organization from
// github_organization_settings and the organisation-level resources.
// Two-factor enforcement and the owner list are not provider arguments, so
// they stay unknown rather than assumed.
func mapGitHubOrganizations(m *mapper) {
	settings := m.byType["github_organization_settings"]
	for _, in := range settings {
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
		b.unknown("owners", "organisation owners are only known live")
		b.unknown("owner_count", "organisation owners are only known live")
		b.set("default_repository_permission", get(in.Body, "default_repository_permission"), "read")
		for _, k := range []string{"members_can_create_repositories", "members_can_create_public_repositories", "members_can_create_private_repositories"} {
			b.set(k, get(in.Body, k), true)
		}
		b.set("web_commit_signoff_required", get(in.Body, "web_commit_signoff_required"), false)
		nrs := map[string]any{}
		for k, arg := range map[string]string{
			"advanced_security": "advanced_security_enabled_for_new_repositories", "dependabot_alerts": "dependabot_alerts_enabled_for_new_repositories",
			"dependabot_security_updates": "dependabot_security_updates_enabled_for_new_repositories", "dependency_graph": "dependency_graph_enabled_for_new_repositories",
			"secret_scanning": "secret_scanning_enabled_for_new_repositories", "secret_scanning_push_protection": "secret_scanning_push_protection_enabled_for_new_repositories",
		} {
			b.setIn(nrs, "new_repository_security", k, get(in.Body, arg), false)
		}
		b.r.Attributes["new_repository_security"] = nrs
		githubOrgActions(m, b, in)
		hooks := []any{}
		for _, h := range sameRoot(m.byType["github_organization_webhook"], in) {
			v, why := webhook(h)
			if why != "" {
				b.unknown("webhooks", why)
				hooks = nil
				break
			}
			hooks = append(hooks, v)
		}
		if hooks != nil {
			b.r.Attributes["webhooks"] = hooks
		}
		rulesets := []any{}
		for _, rs := range sameRoot(m.byType["github_organization_ruleset"], in) {
			entry := map[string]any{}
			for k, def := range map[string]cty.Value{"name": cty.NilVal, "target": cty.NilVal, "enforcement": cty.NilVal} {
				b.setIn(entry, "rulesets", k, orDefault(get(rs.Body, k), def), nil)
			}
			actors, _, ok := blocks(rs.Body, "bypass_actors")
			if ok {
				entry["bypass_actor_count"] = int64(len(actors))
			}
			if g, ok := toGo(bindsAdmins(rs)); ok {
				entry["binds_admins"] = g
			}
			rulesets = append(rulesets, entry)
		}
		b.r.Attributes["rulesets"] = rulesets
		m.emit(b)
	}
}

func githubOrgActions(m *mapper, b *builder, in *Instance) {
	act := map[string]any{}
	if ps := sameRoot(m.byType["github_actions_organization_permissions"], in); len(ps) > 0 {
		b.setIn(act, "actions", "enabled_repositories", get(ps[len(ps)-1].Body, "enabled_repositories"), "all")
		b.setIn(act, "actions", "allowed_actions", get(ps[len(ps)-1].Body, "allowed_actions"), "all")
	} else {
		for _, k := range []string{"enabled_repositories", "allowed_actions"} {
			b.unknown("actions."+k, "Actions permissions are not managed in this configuration (no github_actions_organization_permissions)")
		}
	}
	if ws := sameRoot(m.byType["github_actions_organization_workflow_permissions"], in); len(ws) > 0 {
		b.setIn(act, "actions", "default_workflow_permissions", get(ws[len(ws)-1].Body, "default_workflow_permissions"), "read")
		b.setIn(act, "actions", "can_approve_pull_request_reviews", get(ws[len(ws)-1].Body, "can_approve_pull_request_reviews"), false)
	} else {
		for _, k := range []string{"default_workflow_permissions", "can_approve_pull_request_reviews"} {
			b.unknown("actions."+k, "workflow permissions are not managed in this configuration (no github_actions_organization_workflow_permissions)")
		}
	}
	b.r.Attributes["actions"] = act
}

func sameRoot(list []*Instance, in *Instance) []*Instance {
	var out []*Instance
	for _, x := range list {
		if x.Root == in.Root {
			out = append(out, x)
		}
	}
	return out
}
