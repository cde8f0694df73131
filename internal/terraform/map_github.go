package terraform

import (
	"fmt"
	"net/url"
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
		b := newBuilder(evidence.TypeGitHubRepository, rid, in, githubScope(in, name))
		b.set("name", get(in.Body, "name"), nil)
		if known && in.Org != "" {
			b.r.Attributes["full_name"] = in.Org + "/" + name
		} else {
			b.unknown("full_name", "the owner is not set statically in the GitHub provider configuration")
		}
		githubVisibility(b, in)
		b.set("archived", get(in.Body, "archived"), false)
		githubRepoSettings(b, in)
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
		githubProtection(b, in, branch, branchKnown, bpL, v3L, rsL, sameRoot(m.byType["github_organization_ruleset"], in))
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
		b := newBuilder(evidence.TypeGitHubOrganization, rid, in, githubScope(in, ""))
		if in.Org != "" {
			b.r.Attributes["login"] = in.Org
		} else {
			b.unknown("login", "the owner is not set statically in the GitHub provider configuration")
		}
		b.unknown("two_factor_requirement_enabled", "two-factor enforcement is not managed by the Terraform GitHub provider")
		b.unknown("owners", "organisation owners are only known live")
		b.unknown("owner_count", "organisation owners are only known live")
		b.set("default_repository_permission", get(in.Body, "default_repository_permission"), "read")
		for _, k := range []string{"members_can_create_repositories", "members_can_create_public_repositories", "members_can_create_private_repositories", "members_can_create_internal_repositories"} {
			b.set(k, get(in.Body, k), true)
		}
		githubOrgSettings(m, b, in)
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

// mapGitHubMembers builds github.member from github_membership. Whether a
// member has two-factor authentication is only known live.
func mapGitHubMembers(m *mapper) {
	for _, in := range m.byType["github_membership"] {
		login, known := str(get(in.Body, "username"))
		rid := id(in)
		if known && in.Org != "" {
			rid = "github.com/" + in.Org + "/members/" + login
		}
		b := newBuilder(evidence.TypeGitHubMember, rid, in, githubScope(in, ""))
		b.identifier("login", get(in.Body, "username"), in)
		role := orDefault(get(in.Body, "role"), cty.StringVal("member"))
		b.set("role", role, nil)
		b.r.Attributes["outside_collaborator"] = false
		b.unknown("two_factor_disabled", "whether a member has two-factor authentication is only known live")
		m.emit(b)
	}
}
