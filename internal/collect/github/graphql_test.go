package github_test

import (
	"bytes"
	"context"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ghc "github.com/rampart-audit/rampart/internal/collect/github"
	"github.com/rampart-audit/rampart/internal/collect/github/githubtest"
	"github.com/rampart-audit/rampart/internal/evidence"
)

// collectVia collects a fresh stand-in of org through one API.
func collectVia(t *testing.T, org githubtest.Org, f githubtest.Faults, api ghc.API) (*evidence.Snapshot, *ghc.Stats, *githubtest.Server) {
	t.Helper()
	f.Token = token
	srv := githubtest.New(org, f)
	t.Cleanup(srv.Close)
	cfg := config(t, srv, &sleeps{})
	cfg.API = api
	snap, stats, err := ghc.Collect(context.Background(), cfg)
	require.NoError(t, err)
	return snap, stats, srv
}

// TestGraphQLMatchesREST: the same stand-in organisation collected through
// GraphQL and through REST gives the same snapshot, attribute for
// attribute, unknown for unknown.
func TestGraphQLMatchesREST(t *testing.T) {
	t.Parallel()
	for name, org := range map[string]githubtest.Org{"acme": githubtest.Acme(), "large": githubtest.Large(230), "governed": githubtest.Governed(), "large governed": githubtest.LargeGoverned(120)} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			rest, restStats, _ := collectVia(t, org, githubtest.Faults{}, ghc.APIREST)
			gql, gqlStats, srv := collectVia(t, org, githubtest.Faults{}, ghc.APIGraphQL)
			require.False(t, gql.Incomplete, gql.IncompleteReason)
			assert.Equal(t, string(encode(t, rest)), string(encode(t, gql)))
			assert.Zero(t, restStats.GraphQLRequests.Load())
			assert.Positive(t, srv.GraphQLRequests())
			assert.Equal(t, srv.GraphQLPoints(), gqlStats.GraphQLPoints.Load(), "points the collector read from rateLimit.cost")
			assert.Less(t, gqlStats.Units(), restStats.Units())
		})
	}
}

// TestGraphQLFieldErrors: an error beside the data leaves exactly the
// attributes of that field unknown, on that repository, with the reason;
// a FORBIDDEN is a permission (the snapshot stays complete), anything else
// a failure (incomplete).
func TestGraphQLFieldErrors(t *testing.T) {
	t.Parallel()
	t.Run("forbidden non-null field nulls the repository", func(t *testing.T) {
		t.Parallel()
		snap, _, _ := collectVia(t, githubtest.Acme(), githubtest.Faults{GraphQLFieldErrors: map[string]string{"api:Repository.hasVulnerabilityAlertsEnabled": "FORBIDDEN"}}, ghc.APIGraphQL)
		assert.False(t, snap.Incomplete, snap.IncompleteReason)
		res := byID(snap)
		api := res["github.com/acme/api"]
		assert.NotContains(t, api.Attributes, "vulnerability_alerts_enabled")
		assert.Contains(t, api.Unknown["vulnerability_alerts_enabled"], "FORBIDDEN")
		assert.Contains(t, api.Unknown["vulnerability_alerts_enabled"], "administration:read")
		// the rest of api is read (the page was re-read without the field)
		assert.Equal(t, true, api.Attributes["has_codeowners"])
		assert.Equal(t, true, api.Attributes["default_branch_protection"].(map[string]any)["protected"])
		assert.Equal(t, true, res["github.com/acme/docs"].Attributes["vulnerability_alerts_enabled"])
		assert.Contains(t, res, "github.com/acme/api/.github/workflows/ci.yml")
	})
	t.Run("classic protection refused on one repository", func(t *testing.T) {
		t.Parallel()
		snap, _, _ := collectVia(t, githubtest.Acme(), githubtest.Faults{GraphQLFieldErrors: map[string]string{"legacy:Ref.branchProtectionRule": "FORBIDDEN"}}, ghc.APIGraphQL)
		legacy := byID(snap)["github.com/acme/legacy"]
		p := legacy.Attributes["default_branch_protection"].(map[string]any)
		// the repository ruleset blocks deletion: known whatever classic says
		assert.Equal(t, true, p["blocks_deletions"])
		assert.NotContains(t, p, "required_signatures")
		assert.Contains(t, legacy.Unknown["default_branch_protection.required_signatures"], "classic branch protection: GraphQL FORBIDDEN")
		assert.NotContains(t, byID(snap)["github.com/acme/api"].Unknown, "default_branch_protection.required_signatures")
	})
	t.Run("internal error on workflows is a failure", func(t *testing.T) {
		t.Parallel()
		snap, _, _ := collectVia(t, githubtest.Acme(), githubtest.Faults{GraphQLFieldErrors: map[string]string{"api:Repository.object": "INTERNAL"}}, ghc.APIGraphQL)
		assert.True(t, snap.Incomplete)
		assert.NotContains(t, byID(snap), "github.com/acme/api/.github/workflows/ci.yml")
		assert.Contains(t, byID(snap), "github.com/acme/web/.github/workflows/triage.yml")
		found := false
		for _, n := range snap.NotCollected {
			if n.ResourceType == ghc.TypeWorkflow && n.ScopeID == "github.com/acme/api" {
				found = true
				assert.Contains(t, n.Reason, "GraphQL INTERNAL object")
			}
		}
		assert.True(t, found, "api's workflows not collected, with the reason")
		assert.NotContains(t, snap.Collected[0].Types, ghc.TypeWorkflow)
	})
}

// TestGraphQLServerLacksField: a GitHub Enterprise Server whose schema has
// no Repository.codeowners answers undefinedField; the collector reads
// CODEOWNERS through REST instead, says so, and the snapshot is the same.
func TestGraphQLServerLacksField(t *testing.T) {
	t.Parallel()
	rest, _, _ := collectVia(t, githubtest.Acme(), githubtest.Faults{}, ghc.APIREST)
	srv := githubtest.New(githubtest.Acme(), githubtest.Faults{Token: token, GraphQLMissingFields: []string{"Repository.codeowners"}})
	defer srv.Close()
	cfg := config(t, srv, &sleeps{})
	var log bytes.Buffer
	cfg.Log = &log
	snap, _, err := ghc.Collect(context.Background(), cfg)
	require.NoError(t, err)
	assert.Equal(t, string(encode(t, rest)), string(encode(t, snap)))
	assert.Contains(t, log.String(), "has no Repository.codeowners: reading codeowners through REST")
	assert.Equal(t, 4, srv.PathCount("/repos/acme/api/codeowners/errors")+srv.PathCount("/repos/acme/web/codeowners/errors")+srv.PathCount("/repos/acme/docs/codeowners/errors")+srv.PathCount("/repos/acme/legacy/codeowners/errors"))
}

// TestGraphQLServerWithoutRepositories: a server whose GraphQL cannot
// list repositories at all (the field outside every group) is read
// entirely through REST, with the same snapshot.
func TestGraphQLServerWithoutRepositories(t *testing.T) {
	t.Parallel()
	rest, _, _ := collectVia(t, githubtest.Acme(), githubtest.Faults{}, ghc.APIREST)
	gql, _, srv := collectVia(t, githubtest.Acme(), githubtest.Faults{GraphQLMissingFields: []string{"Organization.repositories"}}, ghc.APIGraphQL)
	assert.Equal(t, string(encode(t, rest)), string(encode(t, gql)))
	assert.Equal(t, int64(2), srv.GraphQLRequests(), "asked once, then once without any group, then REST")
}

// TestGraphQLPageFailure: a GraphQL endpoint that keeps failing leaves
// the GraphQL attributes unknown (never false), the REST ones read, and
// the snapshot incomplete.
func TestGraphQLPageFailure(t *testing.T) {
	t.Parallel()
	for name, f := range map[string]githubtest.Faults{
		"502":       {ServerErrors: map[string]int{"/graphql": 1000}},
		"truncated": {Truncated: map[string]int{"/graphql": 1000}},
		"empty":     {EmptyBody: map[string]int{"/graphql": 1000}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			snap, _, _ := collectVia(t, githubtest.Acme(), f, ghc.APIGraphQL)
			assert.True(t, snap.Incomplete)
			api := byID(snap)["github.com/acme/api"]
			assert.NotContains(t, api.Attributes, "vulnerability_alerts_enabled")
			assert.Contains(t, api.Unknown["vulnerability_alerts_enabled"], "GraphQL repositories query")
			assert.NotContains(t, api.Attributes, "has_codeowners")
			assert.NotContains(t, api.Attributes["default_branch_protection"], "protected")
			assert.Contains(t, api.Unknown["default_branch_protection.protected"], "GraphQL repositories query")
			assert.Contains(t, api.Attributes, "webhooks", "REST parts are still read")
		})
	}
}

// TestGraphQLBudgetExhausted: the GraphQL points budget is its own primary
// limit: exhausted with its reset beyond --max-rate-wait, the collection
// stops with what it has, marked incomplete, naming GraphQL points.
func TestGraphQLBudgetExhausted(t *testing.T) {
	t.Parallel()
	for _, status := range []int{403, 200} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			t.Parallel()
			// The first page of 100 costs (1+3·100)/100 = 3 points: the
			// whole budget, none left for the second.
			snap, _, srv := collectVia(t, githubtest.Large(150), githubtest.Faults{GraphQLQuota: 3, GraphQLLimitedStatus: status}, ghc.APIGraphQL)
			assert.True(t, snap.Incomplete)
			assert.Contains(t, snap.IncompleteReason, "GraphQL points left")
			assert.Equal(t, int64(3), srv.GraphQLPoints(), "all the budget, no more")
			assert.Equal(t, int64(1), srv.GraphQLRequests(), "the collector waited (here: gave up) instead of asking again")
		})
	}
	t.Run("200 RATE_LIMITED before the headers said so", func(t *testing.T) {
		t.Parallel()
		// Budget of 1: the first query (3 points) is refused outright.
		snap, _, srv := collectVia(t, githubtest.Large(150), githubtest.Faults{GraphQLQuota: 1, GraphQLLimitedStatus: 200}, ghc.APIGraphQL)
		assert.True(t, snap.Incomplete)
		assert.Contains(t, snap.IncompleteReason, "GraphQL points left")
		assert.Equal(t, int64(1), srv.GraphQLRequests(), "the RATE_LIMITED answer's headers made the limiter wait, not ask again")
	})
}
