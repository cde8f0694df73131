package githubtest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func post(t *testing.T, s *Server, query string) (int, map[string]any) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	resp, err := http.Post(s.URL+"/api/graphql", "application/json", bytes.NewReader(body))
	require.NoError(t, err)
	defer resp.Body.Close()
	var out map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	return resp.StatusCode, out
}

// TestGraphQLCost: GitHub's documented formula — requests to fill every
// connection at its first/last, /100, at least 1 — and its refusals.
func TestGraphQLCost(t *testing.T) {
	t.Parallel()
	const nested = `source { ... on Repository { collaborators(first: 100) { totalCount } } }`
	for _, tc := range []struct {
		name, query string
		cost        float64 // 0: refused
		errType     string
	}{
		{"no connection costs the minimum", `{ rateLimit { cost } organization(login: "acme") { login } }`, 1, ""},
		{"one page of 100", `{ rateLimit { cost } organization(login: "acme") { repositories(first: 100) { totalCount } } }`, 1, ""},
		{"two nested connections per repository", `{ rateLimit { cost } organization(login: "acme") { repositories(first: 100) { nodes {
			collaborators(first: 100) { totalCount } defaultBranchRef { rules(first: 50) { totalCount } } } } } }`, 2, ""},
		{"a nested connection at 100 under 100", `{ rateLimit { cost } organization(login: "acme") { repositories(first: 100) { nodes {
			defaultBranchRef { rules(first: 100) { nodes { repositoryRuleset { name } } } } } } } }`, 1, ""},
		{"missing first", `{ organization(login: "acme") { repositories { totalCount } } }`, 0, "MISSING_PAGINATION_BOUNDARIES"},
		{"first over 100", `{ organization(login: "acme") { repositories(first: 101) { totalCount } } }`, 0, "EXCESSIVE_PAGINATION"},
		{"over 500,000 nodes", `{ organization(login: "acme") { repositories(first: 100) { nodes { defaultBranchRef { rules(first: 100) { nodes {
			repositoryRuleset { ` + nested + ` } } } } } } } }`, 0, "MAX_NODE_LIMIT_EXCEEDED"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := New(Acme(), Faults{})
			defer s.Close()
			status, out := post(t, s, tc.query)
			require.Equal(t, http.StatusOK, status)
			if tc.cost == 0 {
				assert.Nil(t, out["data"])
				errs := out["errors"].([]any)
				assert.Equal(t, tc.errType, errs[0].(map[string]any)["type"])
				assert.Zero(t, s.GraphQLPoints(), "a refused query costs nothing")
				return
			}
			require.Nil(t, out["errors"])
			data := out["data"].(map[string]any)
			if rl, ok := data["rateLimit"].(map[string]any); ok {
				assert.Equal(t, tc.cost, rl["cost"])
			}
			assert.Equal(t, int64(tc.cost), s.GraphQLPoints())
		})
	}
}

func TestGraphQLBudgetsAndFaults(t *testing.T) {
	t.Parallel()
	q := `{ rateLimit { cost remaining } organization(login: "acme") { repositories(first: 10) { nodes { name hasVulnerabilityAlertsEnabled codeowners { errors { line } } } } } }`
	t.Run("primary points budget", func(t *testing.T) {
		t.Parallel()
		s := New(Acme(), Faults{GraphQLQuota: 2})
		defer s.Close()
		_, out := post(t, s, q)
		assert.Equal(t, 1.0, out["data"].(map[string]any)["rateLimit"].(map[string]any)["remaining"])
		post(t, s, q)
		status, out := post(t, s, q)
		assert.Equal(t, http.StatusForbidden, status)
		assert.Equal(t, "RATE_LIMITED", out["errors"].([]any)[0].(map[string]any)["type"])
	})
	t.Run("points per minute", func(t *testing.T) {
		t.Parallel()
		s := New(Acme(), Faults{GraphQLPointsPerMinute: 1})
		defer s.Close()
		post(t, s, q)
		status, out := post(t, s, q)
		assert.Equal(t, http.StatusForbidden, status)
		assert.Contains(t, out["message"], "secondary rate limit")
	})
	t.Run("error beside data on a nullable field", func(t *testing.T) {
		t.Parallel()
		s := New(Acme(), Faults{GraphQLFieldErrors: map[string]string{"web:Repository.codeowners": "FORBIDDEN"}})
		defer s.Close()
		_, out := post(t, s, q)
		nodes := out["data"].(map[string]any)["organization"].(map[string]any)["repositories"].(map[string]any)["nodes"].([]any)
		require.Len(t, nodes, 5)
		assert.Equal(t, "web", nodes[1].(map[string]any)["name"])
		assert.Nil(t, nodes[1].(map[string]any)["codeowners"])
		assert.NotNil(t, nodes[0].(map[string]any)["codeowners"])
		e := out["errors"].([]any)[0].(map[string]any)
		assert.Equal(t, "FORBIDDEN", e["type"])
		assert.Equal(t, []any{"organization", "repositories", "nodes", 1.0, "codeowners"}, e["path"])
	})
	t.Run("a field the server lacks", func(t *testing.T) {
		t.Parallel()
		s := New(Acme(), Faults{GraphQLMissingFields: []string{"Repository.codeowners"}})
		defer s.Close()
		_, out := post(t, s, q)
		e := out["errors"].([]any)[0].(map[string]any)
		assert.Equal(t, "Field 'codeowners' doesn't exist on type 'Repository'", e["message"])
		assert.Equal(t, "undefinedField", e["extensions"].(map[string]any)["code"])
	})
}
