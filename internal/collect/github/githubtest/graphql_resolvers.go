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
