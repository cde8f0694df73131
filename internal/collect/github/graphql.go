package github

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// API names what reads the repositories.
type API string

const (
	// APIGraphQL batches what GitHub's GraphQL API serves (graphql_repos.go)
	// and keeps REST for the rest; the default.
	APIGraphQL API = "graphql"
	// APIREST reads every attribute through REST, as before GraphQL: the
	// path for a GitHub Enterprise Server without a usable GraphQL API.
	APIREST API = "rest"
)

// ParseAPI reads a --api value.
func ParseAPI(s string) (API, error) {
	switch API(s) {
	case APIGraphQL, APIREST:
		return API(s), nil
	case "":
		return APIGraphQL, nil
	}
	return "", fmt.Errorf("--api %q: want graphql or rest", s)
}

// GraphQLURL is the GraphQL endpoint beside a REST root: api.github.com's
// /graphql, or a GitHub Enterprise Server's /api/graphql beside /api/v3/.
func GraphQLURL(rest *url.URL) string {
	u := *rest
	if p, ok := strings.CutSuffix(u.Path, "/api/v3/"); ok {
		u.Path = p + "/api/graphql"
	} else {
		u.Path = strings.TrimSuffix(u.Path, "/") + "/graphql"
	}
	return u.String()
}

func isGraphQL(req *http.Request) bool {
	return req.Method == http.MethodPost && (strings.HasSuffix(req.URL.Path, "/graphql"))
}

// graphQLError is one entry of a GraphQL answer's errors, beside its data.
type graphQLError struct {
	Type       string         `json:"type"`
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// undefinedField names the field a server's schema lacks ("Repository",
// "codeowners"), from GitHub's undefinedField validation error.
func (e graphQLError) undefinedField() (typ, field string, ok bool) {
	if e.Extensions["code"] != "undefinedField" {
		return "", "", false
	}
	typ, _ = e.Extensions["typeName"].(string)
	field, _ = e.Extensions["fieldName"].(string)
	return typ, field, typ != "" && field != ""
}

type graphQLAnswer struct {
	Data   json.RawMessage `json:"data"`
	Errors []graphQLError  `json:"errors"`
}

// errGraphQLNoData: an answer with neither data nor errors (an empty or
// null body a proxy let through).
var errGraphQLNoData = errors.New("GitHub GraphQL answered without data or errors")

// graphQL posts one query through the collector's transport stack (auth,
// rate limits, retries; the ETag cache passes POSTs by) and decodes its
// data into out. Errors beside data are returned for the caller to map to
// the attributes they concern; err is for an answer with no usable data.
func (r *run) graphQL(ctx context.Context, query string, vars map[string]any, out any) ([]graphQLError, error) {
	req, err := r.c.NewRequest(http.MethodPost, r.o.graphQLURL, map[string]any{"query": query, "variables": vars})
	if err != nil {
		return nil, fmt.Errorf("build GraphQL request: %w", err)
	}
	var ans graphQLAnswer
	resp, err := r.c.Do(ctx, req, &ans)
	if err != nil {
		return nil, fmt.Errorf("GraphQL query: %w", err)
	}
	if len(ans.Data) == 0 || string(ans.Data) == "null" {
		if len(ans.Errors) == 0 {
			return nil, errGraphQLNoData
		}
		return ans.Errors, nil
	}
	var cost struct {
		RateLimit *struct {
			Cost int64 `json:"cost"`
		} `json:"rateLimit"`
	}
	if err := json.Unmarshal(ans.Data, &cost); err == nil && cost.RateLimit != nil {
		r.stats.GraphQLPoints.Add(cost.RateLimit.Cost)
		if p := r.stats.pool.Load(); p != nil && resp != nil && resp.Request != nil {
			if i := credentialOf(resp.Request.Context()); i >= 0 && i < len(p.used) {
				p.used[i].Add(cost.RateLimit.Cost)
			}
		}
	}
	if err := json.Unmarshal(ans.Data, out); err != nil {
		return nil, fmt.Errorf("decode GraphQL data: %w", err)
	}
	return ans.Errors, nil
}
