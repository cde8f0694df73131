package githubtest

import (
	"context"
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	graphql "github.com/graph-gophers/graphql-go"
)

// The resolvers answer the schema subset of testdata/graphql/schema.graphql
// from the same Org the REST routes serve, so one organisation read through
// either API must give the same evidence.

type dateTime string

func (dateTime) ImplementsGraphQLType(name string) bool { return name == "DateTime" }
func (d *dateTime) UnmarshalGraphQL(in any) error {
	s, ok := in.(string)
	if !ok {
		return fmt.Errorf("DateTime: want a string, got %T", in)
	}
	*d = dateTime(s)
	return nil
}
func (d dateTime) MarshalJSON() ([]byte, error) { return []byte(strconv.Quote(string(d))), nil }

type gitObjectID string

func (gitObjectID) ImplementsGraphQLType(name string) bool { return name == "GitObjectID" }
func (g *gitObjectID) UnmarshalGraphQL(in any) error {
	s, ok := in.(string)
	if !ok {
		return fmt.Errorf("GitObjectID: want a string, got %T", in)
	}
	*g = gitObjectID(s)
	return nil
}
func (g gitObjectID) MarshalJSON() ([]byte, error) { return []byte(strconv.Quote(string(g))), nil }

// fieldError is a GraphQL error with GitHub's "type" (FORBIDDEN,
// NOT_FOUND …), which graph-gophers puts beside the field's path.
type fieldError struct{ kind, msg string }

func (e fieldError) Error() string              { return e.msg }
func (e fieldError) Extensions() map[string]any { return map[string]any{"type": e.kind} }
func nodeID(kind string, parts ...string) graphql.ID {
	return graphql.ID(kind + "_" + base64.RawURLEncoding.EncodeToString([]byte(strings.Join(parts, "/"))))
}

type pageArgs struct {
	First, Last   *int32
	After, Before *string
}

// window is the slice [start, end) of n items that a connection's
// arguments select, by the stand-in's cursors ("cursor:<index>").
func window(a pageArgs, n int) (int, int) {
	start, end := 0, n
	if a.After != nil {
		if b, err := base64.StdEncoding.DecodeString(*a.After); err == nil {
			if i, err := strconv.Atoi(strings.TrimPrefix(string(b), "cursor:")); err == nil {
				start = min(max(i+1, 0), n)
			}
		}
	}
	if a.First != nil {
		end = min(start+int(*a.First), n)
	} else if a.Last != nil {
		start = max(end-int(*a.Last), start)
	}
	return start, end
}

func cursor(i int) string {
	return base64.StdEncoding.EncodeToString([]byte("cursor:" + strconv.Itoa(i)))
}

type pageInfo struct {
	start, end, n int
}

func (p pageInfo) HasNextPage() bool     { return p.end < p.n }
func (p pageInfo) HasPreviousPage() bool { return p.start > 0 }
func (p pageInfo) EndCursor() *string {
	if p.end <= p.start {
		return nil
	}
	c := cursor(p.end - 1)
	return &c
}
func (p pageInfo) StartCursor() *string {
	if p.end <= p.start {
		return nil
	}
	c := cursor(p.start)
	return &c
}

type queryResolver struct{ s *Server }

func (q *queryResolver) Organization(args struct{ Login string }) (*orgResolver, error) {
	if args.Login != q.s.org.Login {
		return nil, fieldError{"NOT_FOUND", fmt.Sprintf("Could not resolve to an Organization with the login of '%s'.", args.Login)}
	}
	return &orgResolver{q.s}, nil
}

func (q *queryResolver) RateLimit(ctx context.Context, args struct{ DryRun bool }) *rateLimitResolver {
	v, _ := ctx.Value(costKey{}).(*rateLimitResolver)
	return v
}

type costKey struct{}

// rateLimitResolver is the cost and budget of the query being answered,
// computed before it ran (graphql.go).
type rateLimitResolver struct {
	cost, limit, nodes, remaining, used int32
	reset                               time.Time
}

func (r *rateLimitResolver) Cost() int32       { return r.cost }
func (r *rateLimitResolver) Limit() int32      { return r.limit }
func (r *rateLimitResolver) NodeCount() int32  { return r.nodes }
func (r *rateLimitResolver) Remaining() int32  { return r.remaining }
func (r *rateLimitResolver) Used() int32       { return r.used }
func (r *rateLimitResolver) ResetAt() dateTime { return dateTime(r.reset.UTC().Format(time.RFC3339)) }

type orgResolver struct{ s *Server }

func (o *orgResolver) ID() graphql.ID { return nodeID("O", o.s.org.Login) }
func (o *orgResolver) Login() string  { return o.s.org.Login }
func (o *orgResolver) Repositories(args pageArgs) *repoConnResolver {
	start, end := window(args, len(o.s.org.Repos))
	return &repoConnResolver{s: o.s, p: pageInfo{start, end, len(o.s.org.Repos)}}
}

type repoConnResolver struct {
	s *Server
	p pageInfo
}

func (c *repoConnResolver) Nodes() *[]*repoResolver {
	out := []*repoResolver{}
	for i := c.p.start; i < c.p.end; i++ {
		out = append(out, &repoResolver{s: c.s, r: &c.s.org.Repos[i]})
	}
	return &out
}
func (c *repoConnResolver) PageInfo() pageInfo { return c.p }
func (c *repoConnResolver) TotalCount() int32  { return int32(c.p.n) }

type repoResolver struct {
	s *Server
	r *Repo
}

// fail answers the injected error of a field, if any (GraphQLFieldErrors).
func (r *repoResolver) fail(field string) error {
	return r.s.fieldFault(r.r.Name, field)
}

func (r *repoResolver) ID() graphql.ID { return nodeID("R", r.s.org.Login, r.r.Name) }
func (r *repoResolver) DatabaseID() *int32 {
	v := int32(1000 + slices.IndexFunc(r.s.org.Repos, func(x Repo) bool { return x.Name == r.r.Name }))
	return &v
}
func (r *repoResolver) Name() string          { return r.r.Name }
func (r *repoResolver) NameWithOwner() string { return r.s.org.Login + "/" + r.r.Name }
func (r *repoResolver) Visibility() string    { return strings.ToUpper(r.r.Visibility) }
func (r *repoResolver) IsArchived() bool      { return r.r.Archived }
func (r *repoResolver) IsFork() bool          { return r.r.Fork }
func (r *repoResolver) IsEmpty() bool         { return r.r.DefaultBranch == "" }
func (r *repoResolver) PushedAt() *dateTime {
	// The REST example's pushed_at, so both APIs agree.
	v, _ := first("openapi/repos__list-for-org.json")["pushed_at"].(string)
	if v == "" {
		return nil
	}
	d := dateTime(v)
	return &d
}

func (r *repoResolver) HasVulnerabilityAlertsEnabled() (bool, error) {
	if err := r.fail("Repository.hasVulnerabilityAlertsEnabled"); err != nil {
		return false, err
	}
	return r.r.VulnAlerts, nil
}

func (r *repoResolver) DefaultBranchRef() (*refResolver, error) {
	if err := r.fail("Repository.defaultBranchRef"); err != nil {
		return nil, err
	}
	if r.r.DefaultBranch == "" {
		return nil, nil
	}
	return &refResolver{r}, nil
}

func (r *repoResolver) Codeowners(args struct{ RefName *string }) (*codeownersResolver, error) {
	if err := r.fail("Repository.codeowners"); err != nil {
		return nil, err
	}
	if !r.r.HasCodeowners {
		return nil, nil
	}
	var errs []codeownersError
	for _, e := range object("openapi/repos__codeowners-errors.json")["errors"].([]any) {
		m := e.(map[string]any)
		ce := codeownersError{}
		ce.line, _ = m["line"].(float64)
		ce.column, _ = m["column"].(float64)
		ce.kind, _ = m["kind"].(string)
		ce.source, _ = m["source"].(string)
		ce.message, _ = m["message"].(string)
		ce.path, _ = m["path"].(string)
		if s, ok := m["suggestion"].(string); ok {
			ce.suggestion = &s
		}
		errs = append(errs, ce)
	}
	return &codeownersResolver{errs}, nil
}

type codeownersResolver struct{ errs []codeownersError }

func (c *codeownersResolver) Errors() []codeownersError { return c.errs }

type codeownersError struct {
	line, column                float64
	kind, source, message, path string
	suggestion                  *string
}

func (e codeownersError) Line() int32         { return int32(e.line) }
func (e codeownersError) Column() int32       { return int32(e.column) }
func (e codeownersError) Kind() string        { return e.kind }
func (e codeownersError) Source() string      { return e.source }
func (e codeownersError) Message() string     { return e.message }
func (e codeownersError) Path() string        { return e.path }
func (e codeownersError) Suggestion() *string { return e.suggestion }

func (r *repoResolver) Collaborators(args struct {
	Affiliation *string
	pageArgs
}) (*collabConnResolver, error) {
	if err := r.fail("Repository.collaborators"); err != nil {
		return nil, err
	}
	start, end := window(args.pageArgs, len(r.r.Collaborators))
	return &collabConnResolver{r: r, p: pageInfo{start, end, len(r.r.Collaborators)}}, nil
}

type collabConnResolver struct {
	r *repoResolver
	p pageInfo
}

func (c *collabConnResolver) Edges() *[]*collabEdge {
	out := []*collabEdge{}
	for i := c.p.start; i < c.p.end; i++ {
		out = append(out, &collabEdge{c: c.r.r.Collaborators[i], i: i})
	}
	return &out
}
func (c *collabConnResolver) PageInfo() pageInfo { return c.p }
func (c *collabConnResolver) TotalCount() int32  { return int32(c.p.n) }

type collabEdge struct {
	c Collaborator
	i int
}

func (e *collabEdge) Cursor() string      { return cursor(e.i) }
func (e *collabEdge) Node() *userResolver { return &userResolver{e.c.Login} }
func (e *collabEdge) Permission() string {
	switch e.c.Permission {
	case "push":
		return "WRITE"
	case "pull":
		return "READ"
	}
	return strings.ToUpper(e.c.Permission)
}

type userResolver struct{ login string }

func (u *userResolver) ID() graphql.ID { return nodeID("U", u.login) }
func (u *userResolver) Login() string  { return u.login }

// Object answers "HEAD:.github/workflows" (a tree of the workflow files)
// and "HEAD:.github/workflows/<file>" (a blob); anything else is null, as
// GitHub answers for a path that does not exist.
func (r *repoResolver) Object(args struct {
	Expression *string
	Oid        *gitObjectID
}) (*gitObject, error) {
	if err := r.fail("Repository.object"); err != nil {
		return nil, err
	}
	if args.Expression == nil || r.r.Workflows == nil || r.r.DefaultBranch == "" {
		return nil, nil
	}
	rev, p, ok := strings.Cut(*args.Expression, ":")
	if !ok || (rev != "HEAD" && rev != r.r.DefaultBranch) {
		return nil, nil
	}
	if p == ".github/workflows" {
		return &gitObject{tree: &treeResolver{r}}, nil
	}
	if name, ok := strings.CutPrefix(p, ".github/workflows/"); ok {
		if _, has := r.r.Workflows[name]; has {
			return &gitObject{blob: &blobResolver{r.r.Workflows[name]}}, nil
		}
	}
	return nil, nil
}

// gitObject is the GitObject interface: a tree or a blob.
type gitObject struct {
	tree *treeResolver
	blob *blobResolver
}

func (g *gitObject) ID() graphql.ID {
	if g.tree != nil {
		return g.tree.ID()
	}
	return g.blob.ID()
}
func (g *gitObject) Oid() gitObjectID {
	if g.tree != nil {
		return g.tree.Oid()
	}
	return g.blob.Oid()
}
func (g *gitObject) ToTree() (*treeResolver, bool) { return g.tree, g.tree != nil }
func (g *gitObject) ToBlob() (*blobResolver, bool) { return g.blob, g.blob != nil }

type treeResolver struct{ r *repoResolver }

func (t *treeResolver) ID() graphql.ID {
	return nodeID("T", t.r.s.org.Login, t.r.r.Name, ".github/workflows")
}
func (t *treeResolver) Oid() gitObjectID {
	return gitObjectID(gitSHA("tree", strings.Join(slices.Sorted(maps.Keys(t.r.r.Workflows)), "\n")))
}
func (t *treeResolver) Entries() *[]*treeEntry {
	out := []*treeEntry{}
	for _, name := range slices.Sorted(maps.Keys(t.r.r.Workflows)) {
		out = append(out, &treeEntry{name: name, text: t.r.r.Workflows[name]})
	}
	return &out
}

type treeEntry struct{ name, text string }

func (e *treeEntry) Name() string       { return e.name }
func (e *treeEntry) Path() *string      { p := ".github/workflows/" + e.name; return &p }
func (e *treeEntry) Type() string       { return "blob" }
func (e *treeEntry) Mode() int32        { return 0o100644 }
func (e *treeEntry) Size() int32        { return int32(len(e.text)) }
func (e *treeEntry) Oid() gitObjectID   { return gitObjectID(gitSHA("blob", e.text)) }
func (e *treeEntry) Object() *gitObject { return &gitObject{blob: &blobResolver{e.text}} }

type blobResolver struct{ text string }

func (b *blobResolver) ID() graphql.ID   { return nodeID("B", gitSHA("blob", b.text)) }
func (b *blobResolver) Oid() gitObjectID { return gitObjectID(gitSHA("blob", b.text)) }
func (b *blobResolver) ByteSize() int32  { return int32(len(b.text)) }
func (b *blobResolver) IsBinary() *bool  { f := false; return &f }

// IsTruncated and Text: the stand-in cuts text at the REST contents API's
// inline limit (1 MiB), so a large file is unreadable through either API.
func (b *blobResolver) IsTruncated() bool { return len(b.text) > maxInline }
func (b *blobResolver) Text() *string {
	t := b.text
	if len(t) > maxInline {
		t = t[:maxInline]
	}
	return &t
}

func gitSHA(kind, text string) string {
	sum := sha1.Sum([]byte(kind + " " + strconv.Itoa(len(text)) + "\x00" + text))
	return hex.EncodeToString(sum[:])
}

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
