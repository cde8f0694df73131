package githubtest

import (
	"strconv"
	"strings"

	graphql "github.com/graph-gophers/graphql-go"
)

// The default branch: its classic protection rule and the rules that apply
// to it, from the REST-shaped Repo.Protection and Repo.Rules.

type refResolver struct{ r *repoResolver }

func (f *refResolver) ID() graphql.ID {
	return nodeID("REF", f.r.s.org.Login, f.r.r.Name, f.r.r.DefaultBranch)
}
func (f *refResolver) Name() string { return f.r.r.DefaultBranch }

// BranchProtectionRule is the repository's classic protection (Repo.Protection,
// REST-shaped) as GraphQL's BranchProtectionRule.
func (f *refResolver) BranchProtectionRule() (*protectionRule, error) {
	if err := f.r.fail("Ref.branchProtectionRule"); err != nil {
		return nil, err
	}
	p := f.r.r.Protection
	if p == nil {
		return nil, nil
	}
	if _, ex := p["$example"]; ex {
		p = object("openapi/repos__get-branch-protection.json")
	}
	if _, rec := p["$recorded"]; rec {
		p = object("fixtures/branch-protection-recorded.json")["body"].(map[string]any)
	}
	return &protectionRule{id: nodeID("BPR", f.r.s.org.Login, f.r.r.Name), pattern: f.r.r.DefaultBranch, p: p}, nil
}

type protectionRule struct {
	id      graphql.ID
	pattern string
	p       map[string]any
}

func (b *protectionRule) sub(k string) map[string]any { m, _ := b.p[k].(map[string]any); return m }
func (b *protectionRule) enabled(k string) bool       { v, _ := b.sub(k)["enabled"].(bool); return v }
func (b *protectionRule) reviews(k string) bool {
	v, _ := b.sub("required_pull_request_reviews")[k].(bool)
	return v
}

func (b *protectionRule) ID() graphql.ID  { return b.id }
func (b *protectionRule) Pattern() string { return b.pattern }
func (b *protectionRule) RequiresApprovingReviews() bool {
	return b.sub("required_pull_request_reviews") != nil
}
func (b *protectionRule) RequiredApprovingReviewCount() *int32 {
	n, _ := b.sub("required_pull_request_reviews")["required_approving_review_count"].(float64)
	if v, ok := b.sub("required_pull_request_reviews")["required_approving_review_count"].(int); ok {
		n = float64(v)
	}
	c := int32(n)
	return &c
}
func (b *protectionRule) DismissesStaleReviews() bool { return b.reviews("dismiss_stale_reviews") }
func (b *protectionRule) RequiresCodeOwnerReviews() bool {
	return b.reviews("require_code_owner_reviews")
}
func (b *protectionRule) RequireLastPushApproval() bool {
	return b.reviews("require_last_push_approval")
}
func (b *protectionRule) RequiresStatusChecks() bool { return b.sub("required_status_checks") != nil }
func (b *protectionRule) RequiresStrictStatusChecks() bool {
	v, _ := b.sub("required_status_checks")["strict"].(bool)
	return v
}
func (b *protectionRule) RequiredStatusCheckContexts() *[]*string {
	c := b.sub("required_status_checks")
	out := []*string{}
	if list, ok := c["contexts"].([]any); ok {
		for _, x := range list {
			if s, ok := x.(string); ok {
				out = append(out, &s)
			}
		}
	}
	if list, ok := c["checks"].([]any); ok {
		for _, x := range list {
			if s, ok := x.(map[string]any)["context"].(string); ok {
				out = append(out, &s)
			}
		}
	}
	return &out
}
func (b *protectionRule) RequiresCommitSignatures() bool { return b.enabled("required_signatures") }
func (b *protectionRule) RequiresLinearHistory() bool    { return b.enabled("required_linear_history") }
func (b *protectionRule) RequiresConversationResolution() bool {
	return b.enabled("required_conversation_resolution")
}
func (b *protectionRule) AllowsForcePushes() bool { return b.enabled("allow_force_pushes") }
func (b *protectionRule) AllowsDeletions() bool   { return b.enabled("allow_deletions") }
func (b *protectionRule) IsAdminEnforced() bool   { return b.enabled("enforce_admins") }

// RestrictsReviewDismissals and RestrictsPushes: REST lists the users,
// teams and apps; GraphQL says whether there is such a list.
func (b *protectionRule) RestrictsReviewDismissals() bool {
	return b.sub("required_pull_request_reviews")["dismissal_restrictions"] != nil
}
func (b *protectionRule) RestrictsPushes() bool { return b.p["restrictions"] != nil }

// Rules are Repo.Rules (the REST rules/branches items) as RepositoryRule nodes.
func (f *refResolver) Rules(args pageArgs) (*ruleConnResolver, error) {
	if err := f.r.fail("Ref.rules"); err != nil {
		return nil, err
	}
	start, end := window(args, len(f.r.r.Rules))
	return &ruleConnResolver{r: f.r, p: pageInfo{start, end, len(f.r.r.Rules)}}, nil
}

type ruleConnResolver struct {
	r *repoResolver
	p pageInfo
}

func (c *ruleConnResolver) Nodes() *[]*ruleResolver {
	out := []*ruleResolver{}
	for i := c.p.start; i < c.p.end; i++ {
		out = append(out, &ruleResolver{r: c.r, m: c.r.r.Rules[i], i: i})
	}
	return &out
}
func (c *ruleConnResolver) PageInfo() pageInfo { return c.p }
func (c *ruleConnResolver) TotalCount() int32  { return int32(c.p.n) }

type ruleResolver struct {
	r *repoResolver
	m map[string]any
	i int
}

func (u *ruleResolver) ID() graphql.ID { return nodeID("RR", u.r.r.Name, strconv.Itoa(u.i)) }
func (u *ruleResolver) Type() string   { t, _ := u.m["type"].(string); return strings.ToUpper(t) }
func (u *ruleResolver) Parameters() *ruleParameters {
	p, _ := u.m["parameters"].(map[string]any)
	switch u.m["type"] {
	case "pull_request":
		return &ruleParameters{pr: p}
	case "required_status_checks":
		return &ruleParameters{checks: p}
	}
	return nil
}
func (u *ruleResolver) RepositoryRuleset() *rulesetResolver {
	id := toInt64(u.m["ruleset_id"])
	rs := &rulesetResolver{s: u.r.s, id: id, repo: u.r.r.Name, org: u.m["ruleset_source_type"] == "Organization"}
	for _, o := range u.r.s.org.Rulesets {
		if o.ID == id {
			rs.name = o.Name
		}
	}
	return rs
}

func toInt64(v any) int64 {
	switch n := v.(type) {
	case int:
		return int64(n)
	case int64:
		return n
	case float64:
		return int64(n)
	}
	return 0
}

// ruleParameters is the RuleParameters union.
type ruleParameters struct{ pr, checks map[string]any }

func (p *ruleParameters) ToPullRequestParameters() (*prParams, bool) {
	return &prParams{p.pr}, p.pr != nil
}
func (p *ruleParameters) ToRequiredStatusChecksParameters() (*checkParams, bool) {
	return &checkParams{p.checks}, p.checks != nil
}

type prParams struct{ m map[string]any }

func (p *prParams) b(k string) bool                 { v, _ := p.m[k].(bool); return v }
func (p *prParams) DismissStaleReviewsOnPush() bool { return p.b("dismiss_stale_reviews_on_push") }
func (p *prParams) RequireCodeOwnerReview() bool    { return p.b("require_code_owner_review") }
func (p *prParams) RequireLastPushApproval() bool   { return p.b("require_last_push_approval") }
func (p *prParams) RequiredReviewThreadResolution() bool {
	return p.b("required_review_thread_resolution")
}
func (p *prParams) RequiredApprovingReviewCount() int32 {
	return int32(toInt64(p.m["required_approving_review_count"]))
}

type checkParams struct{ m map[string]any }

func (p *checkParams) StrictRequiredStatusChecksPolicy() bool {
	v, _ := p.m["strict_required_status_checks_policy"].(bool)
	return v
}
func (p *checkParams) RequiredStatusChecks() []*statusCheck {
	out := []*statusCheck{}
	list, _ := p.m["required_status_checks"].([]any)
	if l, ok := p.m["required_status_checks"].([]map[string]any); ok {
		for _, x := range l {
			list = append(list, x)
		}
	}
	for _, x := range list {
		c, _ := x.(map[string]any)["context"].(string)
		out = append(out, &statusCheck{c})
	}
	return out
}

type statusCheck struct{ context string }

func (c *statusCheck) Context() string       { return c.context }
func (c *statusCheck) IntegrationID() *int32 { return nil }

type rulesetResolver struct {
	s    *Server
	id   int64
	name string
	repo string
	org  bool
}

func (r *rulesetResolver) ID() graphql.ID      { return nodeID("RRS", strconv.FormatInt(r.id, 10)) }
func (r *rulesetResolver) DatabaseID() *int32  { v := int32(r.id); return &v }
func (r *rulesetResolver) Name() string        { return r.name }
func (r *rulesetResolver) Enforcement() string { return "ACTIVE" }
func (r *rulesetResolver) Target() *string     { t := "BRANCH"; return &t }
func (r *rulesetResolver) Source() *ruleSource { return &ruleSource{r} }

// ruleSource is the RuleSource union: the organisation or the repository
// that defines the ruleset.
type ruleSource struct{ r *rulesetResolver }

func (s *ruleSource) ToOrganization() (*orgResolver, bool) { return &orgResolver{s.r.s}, s.r.org }
func (s *ruleSource) ToRepository() (*repoResolver, bool) {
	for i := range s.r.s.org.Repos {
		if s.r.s.org.Repos[i].Name == s.r.repo {
			return &repoResolver{s: s.r.s, r: &s.r.s.org.Repos[i]}, !s.r.org
		}
	}
	return nil, false
}
