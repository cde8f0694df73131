package github

import (
	"context"
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"

	gh "github.com/google/go-github/v60/github"
	"golang.org/x/sync/errgroup"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/workflow"
)

// The GraphQL path reads, for a page of up to 100 repositories per query,
// what GitHub's GraphQL API serves: the Dependabot-alert setting, the
// CODEOWNERS errors, the direct collaborators, the default branch's classic
// protection rule and the rules that apply to it (repository and
// organisation rulesets), and the workflow files' text. REST reads only
// what GraphQL does not serve: deploy keys (GraphQL's DeployKey has neither
// the numeric id nor the last-use date), webhooks, Actions permissions, the
// bypass list of a repository ruleset; the repository list itself stays
// REST because only it carries security_and_analysis (one request per 100
// repositories, free when answered 304).

// gqlGroup is a part of the repository query whose failure (an error beside
// the data, a field the server lacks) leaves exactly its attributes unknown.
type gqlGroup int

const (
	groupVulnAlerts gqlGroup = iota
	groupCodeowners
	groupCollaborators
	groupProtection
	groupWorkflows
	groupCount
)

// field is the Repository field that carries the group, as errors name it.
var groupField = [groupCount]string{"hasVulnerabilityAlertsEnabled", "codeowners", "collaborators", "defaultBranchRef", "object"}

var groupSelection = [groupCount]string{
	"hasVulnerabilityAlertsEnabled",
	"codeowners { errors { line } }",
	"collaborators(affiliation: DIRECT, first: 100) { pageInfo { hasNextPage } edges { permission node { login } } }",
	`defaultBranchRef { name
  branchProtectionRule { requiresApprovingReviews requiredApprovingReviewCount dismissesStaleReviews requiresCodeOwnerReviews
    requireLastPushApproval requiresStatusChecks requiresStrictStatusChecks requiredStatusCheckContexts requiresCommitSignatures
    requiresLinearHistory requiresConversationResolution allowsForcePushes allowsDeletions isAdminEnforced }
  rules(first: 50) { pageInfo { hasNextPage } nodes { type
    parameters { __typename
      ... on PullRequestParameters { requiredApprovingReviewCount dismissStaleReviewsOnPush requireCodeOwnerReview requireLastPushApproval requiredReviewThreadResolution }
      ... on RequiredStatusChecksParameters { strictRequiredStatusChecksPolicy requiredStatusChecks { context } } }
    repositoryRuleset { databaseId source { __typename } } } } }`,
	`object(expression: "HEAD:.github/workflows") { __typename
  ... on Tree { entries { name path type object { ... on Blob { byteSize isBinary isTruncated text } } } } }`,
}

// groupNeed is what a refused group needs.
var groupNeed = [groupCount]need{needRepoAdmin, needContents, needRepoMeta, needRepoAdmin, needContents}

// Nodes one repository of the query can return: 100 collaborators and 50
// rules. GitHub refuses a query over 500,000 nodes.
const (
	nodesPerRepo    = 1 + 100 + 50
	graphQLMaxNodes = 500_000
	graphQLMaxPage  = 100
)

// repoPageSize is the most repositories a query may ask for: within the
// node limit, at most 100 (GitHub's first limit). Its cost is then
// (1 + 2·N)/100 points: one request for the page and one per repository
// for each of its two connections.
func repoPageSize() int {
	return min(graphQLMaxPage, (graphQLMaxNodes-1)/nodesPerRepo)
}

func repoQuery(groups [groupCount]bool) string {
	var b strings.Builder
	b.WriteString("query($org: String!, $first: Int!, $after: String) {\n  rateLimit { cost remaining resetAt }\n  organization(login: $org) {\n    repositories(first: $first, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      nodes { name\n")
	for g, on := range groups {
		if on {
			b.WriteString(groupSelection[g])
			b.WriteString("\n")
		}
	}
	b.WriteString("} } } }")
	return b.String()
}

type gqlRepoPage struct {
	Organization *struct {
		Repositories struct {
			PageInfo struct {
				HasNextPage bool   `json:"hasNextPage"`
				EndCursor   string `json:"endCursor"`
			} `json:"pageInfo"`
			Nodes []*gqlRepo `json:"nodes"`
		} `json:"repositories"`
	} `json:"organization"`
}

type gqlRepo struct {
	Name                          string `json:"name"`
	HasVulnerabilityAlertsEnabled *bool  `json:"hasVulnerabilityAlertsEnabled"`
	Codeowners                    *struct {
		Errors []struct{} `json:"errors"`
	} `json:"codeowners"`
	Collaborators *struct {
		PageInfo struct {
			HasNextPage bool `json:"hasNextPage"`
		} `json:"pageInfo"`
		Edges []struct {
			Permission string `json:"permission"`
			Node       struct {
				Login string `json:"login"`
			} `json:"node"`
		} `json:"edges"`
	} `json:"collaborators"`
	DefaultBranchRef *struct {
		Name                 string          `json:"name"`
		BranchProtectionRule *gqlProtection  `json:"branchProtectionRule"`
		Rules                *gqlRuleConnect `json:"rules"`
	} `json:"defaultBranchRef"`
	Object *struct {
		Typename string `json:"__typename"`
		Entries  []struct {
			Name   string `json:"name"`
			Path   string `json:"path"`
			Type   string `json:"type"`
			Object *struct {
				ByteSize    int     `json:"byteSize"`
				IsBinary    *bool   `json:"isBinary"`
				IsTruncated bool    `json:"isTruncated"`
				Text        *string `json:"text"`
			} `json:"object"`
		} `json:"entries"`
	} `json:"object"`

	// set by the collector: which groups the answer left unknown, why.
	gaps [groupCount]*gap
	// present: the group was selected and answered (a null is then data).
	present [groupCount]bool
	// An error on one of the default branch's two sources leaves only
	// that source unknown, as a refused REST request does.
	classicGap, rulesGap *gap
}

type gqlProtection struct {
	RequiresApprovingReviews       bool     `json:"requiresApprovingReviews"`
	RequiredApprovingReviewCount   *int     `json:"requiredApprovingReviewCount"`
	DismissesStaleReviews          bool     `json:"dismissesStaleReviews"`
	RequiresCodeOwnerReviews       bool     `json:"requiresCodeOwnerReviews"`
	RequireLastPushApproval        bool     `json:"requireLastPushApproval"`
	RequiresStatusChecks           bool     `json:"requiresStatusChecks"`
	RequiresStrictStatusChecks     bool     `json:"requiresStrictStatusChecks"`
	RequiredStatusCheckContexts    []string `json:"requiredStatusCheckContexts"`
	RequiresCommitSignatures       bool     `json:"requiresCommitSignatures"`
	RequiresLinearHistory          bool     `json:"requiresLinearHistory"`
	RequiresConversationResolution bool     `json:"requiresConversationResolution"`
	AllowsForcePushes              bool     `json:"allowsForcePushes"`
	AllowsDeletions                bool     `json:"allowsDeletions"`
	IsAdminEnforced                bool     `json:"isAdminEnforced"`
}

type gqlRuleConnect struct {
	PageInfo struct {
		HasNextPage bool `json:"hasNextPage"`
	} `json:"pageInfo"`
	Nodes []struct {
		Type       string          `json:"type"`
		Parameters json.RawMessage `json:"parameters"`
		Ruleset    *struct {
			DatabaseID int64 `json:"databaseId"`
			Source     struct {
				Typename string `json:"__typename"`
			} `json:"source"`
		} `json:"repositoryRuleset"`
	} `json:"nodes"`
}

// graphQLRepositories pages the organisation's repositories through
// GraphQL and hands each, with its answer, to a worker that adds the REST
// parts. A repository GraphQL did not return (a failed page, a node nulled
// by an error) still gets its REST parts and the GraphQL attributes unknown
// with the reason.
func (r *run) graphQLRepositories(ctx context.Context, t Target, st *orgState, repos []*gh.Repository, done []atomic.Bool) error {
	index := make(map[string]int, len(repos))
	for i, repo := range repos {
		index[repo.GetName()] = i
	}
	answered := make([]bool, len(repos))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(r.o.concurrency)
	work := func(i int, node *gqlRepo) {
		g.Go(func() error {
			if err := r.repositoryGraphQL(gctx, t.Org, repos[i], node, st); err != nil {
				return err
			}
			done[i].Store(true)
			if r.progress != nil {
				r.progress.repoDone()
			}
			return nil
		})
	}
	groups := [groupCount]bool{}
	for i := range groups {
		groups[i] = !r.o.restGroups[i]
	}
	var pageFailure *gap
	after := any(nil)
	size := repoPageSize()
	for {
		nodes, failure, err := r.repoPage(gctx, t.Org, size, after, groups)
		if err != nil {
			_ = g.Wait()
			return err
		}
		if failure != nil {
			pageFailure = failure
			break
		}
		for _, n := range nodes.Organization.Repositories.Nodes {
			if n == nil {
				continue
			}
			if i, ok := index[n.Name]; ok && !answered[i] {
				answered[i] = true
				work(i, n)
			}
		}
		pi := nodes.Organization.Repositories.PageInfo
		if !pi.HasNextPage {
			break
		}
		after = pi.EndCursor
	}
	for i := range repos {
		if answered[i] {
			continue
		}
		n := &gqlRepo{Name: repos[i].GetName()}
		reason := &gap{reason: "GraphQL did not return this repository", failure: true}
		if pageFailure != nil {
			reason = pageFailure
		}
		for gr := range n.gaps {
			if !r.o.restGroups[gr] { // a group the server lacks is read through REST
				n.gaps[gr] = reason
			}
		}
		work(i, n)
	}
	return g.Wait()
}

// repoPage reads one page. A failure of the whole query (after the
// limiter's retries) is retried with half the page size down to 10, then
// returned as a gap; errors beside data mark the groups they name on their
// repository, and a repository nulled by one (a non-null field's error
// propagates) is re-read without that group.
func (r *run) repoPage(ctx context.Context, org string, size int, after any, groups [groupCount]bool) (*gqlRepoPage, *gap, error) {
	limited := 0
	for {
		var page gqlRepoPage
		errs, err := r.graphQL(ctx, repoQuery(groups), map[string]any{"org": org, "first": size, "after": after}, &page)
		if err != nil {
			gp, err := classify(ctx, err, needRepoMeta)
			if err != nil {
				return nil, nil, err
			}
			if size > 10 {
				r.o.logf("github: GraphQL page of %d repositories failed (%s); retrying with %d", size, gp.reason, size/2)
				size /= 2
				continue
			}
			gp.reason = "GraphQL repositories query: " + gp.reason
			return nil, gp, nil
		}
		if changed, ok := r.undefinedFields(errs); !ok {
			return nil, &gap{reason: "GraphQL repositories query: " + errs[0].Message, failure: true}, nil
		} else if changed {
			for gr := range groups {
				groups[gr] = groups[gr] && !r.o.restGroups[gr]
			}
			continue
		}
		if page.Organization == nil && rateLimited(errs) && limited < r.o.maxRetries {
			// GitHub may answer an exhausted GraphQL budget with 200 and a
			// RATE_LIMITED error: ask again, the limiter now waits for the
			// reset (X-RateLimit-Remaining 0) or stops the collection.
			limited++
			continue
		}
		if page.Organization == nil {
			reason := "GraphQL answered no organization"
			if len(errs) > 0 {
				reason += ": " + errs[0].Message
			}
			return nil, &gap{reason: reason, failure: true}, nil
		}
		nodes := page.Organization.Repositories.Nodes
		nulled := [groupCount]bool{}
		retry := false
		byIndex := map[int][]graphQLError{}
		for _, e := range errs {
			i, gr, ok := errorTarget(e)
			if !ok {
				continue
			}
			if i < len(nodes) && nodes[i] == nil && groups[gr] {
				nulled[gr], retry = true, true
			}
			byIndex[i] = append(byIndex[i], e)
		}
		if retry {
			// The errors nulled whole repositories: read the page again
			// without the groups they named, and mark those unknown.
			again := groups
			for gr, n := range nulled {
				if n {
					again[gr] = false
				}
			}
			p2, failure, err := r.repoPage(ctx, org, size, after, again)
			if err != nil || failure != nil {
				return nil, failure, err
			}
			// Only the repositories the errors named lose the group; the
			// others read it through REST (present is false, no gap).
			for i, n := range p2.Organization.Repositories.Nodes {
				if n == nil {
					continue
				}
				for _, e := range byIndex[i] {
					if _, gr, _ := errorTarget(e); nulled[gr] {
						n.gaps[gr] = r.groupGap(gr, []graphQLError{e})
					}
				}
			}
			return p2, nil, nil
		}
		for i, n := range nodes {
			if n == nil {
				continue
			}
			for gr, on := range groups {
				n.present[gr] = on
			}
			for _, e := range byIndex[i] {
				_, gr, _ := errorTarget(e)
				gp := r.groupGap(gr, []graphQLError{e})
				switch sub := subField(e); {
				case gr == groupProtection && sub == "branchProtectionRule":
					n.classicGap = gp
				case gr == groupProtection && sub == "rules":
					n.rulesGap = gp
				default:
					n.gaps[gr] = gp
				}
			}
		}
		return &page, nil, nil
	}
}

// undefinedFields turns undefinedField errors (a GitHub Enterprise Server
// whose schema lacks a field) into groups read through REST from now on.
// A lacking field outside every group (the page itself) turns them all to
// REST. ok is false when nothing changed: the server refuses a field
// already dropped, and the page cannot be read.
func (r *run) undefinedFields(errs []graphQLError) (changed, ok bool) {
	found := false
	for _, e := range errs {
		typ, field, isUndefined := e.undefinedField()
		if !isUndefined {
			continue
		}
		found = true
		groups := groupsSelecting(typ, field)
		if len(groups) == 0 {
			for gr := range groupCount {
				groups = append(groups, gr)
			}
		}
		for _, gr := range groups {
			if !r.o.restGroups[gr] {
				r.o.restGroups[gr], changed = true, true
				r.o.logf("github: this server's GraphQL has no %s.%s: reading %s through REST", typ, field, groupField[gr])
			}
		}
	}
	return changed, !found || changed
}

// groupsSelecting are the groups whose selection names field: the group
// of that Repository field, else any whose selection has it as a word.
func groupsSelecting(typ, field string) []gqlGroup {
	for gr, f := range groupField {
		if typ == "Repository" && f == field {
			return []gqlGroup{gqlGroup(gr)}
		}
	}
	word := regexp.MustCompile(`\b` + regexp.QuoteMeta(field) + `\b`)
	var out []gqlGroup
	for gr, sel := range groupSelection {
		if word.MatchString(sel) {
			out = append(out, gqlGroup(gr))
		}
	}
	return out
}

func rateLimited(errs []graphQLError) bool {
	for _, e := range errs {
		if e.Type == "RATE_LIMITED" {
			return true
		}
	}
	return false
}

// subField is the field below the repository's that an error names.
func subField(e graphQLError) string {
	if len(e.Path) < 6 {
		return ""
	}
	s, _ := e.Path[5].(string)
	return s
}

// errorTarget finds the repository index and group an error's path names
// (organization.repositories.nodes.<i>.<field>…).
func errorTarget(e graphQLError) (int, gqlGroup, bool) {
	if len(e.Path) < 5 || e.Path[2] != "nodes" {
		return 0, 0, false
	}
	f, _ := e.Path[3].(float64)
	name, _ := e.Path[4].(string)
	for gr, fld := range groupField {
		if fld == name {
			return int(f), gqlGroup(gr), true
		}
	}
	return 0, 0, false
}

// groupGap is the reason a group's attributes are unknown: a FORBIDDEN
// error is a missing permission; anything else a failure.
func (r *run) groupGap(gr gqlGroup, errs []graphQLError) *gap {
	msg, typ := "error", ""
	if len(errs) > 0 {
		msg, typ = errs[0].Message, errs[0].Type
	}
	if typ == "FORBIDDEN" {
		perm := groupNeed[gr].String()
		return &gap{reason: fmt.Sprintf("GraphQL %s %s: %s: needs %s", typ, groupField[gr], msg, perm), permission: perm}
	}
	return &gap{reason: fmt.Sprintf("GraphQL %s %s: %s", typ, groupField[gr], msg), failure: true}
}

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

	for _, part := range []func(context.Context, *attrs, string, string, *orgState) error{r.restDeployKeys, r.restHooks, r.restActions} {
		if err := part(ctx, a, owner, name, st); err != nil {
			return err
		}
	}
	r.repoAlerts(a, name, st, secretScanningOn)

	if rest(groupWorkflows) {
		if err := r.workflows(ctx, org, repo); err != nil {
			return err
		}
	} else {
		r.workflowsGraphQL(org, repo, n)
	}
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

// workflowsGraphQL emits the workflow files from the tree GraphQL returned
// (the blobs' text inline): the same resources as the contents API path.
func (r *run) workflowsGraphQL(org string, repo *gh.Repository, n *gqlRepo) {
	name := repo.GetName()
	if repo.GetDefaultBranch() == "" {
		return
	}
	scopeID := "github.com/" + org + "/" + name
	scope := repoScope(org, name)
	switch {
	case n.gaps[groupWorkflows] != nil:
		r.gap(TypeWorkflow, scope, scopeID, n.gaps[groupWorkflows])
		return
	case n.Object == nil:
		return // no .github/workflows: no workflows, knowably
	case n.Object.Typename != "Tree":
		r.gap(TypeWorkflow, scope, scopeID, &gap{reason: workflowsDir + " is a file, not a folder: no workflow could be listed", failure: true})
		return
	}
	visibility, visible := repo.GetVisibility(), repo.Visibility != nil
	for _, e := range n.Object.Entries {
		p := e.Path
		if p == "" {
			p = path.Join(workflowsDir, e.Name)
		}
		if !strings.HasSuffix(p, ".yml") && !strings.HasSuffix(p, ".yaml") {
			continue
		}
		r.addWorkflow(org, name, p, visibility, visible, r.blobWorkflow(p, e.Type, e.Object))
	}
}

func (r *run) blobWorkflow(p, typ string, b *struct {
	ByteSize    int     `json:"byteSize"`
	IsBinary    *bool   `json:"isBinary"`
	IsTruncated bool    `json:"isTruncated"`
	Text        *string `json:"text"`
}) workflow.Result {
	switch {
	case typ != "blob":
		return workflow.Unreadable(fmt.Sprintf("%s is a %s, not a file: not read", p, typ))
	case b == nil:
		r.failed(&gap{failure: true, reason: p + ": GraphQL returned no blob"})
		return workflow.Unreadable("read " + p + ": GraphQL returned no blob")
	case b.ByteSize > workflow.MaxFileBytes:
		return workflow.Unreadable(fmt.Sprintf("%s is %d bytes, over the %d-byte limit", p, b.ByteSize, workflow.MaxFileBytes))
	case b.IsTruncated || b.Text == nil || (b.IsBinary != nil && *b.IsBinary):
		reason := fmt.Sprintf("read %s: GraphQL returned the blob's text truncated or not at all (%d bytes)", p, b.ByteSize)
		r.failed(&gap{failure: true, reason: reason})
		return workflow.Unreadable(reason)
	case len(*b.Text) != b.ByteSize:
		reason := fmt.Sprintf("read %s: %d bytes decoded, the file has %d", p, len(*b.Text), b.ByteSize)
		r.failed(&gap{failure: true, reason: reason})
		return workflow.Unreadable(reason)
	}
	return workflow.Parse([]byte(*b.Text))
}

func repoScope(org, name string) evidence.Scope {
	return evidence.Scope{Platform: "github", Org: org, Repo: name}
}
