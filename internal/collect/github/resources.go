package github

import (
	"context"
	"errors"
	"sort"
	"strconv"

	gh "github.com/google/go-github/v60/github"

	"github.com/rampart-audit/rampart/internal/evidence"
)

func (r *run) orgResource(org string, st *orgState) evidence.Resource {
	a := newAttrs()
	o := st.org
	a.set("login", o.GetLogin())
	ownerOnly := "not returned to this token: needs " + needOrgOwner.String()
	opt(a, "two_factor_requirement_enabled", o.TwoFactorRequirementEnabled, ownerOnly)
	opt(a, "default_repository_permission", o.DefaultRepoPermission, ownerOnly)
	opt(a, "members_can_create_repositories", o.MembersCanCreateRepos, ownerOnly)
	opt(a, "members_can_create_public_repositories", o.MembersCanCreatePublicRepos, ownerOnly)
	opt(a, "members_can_create_private_repositories", o.MembersCanCreatePrivateRepos, ownerOnly)
	opt(a, "web_commit_signoff_required", o.WebCommitSignoffRequired, ownerOnly)
	opt(a, "new_repository_security.advanced_security", o.AdvancedSecurityEnabledForNewRepos, ownerOnly)
	opt(a, "new_repository_security.dependabot_alerts", o.DependabotAlertsEnabledForNewRepos, ownerOnly)
	opt(a, "new_repository_security.dependabot_security_updates", o.DependabotSecurityUpdatesEnabledForNewRepos, ownerOnly)
	opt(a, "new_repository_security.dependency_graph", o.DependencyGraphEnabledForNewRepos, ownerOnly)
	opt(a, "new_repository_security.secret_scanning", o.SecretScanningEnabledForNewRepos, ownerOnly)
	opt(a, "new_repository_security.secret_scanning_push_protection", o.SecretScanningPushProtectionEnabledForNewRepos, ownerOnly)

	if st.rulesetsGap != nil {
		r.miss(a, "rulesets", st.rulesetsGap)
	} else {
		list := make([]map[string]any, 0, len(st.rulesets))
		for _, rs := range st.rulesets {
			v := map[string]any{"id": rs.GetID(), "name": rs.Name, "target": rs.GetTarget(), "enforcement": rs.Enforcement}
			if binds, ok := st.orgRulesetBinds[rs.GetID()]; ok {
				v["bypass_actor_count"] = len(rs.BypassActors)
				v["binds_admins"] = binds
			}
			list = append(list, v)
		}
		a.set("rulesets", list)
	}
	if st.actionsGap != nil {
		r.miss(a, "actions.enabled_repositories", st.actionsGap)
		r.miss(a, "actions.allowed_actions", st.actionsGap)
	} else {
		opt(a, "actions.enabled_repositories", st.actions.EnabledRepositories, "not returned")
		opt(a, "actions.allowed_actions", st.actions.AllowedActions, "not returned (Actions disabled for the organization)")
	}
	if st.workflowGap != nil {
		r.miss(a, "actions.default_workflow_permissions", st.workflowGap)
		r.miss(a, "actions.can_approve_pull_request_reviews", st.workflowGap)
	} else {
		opt(a, "actions.default_workflow_permissions", st.workflow.DefaultWorkflowPermissions, "not returned")
		opt(a, "actions.can_approve_pull_request_reviews", st.workflow.CanApprovePullRequestReviews, "not returned")
	}
	if st.hooksGap != nil {
		r.miss(a, "webhooks", st.hooksGap)
	} else {
		a.set("webhooks", hookList(st.hooks))
	}
	r.orgDepthAttrs(a, st)
	if st.ownersGap != nil {
		r.miss(a, "owners", st.ownersGap)
		r.miss(a, "owner_count", st.ownersGap)
	} else {
		a.set("owners", logins(st.owners))
		a.set("owner_count", len(st.owners))
	}
	return evidence.Resource{
		Type: TypeOrganization, ID: "github.com/" + org,
		Scope: evidence.Scope{Platform: "github", Org: org}, Source: r.source(),
		Attributes: a.m, Unknown: a.unknownOrNil(),
	}
}

func hookList(hooks []*gh.Hook) []map[string]any {
	out := make([]map[string]any, 0, len(hooks))
	for _, h := range hooks {
		c := h.GetConfig()
		out = append(out, hookView(h.GetID(), h.GetName(), h.GetActive(), c.GetURL(), c.GetInsecureSSL(), c.GetSecret(), h.Events))
	}
	return out
}

func logins(users []*gh.User) []string {
	out := make([]string, 0, len(users))
	for _, u := range users {
		out = append(out, u.GetLogin())
	}
	sort.Strings(out)
	return out
}

func loginSet(users []*gh.User) map[string]bool {
	m := make(map[string]bool, len(users))
	for _, u := range users {
		m[u.GetLogin()] = true
	}
	return m
}

// memberResources emits one github.member per member and outside collaborator.
func (r *run) memberResources(org string, st *orgState) {
	scope := evidence.Scope{Platform: "github", Org: org}
	owners, no2FA, outNo2FA := loginSet(st.owners), loginSet(st.no2FA), loginSet(st.outsideNo2FA)
	active := st.depth.lastActive()
	emit := func(u *gh.User, outside bool) {
		a := newAttrs()
		a.set("login", u.GetLogin())
		a.set("outside_collaborator", outside)
		switch {
		case outside:
			a.set("role", "outside_collaborator")
		case st.ownersGap != nil:
			r.miss(a, "role", st.ownersGap)
		case owners[u.GetLogin()]:
			a.set("role", "admin")
		default:
			a.set("role", "member")
		}
		gp, set := st.no2FAGap, no2FA
		if outside {
			gp, set = st.outsideNo2FAGp, outNo2FA
		}
		if gp != nil {
			r.miss(a, "two_factor_disabled", gp)
		} else {
			a.set("two_factor_disabled", set[u.GetLogin()])
		}
		r.memberActivity(a, u.GetLogin(), outside, st, active)
		r.add(evidence.Resource{
			Type: TypeMember, ID: "github.com/" + org + "/members/" + u.GetLogin(),
			Scope: scope, Source: r.source(), Attributes: a.m, Unknown: a.unknownOrNil(),
		})
	}
	if st.membersGap != nil {
		r.gap(TypeMember, scope, "github.com/"+org, st.membersGap)
	} else {
		for _, u := range st.members {
			emit(u, false)
		}
	}
	if st.outsideGap != nil {
		r.gap(TypeMember, scope, "github.com/"+org+" (outside collaborators)", st.outsideGap)
	} else {
		for _, u := range st.outside {
			emit(u, true)
		}
	}
}

// repository reads one repository: about nine requests, one after another
// (the concurrency is across repositories). Each part is its own method so
// the GraphQL path (graphql_repos.go) reads through REST exactly what
// GraphQL does not serve, with the same attributes and reasons.
func (r *run) repository(ctx context.Context, org string, repo *gh.Repository, st *orgState) (evidence.Resource, error) {
	name := repo.GetName()
	owner := repoOwner(org, repo)
	a := newAttrs()
	secretScanningOn := repoBase(a, repo)
	if branch := repo.GetDefaultBranch(); branch != "" {
		if err := r.protection(ctx, a, owner, name, branch, st); err != nil {
			return evidence.Resource{}, err
		}
	} else {
		a.miss("default_branch_protection", "the repository is empty: it has no default branch")
	}
	for _, part := range []func(context.Context, *attrs, string, string, *orgState) error{
		r.restCodeowners, r.restVulnerabilityAlerts, r.restCollaborators, r.restDeployKeys, r.restHooks, r.restActions,
	} {
		if err := part(ctx, a, owner, name, st); err != nil {
			return evidence.Resource{}, err
		}
	}
	if err := r.repositoryDepth(ctx, a, owner, name, repo, st); err != nil {
		return evidence.Resource{}, err
	}
	if repo.GetVisibility() != "public" {
		a.miss("has_security_policy", notPublicSkip)
	} else if err := r.restSecurityPolicy(ctx, a, owner, name, st); err != nil {
		return evidence.Resource{}, err
	}
	r.repoAlerts(a, name, st, secretScanningOn)
	r.setAdmins(a, name, st)
	return r.repoResource(org, name, a), nil
}

func repoOwner(org string, repo *gh.Repository) string {
	if owner := repo.GetOwner().GetLogin(); owner != "" {
		return owner
	}
	return org
}

func (r *run) repoResource(org, name string, a *attrs) evidence.Resource {
	return evidence.Resource{
		Type: TypeRepository, ID: "github.com/" + org + "/" + name,
		Scope: evidence.Scope{Platform: "github", Org: org, Repo: name}, Source: r.source(),
		Attributes: a.m, Unknown: a.unknownOrNil(),
	}
}

// repoBase sets what the organisation's repository list says of a
// repository; it reports whether secret scanning is on.
func repoBase(a *attrs, repo *gh.Repository) bool {
	a.set("name", repo.GetName())
	a.set("full_name", repo.GetFullName())
	opt(a, "visibility", repo.Visibility, "not returned")
	opt(a, "archived", repo.Archived, "not returned")
	opt(a, "fork", repo.Fork, "not returned")
	opt(a, "default_branch", repo.DefaultBranch, "not returned (empty repository)")
	opt(a, "pushed_at", pushedAt(repo), "not returned")

	adminOnly := "not returned to this token: needs " + needRepoAdmin.String()
	secretScanningOn := false
	if sa := repo.SecurityAndAnalysis; sa == nil {
		a.miss("security_and_analysis", adminOnly)
	} else {
		status := func(path string, s *string) {
			if s == nil {
				a.miss("security_and_analysis."+path, "not returned for this repository (feature not available on its plan)")
				return
			}
			a.set("security_and_analysis."+path, *s == "enabled")
		}
		status("advanced_security", statusOf(sa.AdvancedSecurity))
		status("secret_scanning", statusOf(sa.SecretScanning))
		status("secret_scanning_push_protection", statusOf(sa.SecretScanningPushProtection))
		status("dependabot_security_updates", statusOf(sa.DependabotSecurityUpdates))
		secretScanningOn = sa.SecretScanning != nil && sa.SecretScanning.GetStatus() == "enabled"
	}
	return secretScanningOn
}

func (r *run) restCodeowners(ctx context.Context, a *attrs, owner, name string, _ *orgState) error {
	// CODEOWNERS: GitHub answers 404 when none of the three locations has one.
	co, _, err := r.c.Repositories.GetCodeownersErrors(ctx, esc(owner), esc(name), nil)
	var er *gh.ErrorResponse
	switch {
	case err == nil:
		a.set("has_codeowners", true)
		a.set("codeowners_errors", len(co.Errors))
	case errors.As(err, &er) && er.Response.StatusCode == 404:
		// Documented: 404 when the repository has no CODEOWNERS file (the
		// repository itself was just listed, so it is not a visibility 404).
		a.set("has_codeowners", false)
	default:
		gp, err := classify(ctx, err, needContents)
		if err != nil {
			return err
		}
		r.miss(a, "has_codeowners", gp)
	}
	return nil
}

func (r *run) restVulnerabilityAlerts(ctx context.Context, a *attrs, owner, name string, _ *orgState) error {
	// 204 enabled, 404 disabled (go-github maps both to a bool).
	enabled, _, err := r.c.Repositories.GetVulnerabilityAlerts(ctx, esc(owner), esc(name))
	gp, err := classify(ctx, err, needRepoAdmin)
	if err != nil {
		return err
	}
	if gp != nil {
		r.miss(a, "vulnerability_alerts_enabled", gp)
	} else {
		a.set("vulnerability_alerts_enabled", enabled)
	}
	return nil
}

// collaborator is one direct collaborator, from either API.
type collaborator struct{ login, permission string }

func (r *run) restCollaborators(ctx context.Context, a *attrs, owner, name string, st *orgState) error {
	collabs, err := list[*gh.User](ctx, r, "repos/"+esc(owner)+"/"+esc(name)+"/collaborators", map[string][]string{"affiliation": {"direct"}})
	gp, err := classify(ctx, err, needRepoMeta)
	if err != nil {
		return err
	}
	if gp != nil {
		r.miss(a, "collaborators", gp)
		return nil
	}
	cs := make([]collaborator, 0, len(collabs))
	for _, u := range collabs {
		cs = append(cs, collaborator{u.GetLogin(), permissionOf(u)})
	}
	setCollaborators(a, cs, st)
	return nil
}

func setCollaborators(a *attrs, cs []collaborator, st *orgState) {
	outside := loginSet(st.outside)
	list := make([]map[string]any, 0, len(cs))
	for _, c := range cs {
		v := map[string]any{"login": c.login, "permission": c.permission}
		if st.outsideGap == nil {
			v["outside"] = outside[c.login]
		}
		list = append(list, v)
	}
	a.set("collaborators", list)
	if st.outsideGap != nil {
		a.miss("collaborators.outside", "outside collaborators of the organization: "+st.outsideGap.reason)
	}
}

func (r *run) restDeployKeys(ctx context.Context, a *attrs, owner, name string, _ *orgState) error {
	keys, err := list[*gh.Key](ctx, r, "repos/"+esc(owner)+"/"+esc(name)+"/keys", nil)
	gp, err := classify(ctx, err, needRepoAdmin)
	if err != nil {
		return err
	}
	if gp != nil {
		r.miss(a, "deploy_keys", gp)
		return nil
	}
	list := make([]map[string]any, 0, len(keys))
	for _, k := range keys {
		v := map[string]any{"id": k.GetID(), "title": k.GetTitle(), "read_only": k.GetReadOnly(), "created_at": utc(k.GetCreatedAt())}
		if k.LastUsed != nil {
			v["last_used"] = utc(*k.LastUsed)
		}
		list = append(list, v)
	}
	a.set("deploy_keys", list)
	return nil
}

func (r *run) restHooks(ctx context.Context, a *attrs, owner, name string, _ *orgState) error {
	hooks, err := list[*gh.Hook](ctx, r, "repos/"+esc(owner)+"/"+esc(name)+"/hooks", nil)
	gp, err := classify(ctx, err, needRepoHooks)
	if err != nil {
		return err
	}
	if gp != nil {
		r.miss(a, "webhooks", gp)
	} else {
		a.set("webhooks", hookList(hooks))
	}
	return nil
}

// restActions reads the repository's Actions and workflow permissions,
// each unless the organisation's policy fixes it (inherit.go).
func (r *run) restActions(ctx context.Context, a *attrs, owner, name string, st *orgState) error {
	if v, ok := st.actionsDisabled(name); ok {
		inherit(a, "actions.enabled", v)
	} else {
		ap, _, err := r.c.Repositories.GetActionsPermissions(ctx, esc(owner), esc(name))
		gp, err := classify(ctx, err, needRepoAdmin)
		if err != nil {
			return err
		}
		if gp != nil {
			r.miss(a, "actions.enabled", gp)
			r.miss(a, "actions.allowed_actions", gp)
		} else {
			opt(a, "actions.enabled", ap.Enabled, "not returned")
			if ap.GetEnabled() {
				opt(a, "actions.allowed_actions", ap.AllowedActions, "not returned")
			}
		}
	}
	if perm, approve, ok := st.workflowRestricted(); ok {
		inherit(a, "actions.default_workflow_permissions", perm)
		inherit(a, "actions.can_approve_pull_request_reviews", approve)
		return nil
	}
	wp, _, err := r.c.Repositories.GetDefaultWorkflowPermissions(ctx, esc(owner), esc(name))
	gp, err := classify(ctx, err, needRepoAdmin)
	if err != nil {
		return err
	}
	if gp != nil {
		r.miss(a, "actions.default_workflow_permissions", gp)
		r.miss(a, "actions.can_approve_pull_request_reviews", gp)
	} else {
		opt(a, "actions.default_workflow_permissions", wp.DefaultWorkflowPermissions, "not returned")
		opt(a, "actions.can_approve_pull_request_reviews", wp.CanApprovePullRequestReviews, "not returned")
	}
	return nil
}

// repoAlerts files the organisation's alert lists under the repository.
func (r *run) repoAlerts(a *attrs, name string, st *orgState, secretScanningOn bool) {
	r.alerts(a, "dependabot_alerts", st.dependabot, st.dependabotGap, name,
		a.m["vulnerability_alerts_enabled"] == true, "Dependabot alerts are not enabled on this repository, so open alerts cannot be counted")
	r.alerts(a, "code_scanning_alerts", st.codeScanning, st.codeScanningGap, name, true, "")
	r.alerts(a, "secret_scanning_alerts", st.secretScanning, st.secretGap, name,
		secretScanningOn, "secret scanning is not enabled on this repository, so open alerts cannot be counted")
}

func (r *run) alerts(a *attrs, path string, byRepo map[string][]map[string]any, g *gap, repo string, on bool, offReason string) {
	switch {
	case g != nil:
		// One organisation-wide refusal: a reason per repository, counted once.
		a.miss(path, g.reason)
	case !on:
		a.miss(path, offReason)
	default:
		a.set(path, nonNil(byRepo[repo]))
	}
}

func statusOf[T interface{ GetStatus() string }](v T) *string {
	if any(v) == nil {
		return nil
	}
	s := v.GetStatus()
	if s == "" {
		return nil
	}
	return &s
}

func pushedAt(repo *gh.Repository) *string {
	if repo.PushedAt == nil {
		return nil
	}
	s := utc(*repo.PushedAt)
	return &s
}

// permissionOf names a collaborator's highest permission.
func permissionOf(u *gh.User) string {
	if n := u.GetRoleName(); n != "" {
		return n
	}
	p := u.GetPermissions()
	for _, k := range []string{"admin", "maintain", "push", "triage", "pull"} {
		if p[k] {
			if k == "push" {
				return "write"
			}
			if k == "pull" {
				return "read"
			}
			return k
		}
	}
	return "unknown"
}

// protection reads classic protection and the branch's rules and stores
// their effective combination.
func (r *run) protection(ctx context.Context, a *attrs, owner, name, branch string, st *orgState) error {
	var classic source
	prot, _, err := r.c.Repositories.GetBranchProtection(ctx, esc(owner), esc(name), esc(branch))
	switch {
	case err == nil:
		classic = classicSource(prot)
	case errors.Is(err, gh.ErrBranchNotProtected):
		// GitHub's 404 "Branch not protected" is data: no classic protection.
		classic = classicSource(nil)
	default:
		gp, err := classify(ctx, err, needRepoAdmin)
		if err != nil {
			return err
		}
		r.failed(gp)
		classic = source{reason: "classic branch protection: " + gp.reason}
	}

	var rules source
	items, err := list[ruleItem](ctx, r, "repos/"+esc(owner)+"/"+esc(name)+"/rules/branches/"+esc(branch), nil)
	gp, err := classify(ctx, err, needRepoMeta)
	switch {
	case err != nil:
		return err
	case gp != nil:
		r.failed(gp)
		rules = source{reason: "rulesets: " + gp.reason}
	default:
		if rules, err = r.branchRules(ctx, owner, name, items, st); err != nil {
			return err
		}
	}
	setProtection(a, classic, rules)
	return nil
}

// setProtection stores the effective protection of two sources.
func setProtection(a *attrs, classic, rules source) {
	out, unknown := effective(classic, rules)
	a.set("default_branch_protection", out)
	for k, v := range unknown {
		a.miss(k, v)
	}
}

// branchRules folds the rules that apply to a branch, reading the bypass
// list of each repository ruleset among them (organisation rulesets were
// read once, in orgWide).
func (r *run) branchRules(ctx context.Context, owner, name string, items []ruleItem, st *orgState) (source, error) {
	repoBinds := map[int64]*bool{}
	var fetchErr error
	rules := rulesSource(items, func(it ruleItem) (*bool, string) {
		if it.RulesetSourceType == "Organization" {
			if b, ok := st.orgRulesetBinds[it.RulesetID]; ok {
				return &b, ""
			}
			why := st.orgRulesetWhy
			if st.rulesetsGap != nil {
				why = "organization rulesets: " + st.rulesetsGap.reason
			}
			if why == "" {
				why = "organization ruleset " + strconv.FormatInt(it.RulesetID, 10) + " not listed"
			}
			return nil, why
		}
		if b, ok := repoBinds[it.RulesetID]; ok {
			return b, ""
		}
		rs, _, err := r.c.Repositories.GetRuleset(ctx, esc(owner), esc(name), it.RulesetID, false)
		gp, err := classify(ctx, err, needRepoAdmin)
		switch {
		case err != nil:
			fetchErr = err
			return nil, stopReason(err)
		case gp != nil:
			return nil, "bypass list of repository ruleset " + strconv.FormatInt(it.RulesetID, 10) + ": " + gp.reason
		case rs.BypassActors == nil:
			return nil, "bypass list of repository ruleset " + strconv.FormatInt(it.RulesetID, 10) + " not returned: needs " + needRepoAdmin.String()
		}
		b := rulesetBindsAdmins(rs.BypassActors)
		repoBinds[it.RulesetID] = &b
		return &b, ""
	})
	return rules, fetchErr
}
