package githubtest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	graphql "github.com/graph-gophers/graphql-go"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// GraphQL: POST /graphql (and GHES's /api/graphql) serves the schema subset
// extracted from @octokit/graphql-schema (testdata/graphql/schema.graphql)
// with graph-gophers/graphql-go, over the same Org as the REST routes. The
// quota is GitHub's documented one: a query's cost is computed from its
// validated AST before it runs (gqlparser) — the requests needed to fill
// every connection at its first/last, divided by 100, at least 1 point —
// and charged to a points-per-hour budget of its own; a query over 500,000
// nodes, or a connection without first/last or asking for more than 100,
// is refused without data; over GraphQLPointsPerMinute is a secondary
// limit (403, Retry-After).

// GitHub's documented limits.
const (
	maxNodes              = 500_000
	maxPage               = 100
	defaultPointsPerMin   = 2_000
	defaultGraphQLPerHour = 5_000
)

var (
	gqlOnce sync.Once
	gqlAST  *ast.Schema
	gqlErr  error
)

// graphQLSchema is the extracted subset as gqlparser's AST, which the cost
// and validation walk.
func graphQLSchema() (*ast.Schema, error) {
	gqlOnce.Do(func() {
		sdl, err := testdata.ReadFile("testdata/graphql/schema.graphql")
		if err != nil {
			gqlErr = fmt.Errorf("githubtest: %w (run scripts/octokit-extract: npm run extract-graphql)", err)
			return
		}
		gqlAST, err = gqlparser.LoadSchema(&ast.Source{Name: "schema.graphql", Input: string(sdl)})
		if err != nil {
			gqlErr = fmt.Errorf("githubtest: load GraphQL schema: %w", err)
		}
	})
	return gqlAST, gqlErr
}

type gqlRequest struct {
	Query         string         `json:"query"`
	OperationName string         `json:"operationName"`
	Variables     map[string]any `json:"variables"`
}

type gqlError struct {
	Type       string         `json:"type,omitempty"`
	Message    string         `json:"message"`
	Path       []any          `json:"path,omitempty"`
	Extensions map[string]any `json:"extensions,omitempty"`
}

func isGraphQLPath(path string) bool { return path == "/graphql" || path == "/api/graphql" }

// GraphQLRequests is how many POST /graphql reached the stand-in.
func (s *Server) GraphQLRequests() int64 { return s.gqlRequests.Load() }

// GraphQLPoints is the points charged to the GraphQL budget so far.
func (s *Server) GraphQLPoints() int64 { return s.gqlPoints.Load() }

func (s *Server) serveGraphQL(w http.ResponseWriter, r *http.Request, tok, path string) {
	s.gqlRequests.Add(1)
	if r.Method != http.MethodPost {
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "Not Found"})
		return
	}
	if s.take("secondary", s.faults.Secondary, path) {
		s.secondary(w, tok, s.faults.RetryAfter)
		return
	}
	if s.take("5xx", s.faults.ServerErrors, path) {
		s.graphQLHeaders(w, tok)
		writeJSON(w, http.StatusBadGateway, map[string]any{"message": "Server Error"})
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	var req gqlRequest
	if err == nil {
		err = json.Unmarshal(body, &req)
	}
	if err != nil {
		s.graphQLHeaders(w, tok)
		writeJSON(w, http.StatusBadRequest, map[string]any{"message": "Problems parsing JSON"})
		return
	}
	astSchema, err := graphQLSchema()
	if err != nil {
		panic(err) // a stand-in without its schema is a bug of the test setup
	}
	schema := s.boundSchema()
	doc, errs := gqlparser.LoadQuery(astSchema, req.Query)
	if len(errs) > 0 {
		s.graphQLErrors(w, tok, validationErrors(errs))
		return
	}
	for _, f := range s.faults.GraphQLMissingFields {
		if t, fld, ok := strings.Cut(f, "."); ok && selects(doc, t, fld) {
			// An older GitHub Enterprise Server: the field is not in its schema.
			s.graphQLErrors(w, tok, []gqlError{{Message: fmt.Sprintf("Field '%s' doesn't exist on type '%s'", fld, t),
				Extensions: map[string]any{"code": "undefinedField", "typeName": t, "fieldName": fld}}})
			return
		}
	}
	c, cerrs := cost(doc, req.Variables)
	if len(cerrs) > 0 {
		s.graphQLErrors(w, tok, cerrs)
		return
	}
	rl, ok, retry := s.charge(tok, c)
	if !ok {
		if retry > 0 {
			s.secondary(w, tok, int(retry.Seconds())+1)
			return
		}
		s.graphQLHeaders(w, tok)
		status := s.faults.GraphQLLimitedStatus
		if status == 0 {
			status = http.StatusForbidden
		}
		writeJSON(w, status, map[string]any{"errors": []gqlError{{Type: "RATE_LIMITED", Message: "API rate limit already exceeded for user ID 1."}}})
		return
	}
	ctx := context.WithValue(r.Context(), costKey{}, rl)
	resp := schema.Exec(ctx, req.Query, req.OperationName, req.Variables)
	out := map[string]any{"data": resp.Data}
	if len(resp.Errors) > 0 {
		list := make([]gqlError, 0, len(resp.Errors))
		for _, e := range resp.Errors {
			ge := gqlError{Message: e.Message, Path: e.Path}
			if t, ok := e.Extensions["type"].(string); ok {
				ge.Type = t
			}
			list = append(list, ge)
		}
		out["errors"] = list
	}
	b, _ := json.Marshal(out)
	s.graphQLHeaders(w, tok)
	if s.take("empty", s.faults.EmptyBody, path) {
		w.Header().Set("Content-Length", "0")
		w.WriteHeader(http.StatusOK)
		return
	}
	if s.take("truncated", s.faults.Truncated, path) {
		b = b[:len(b)/2]
	}
	writeRaw(w, http.StatusOK, b)
}

// boundSchema is the schema executed by graph-gophers with this server's
// resolvers (it binds the root resolver when it parses, and checks that
// every field of the subset has one).
func (s *Server) boundSchema() *graphql.Schema {
	s.gqlBind.Do(func() {
		sdl, _ := testdata.ReadFile("testdata/graphql/schema.graphql")
		s.gqlBound = graphql.MustParseSchema(string(sdl), &queryResolver{s})
	})
	return s.gqlBound
}

func (s *Server) secondary(w http.ResponseWriter, tok string, retryAfter int) {
	if retryAfter >= 0 {
		w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
	}
	s.rateHeaders(w, tok, false)
	writeJSON(w, http.StatusForbidden, map[string]any{"message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", "documentation_url": "https://docs.github.com/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api#secondary-rate-limits"})
}

func (s *Server) graphQLErrors(w http.ResponseWriter, tok string, errs []gqlError) {
	s.graphQLHeaders(w, tok)
	writeJSON(w, http.StatusOK, map[string]any{"errors": errs})
}

// budgetLocked is tok's GraphQL budget, its windows renewed; mu held.
func (s *Server) budgetLocked(tok string, now time.Time) *gqlBudget {
	b := s.gqlBudgets[tok]
	if b == nil {
		b = &gqlBudget{}
		s.gqlBudgets[tok] = b
	}
	if b.reset.IsZero() || now.After(b.reset) {
		b.reset, b.used = now.Add(time.Hour), 0
	}
	if now.Sub(b.minuteStart) >= time.Minute {
		b.minuteStart, b.minute = now, 0
	}
	return b
}

// charge takes c points from tok's hour budget (and its minute's, a
// secondary limit). ok false with retry > 0 is the secondary limit.
func (s *Server) charge(tok string, c costed) (*rateLimitResolver, bool, time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	b := s.budgetLocked(tok, now)
	perMin := s.faults.GraphQLPointsPerMinute
	if perMin == 0 {
		perMin = defaultPointsPerMin
	}
	limit := s.faults.GraphQLQuota
	if limit == 0 {
		limit = defaultGraphQLPerHour
	}
	if perMin > 0 && b.minute+c.points > perMin {
		return nil, false, time.Minute - now.Sub(b.minuteStart)
	}
	if s.faults.GraphQLQuota > 0 && b.used+c.points > limit {
		return nil, false, 0
	}
	b.minute += c.points
	b.used += c.points
	s.gqlPoints.Add(int64(c.points))
	remaining := limit - b.used
	if s.faults.GraphQLQuota == 0 {
		remaining = limit // unlimited: the header keeps reporting a full budget
	}
	return &rateLimitResolver{cost: int32(c.points), limit: int32(limit), nodes: int32(c.nodes), remaining: int32(max(remaining, 0)), used: int32(b.used), reset: b.reset}, true, 0
}

func (s *Server) graphQLHeaders(w http.ResponseWriter, tok string) {
	s.mu.Lock()
	b := s.budgetLocked(tok, time.Now())
	limit := s.faults.GraphQLQuota
	remaining := limit - b.used
	if limit == 0 {
		limit, remaining = defaultGraphQLPerHour, defaultGraphQLPerHour
	}
	reset, used := b.reset, b.used
	s.mu.Unlock()
	h := w.Header()
	h.Set("X-RateLimit-Limit", strconv.Itoa(limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(max(remaining, 0)))
	h.Set("X-RateLimit-Used", strconv.Itoa(used))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(reset.Unix(), 10))
	h.Set("X-RateLimit-Resource", "graphql")
}

// fieldFault answers GraphQLFieldErrors for a field of a repository:
// keys "Type.field" (every repository) or "repo:Type.field".
func (s *Server) fieldFault(repo, field string) error {
	for _, k := range []string{repo + ":" + field, field} {
		if kind, ok := s.faults.GraphQLFieldErrors[k]; ok {
			msg := "Resource not accessible by integration"
			if kind != "FORBIDDEN" {
				msg = "Something went wrong while executing your query. This may be the result of a timeout."
			}
			return fieldError{kind, msg}
		}
	}
	return nil
}

func validationErrors(errs gqlerror.List) []gqlError {
	out := make([]gqlError, 0, len(errs))
	for _, e := range errs {
		out = append(out, gqlError{Message: e.Message, Extensions: map[string]any{"code": e.Rule}})
	}
	return out
}

// costed is a query's cost by GitHub's formula.
type costed struct {
	points int
	nodes  int
}

// cost walks the operation: every connection (a field whose type ends in
// "Connection") needs as many requests as its parents can return nodes,
// and can return first/last times that many nodes.
func cost(doc *ast.QueryDocument, vars map[string]any) (costed, []gqlError) {
	requests, nodes := 0, 0
	var errs []gqlError
	var walk func(set ast.SelectionSet, mult int)
	walk = func(set ast.SelectionSet, mult int) {
		for _, sel := range set {
			switch f := sel.(type) {
			case *ast.Field:
				m := mult
				if f.Definition != nil && strings.HasSuffix(f.Definition.Type.Name(), "Connection") {
					n, err := pageSize(f, vars)
					if err != nil {
						errs = append(errs, *err)
						continue
					}
					requests += mult
					m = mult * n
					nodes += m
				}
				walk(f.SelectionSet, m)
			case *ast.InlineFragment:
				walk(f.SelectionSet, mult)
			case *ast.FragmentSpread:
				if f.Definition != nil {
					walk(f.Definition.SelectionSet, mult)
				}
			}
		}
	}
	for _, op := range doc.Operations {
		walk(op.SelectionSet, 1)
	}
	if len(errs) > 0 {
		return costed{}, errs
	}
	if nodes > maxNodes {
		return costed{}, []gqlError{{Type: "MAX_NODE_LIMIT_EXCEEDED", Message: fmt.Sprintf("This query requests up to %d possible nodes which exceeds the maximum limit of %d.", nodes, maxNodes)}}
	}
	return costed{points: max(1, (requests+50)/100), nodes: nodes}, nil
}

func pageSize(f *ast.Field, vars map[string]any) (int, *gqlError) {
	n, set := 0, false
	for _, name := range []string{"first", "last"} {
		a := f.Arguments.ForName(name)
		if a == nil {
			continue
		}
		v, err := a.Value.Value(vars)
		if err != nil || v == nil {
			continue
		}
		switch x := v.(type) {
		case int64:
			n = int(x)
		case float64:
			n = int(x)
		case json.Number:
			i, _ := x.Int64()
			n = int(i)
		case int:
			n = x
		}
		set = true
		if n < 0 || n > maxPage {
			return 0, &gqlError{Type: "EXCESSIVE_PAGINATION", Message: fmt.Sprintf("Requesting %d records on the `%s` connection exceeds the `%s` limit of %d records.", n, f.Name, name, maxPage)}
		}
	}
	if !set {
		return 0, &gqlError{Type: "MISSING_PAGINATION_BOUNDARIES", Message: fmt.Sprintf("You must provide a `first` or `last` value to properly paginate the `%s` connection.", f.Name)}
	}
	return n, nil
}

// selects reports whether the query selects typ.field anywhere.
func selects(doc *ast.QueryDocument, typ, field string) bool {
	found := false
	var walk func(set ast.SelectionSet)
	walk = func(set ast.SelectionSet) {
		for _, sel := range set {
			switch f := sel.(type) {
			case *ast.Field:
				if f.Name == field && f.ObjectDefinition != nil && f.ObjectDefinition.Name == typ {
					found = true
				}
				walk(f.SelectionSet)
			case *ast.InlineFragment:
				walk(f.SelectionSet)
			case *ast.FragmentSpread:
				if f.Definition != nil {
					walk(f.Definition.SelectionSet)
				}
			}
		}
	}
	for _, op := range doc.Operations {
		walk(op.SelectionSet)
	}
	return found
}
