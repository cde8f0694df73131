package github

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	gh "github.com/google/go-github/v60/github"
)

// repositoryGraphQL builds one repository from its GraphQL answer and the
// REST parts GraphQL does not serve, and its workflow files.
func (r *run) repositoryGraphQL(ctx context.Context, org string, repo *gh.Repository, n *gqlRepo, st *orgState) error {
	name, owner := repo.GetName(), repoOwner(org, repo)
	a := newAttrs()
	secretScanningOn := repoBase(a, repo)
	rest := func(gr gqlGroup) bool { return !n.present[gr] && n.gaps[gr] == nil }

	switch {
	case rest(groupProtection) && repo.GetDefaultBranch() != "":
		if err := r.protection(ctx, a, owner, name, repo.GetDefaultBranch(), st); err != nil {
			return err
		}
	case repo.GetDefaultBranch() == "":
		a.miss("default_branch_protection", "the repository is empty: it has no default branch")
	case n.gaps[groupProtection] != nil:
		gp := n.gaps[groupProtection]
		r.failed(gp)
		setProtection(a, source{reason: "classic branch protection: " + gp.reason}, source{reason: "rulesets: " + gp.reason})
	case n.DefaultBranchRef == nil || n.DefaultBranchRef.Name != repo.GetDefaultBranch():
		gp := &gap{reason: "GraphQL returned no default branch " + repo.GetDefaultBranch(), failure: true}
		r.failed(gp)
		setProtection(a, source{reason: "classic branch protection: " + gp.reason}, source{reason: "rulesets: " + gp.reason})
	case n.rulesGap == nil && (n.DefaultBranchRef.Rules == nil || n.DefaultBranchRef.Rules.PageInfo.HasNextPage):
		// More than one page of rules: REST lists them all.
		if err := r.protection(ctx, a, owner, name, repo.GetDefaultBranch(), st); err != nil {
			return err
		}
	default:
		classic := classicSource(n.DefaultBranchRef.BranchProtectionRule.protection())
		if gp := n.classicGap; gp != nil {
			r.failed(gp)
			classic = source{reason: "classic branch protection: " + gp.reason}
		}
		rules := source{}
		if gp := n.rulesGap; gp != nil {
			r.failed(gp)
			rules = source{reason: "rulesets: " + gp.reason}
		} else {
			var err error
			if rules, err = r.branchRules(ctx, owner, name, ruleItems(n.DefaultBranchRef.Rules), st); err != nil {
				return err
			}
		}
		setProtection(a, classic, rules)
	}

	switch {
	case rest(groupCodeowners):
		if err := r.restCodeowners(ctx, a, owner, name, st); err != nil {
			return err
		}
	case n.gaps[groupCodeowners] != nil:
		r.miss(a, "has_codeowners", n.gaps[groupCodeowners])
	case n.Codeowners == nil:
		a.set("has_codeowners", false)
	default:
		a.set("has_codeowners", true)
		a.set("codeowners_errors", len(n.Codeowners.Errors))
	}

	switch {
	case rest(groupVulnAlerts):
		if err := r.restVulnerabilityAlerts(ctx, a, owner, name, st); err != nil {
			return err
		}
	case n.gaps[groupVulnAlerts] != nil:
		r.miss(a, "vulnerability_alerts_enabled", n.gaps[groupVulnAlerts])
	case n.HasVulnerabilityAlertsEnabled == nil:
		r.miss(a, "vulnerability_alerts_enabled", &gap{reason: "GraphQL returned no hasVulnerabilityAlertsEnabled", failure: true})
	default:
		a.set("vulnerability_alerts_enabled", *n.HasVulnerabilityAlertsEnabled)
	}

	switch {
	case rest(groupCollaborators) || (n.Collaborators != nil && n.Collaborators.PageInfo.HasNextPage):
		if err := r.restCollaborators(ctx, a, owner, name, st); err != nil {
			return err
		}
	case n.gaps[groupCollaborators] != nil:
		r.miss(a, "collaborators", n.gaps[groupCollaborators])
	case n.Collaborators == nil:
		r.miss(a, "collaborators", &gap{reason: "GraphQL returned no collaborators: needs " + needRepoMeta.String(), permission: needRepoMeta.String()})
	default:
		cs := make([]collaborator, 0, len(n.Collaborators.Edges))
		for _, e := range n.Collaborators.Edges {
			cs = append(cs, collaborator{e.Node.Login, strings.ToLower(e.Permission)})
		}
		setCollaborators(a, cs, st)
	}

	if !rest(groupDeployKeys) && n.gaps[groupDeployKeys] == nil && n.DeployKeys != nil && n.DeployKeys.TotalCount == 0 {
		a.set("deploy_keys", []map[string]any{})
	} else if err := r.restDeployKeys(ctx, a, owner, name, st); err != nil {
		// keys to read, or no count (refused, failed, an older server):
		// REST says what they are, or why not.
		return err
	}
	switch {
	case repo.GetVisibility() != "public":
		a.miss("has_security_policy", notPublicSkip)
	case rest(groupSecurityPolicy):
		if err := r.restSecurityPolicy(ctx, a, owner, name, st); err != nil {
			return err
		}
	case n.gaps[groupSecurityPolicy] != nil:
		r.miss(a, "has_security_policy", n.gaps[groupSecurityPolicy])
	case n.IsSecurityPolicyEnabled == nil:
		r.miss(a, "has_security_policy", &gap{reason: "GraphQL returned no isSecurityPolicyEnabled", failure: true})
	default:
		a.set("has_security_policy", *n.IsSecurityPolicyEnabled)
	}
	for _, part := range []func(context.Context, *attrs, string, string, *orgState) error{r.restHooks, r.restActions} {
		if err := part(ctx, a, owner, name, st); err != nil {
			return err
		}
	}
	// Actions secrets, code scanning default setup and immutable releases
	// have no GraphQL field: REST, as on the REST path.
	if err := r.repositoryDepth(ctx, a, owner, name, repo, st); err != nil {
		return err
	}
	r.repoAlerts(a, name, st, secretScanningOn)

	if rest(groupWorkflows) {
		if err := r.workflows(ctx, org, repo); err != nil {
			return err
		}
	} else {
		r.workflowsGraphQL(org, repo, n)
	}
	r.setAdmins(a, name, st)
	r.add(r.repoResource(org, name, a))
	return nil
}

// protection is the rule as go-github's Protection, so classicSource
// judges both APIs' answers alike; nil is no classic protection.
func (p *gqlProtection) protection() *gh.Protection {
	if p == nil {
		return nil
	}
	out := &gh.Protection{
		RequiredSignatures:             &gh.SignaturesProtectedBranch{Enabled: gh.Bool(p.RequiresCommitSignatures)},
		RequireLinearHistory:           &gh.RequireLinearHistory{Enabled: p.RequiresLinearHistory},
		RequiredConversationResolution: &gh.RequiredConversationResolution{Enabled: p.RequiresConversationResolution},
		AllowForcePushes:               &gh.AllowForcePushes{Enabled: p.AllowsForcePushes},
		AllowDeletions:                 &gh.AllowDeletions{Enabled: p.AllowsDeletions},
		EnforceAdmins:                  &gh.AdminEnforcement{Enabled: p.IsAdminEnforced},
	}
	if p.RequiresApprovingReviews {
		count := 0
		if p.RequiredApprovingReviewCount != nil {
			count = *p.RequiredApprovingReviewCount
		}
		out.RequiredPullRequestReviews = &gh.PullRequestReviewsEnforcement{
			RequiredApprovingReviewCount: count, DismissStaleReviews: p.DismissesStaleReviews,
			RequireCodeOwnerReviews: p.RequiresCodeOwnerReviews, RequireLastPushApproval: p.RequireLastPushApproval,
		}
		// REST names who may dismiss reviews; classicSource asks only
		// whether anyone is named, which is what GraphQL says.
		if p.RestrictsReviewDismissals {
			out.RequiredPullRequestReviews.DismissalRestrictions = &gh.DismissalRestrictions{}
		}
	}
	if p.RestrictsPushes {
		out.Restrictions = &gh.BranchRestrictions{}
	}
	if p.RequiresStatusChecks {
		contexts := slices.Clone(p.RequiredStatusCheckContexts)
		out.RequiredStatusChecks = &gh.RequiredStatusChecks{Strict: p.RequiresStrictStatusChecks, Contexts: &contexts}
	}
	return out
}

// ruleItems are the GraphQL rules as the REST rules/branches items.
func ruleItems(c *gqlRuleConnect) []ruleItem {
	items := make([]ruleItem, 0, len(c.Nodes))
	for _, n := range c.Nodes {
		it := ruleItem{Type: strings.ToLower(n.Type)}
		if n.Ruleset != nil {
			it.RulesetID = n.Ruleset.DatabaseID
			it.RulesetSourceType = n.Ruleset.Source.Typename // Organization, Repository (as REST names them)
		}
		var p struct {
			Typename string `json:"__typename"`
			// PullRequestParameters
			RequiredApprovingReviewCount   int  `json:"requiredApprovingReviewCount"`
			DismissStaleReviewsOnPush      bool `json:"dismissStaleReviewsOnPush"`
			RequireCodeOwnerReview         bool `json:"requireCodeOwnerReview"`
			RequireLastPushApproval        bool `json:"requireLastPushApproval"`
			RequiredReviewThreadResolution bool `json:"requiredReviewThreadResolution"`
			// RequiredStatusChecksParameters
			Strict bool `json:"strictRequiredStatusChecksPolicy"`
			Checks []struct {
				Context string `json:"context"`
			} `json:"requiredStatusChecks"`
		}
		if len(n.Parameters) > 0 && json.Unmarshal(n.Parameters, &p) == nil {
			switch p.Typename {
			case "PullRequestParameters":
				it.Parameters, _ = json.Marshal(pullRequestParams{
					RequiredApprovingReviewCount: p.RequiredApprovingReviewCount, DismissStaleReviewsOnPush: p.DismissStaleReviewsOnPush,
					RequireCodeOwnerReview: p.RequireCodeOwnerReview, RequireLastPushApproval: p.RequireLastPushApproval,
					RequiredReviewThreadResolution: p.RequiredReviewThreadResolution,
				})
			case "RequiredStatusChecksParameters":
				var sp statusCheckParams
				sp.StrictRequiredStatusChecksPolicy = p.Strict
				for _, c := range p.Checks {
					sp.RequiredStatusChecks = append(sp.RequiredStatusChecks, struct {
						Context string `json:"context"`
					}{c.Context})
				}
				it.Parameters, _ = json.Marshal(sp)
			}
		}
		items = append(items, it)
	}
	return items
}
