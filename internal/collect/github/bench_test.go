package github_test

import (
	"cmp"
	"context"
	"flag"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ghc "github.com/rampart-audit/rampart/internal/collect/github"
	"github.com/rampart-audit/rampart/internal/collect/github/githubtest"
)

var (
	benchRepos   = flag.Int("bench-repos", 2000, "repositories in the benchmark organization")
	benchLatency = flag.Duration("bench-latency", 2*time.Millisecond, "latency the stand-in adds to every answer")
	benchOrg     = flag.String("bench-org", "acme", "acme: copies of Acme's api under Acme's permissive organisation; governed: the organisation fixes workflow permissions, immutable releases and default setup (githubtest.LargeGoverned)")
)

// BenchmarkCollectOrg collects an organization of -bench-repos repositories
// from the stand-in with -bench-latency per answer, through REST (the
// baseline: today's collector, --api rest) and through GraphQL (the
// default), each cold (an empty ETag cache) and warm (re-run over the cache
// its cold run filled). It reports what GitHub would charge: REST requests
// not answered 304 plus GraphQL points (rateLimit.cost), per repository.
//
//	go test ./internal/collect/github/ -run '^$' -bench CollectOrg -benchtime 1x [-bench-repos 20000] [-bench-org governed]
func BenchmarkCollectOrg(b *testing.B) {
	org := githubtest.Large(*benchRepos)
	if *benchOrg == "governed" {
		org = githubtest.LargeGoverned(*benchRepos)
	}
	for _, api := range []ghc.API{ghc.APIREST, ghc.APIGraphQL} {
		b.Run(string(api), func(b *testing.B) {
			srv := githubtest.New(org, githubtest.Faults{Token: token, Latency: *benchLatency})
			defer srv.Close()
			cfg := ghc.Config{
				Targets: []ghc.Target{{Org: "acme"}}, Auth: ghc.Auth{Token: token}, BaseURL: srv.URL,
				MaxRateWait: time.Minute, API: api,
			}
			run := func(b *testing.B, cfg ghc.Config) *ghc.Stats {
				snap, stats, err := ghc.Collect(context.Background(), cfg)
				require.NoError(b, err)
				require.False(b, snap.Incomplete, snap.IncompleteReason)
				return stats
			}
			report := func(b *testing.B, s *ghc.Stats) {
				n := float64(*benchRepos)
				req, nm, gq := float64(s.Requests.Load()), float64(s.NotModified.Load()), float64(s.GraphQLRequests.Load())
				b.ReportMetric((req-gq)/n, "rest-requests/repo")
				b.ReportMetric(gq, "graphql-requests")
				b.ReportMetric(float64(s.GraphQLPoints.Load()), "graphql-points")
				b.ReportMetric(nm/max(req-gq, 1)*100, "%304")
				b.ReportMetric(float64(s.Units())/n, "units/repo")
				b.ReportMetric(float64(s.Units()), "units/op")
			}
			b.Run("cold", func(b *testing.B) {
				var s *ghc.Stats
				for b.Loop() {
					c := cfg
					c.CacheDir = b.TempDir()
					s = run(b, c)
				}
				report(b, s)
			})
			b.Run("warm", func(b *testing.B) {
				c := cfg
				c.CacheDir = b.TempDir()
				run(b, c) // fill the cache outside the timing
				var s *ghc.Stats
				b.ResetTimer()
				for b.Loop() {
					s = run(b, c)
				}
				report(b, s)
			})
		})
	}
}

// TestWarmShareOnLargeOrg guards the benchmark's claim at a size a test can
// afford: a warm re-run of an unchanged organization is at least 80% 304s.
func TestWarmShareOnLargeOrg(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(githubtest.Large(60), githubtest.Faults{Token: token})
	defer srv.Close()
	cfg := config(t, srv, &sleeps{})
	_, cold, err := ghc.Collect(context.Background(), cfg)
	require.NoError(t, err)
	_, warm, err := ghc.Collect(context.Background(), cfg)
	require.NoError(t, err)
	share := float64(warm.NotModified.Load()) / float64(warm.Requests.Load())
	require.GreaterOrEqual(t, share, 0.8, "warm 304 share")
	// 9.3 before workflows; the .github/workflows listing and its two
	// YAML files (Acme's api repository, which Large copies) add 3; the
	// repository's Actions secrets, code scanning default setup and
	// immutable-releases state add 3 more (repo_settings.go).
	require.Less(t, float64(cold.Requests.Load())/60, 16.0, "requests per repository on a cold run")
}

// TestUnitsPerRepository guards the benchmark's figures at a size a test
// can afford: GraphQL cold costs under half the REST baseline's units (the
// seven REST endpoints per repository GraphQL does not serve: deploy keys
// of a repository that has any, webhooks, Actions and workflow
// permissions, Actions secrets, code scanning default setup, immutable
// releases; docs/github.md), four when the organisation's policies fix
// three of them, and a warm re-run of an unchanged organization less than
// 0.1 units per repository.
func TestUnitsPerRepository(t *testing.T) {
	t.Parallel()
	const n = 250
	units := func(org githubtest.Org, api ghc.API) (cold, warm float64) {
		srv := githubtest.New(org, githubtest.Faults{Token: token})
		defer srv.Close()
		cfg := config(t, srv, &sleeps{})
		cfg.API = api
		_, c, err := ghc.Collect(context.Background(), cfg)
		require.NoError(t, err)
		_, w, err := ghc.Collect(context.Background(), cfg)
		require.NoError(t, err)
		return float64(c.Units()) / n, float64(w.Units()) / n
	}
	restCold, restWarm := units(githubtest.Large(n), ghc.APIREST)
	gqlCold, gqlWarm := units(githubtest.Large(n), ghc.APIGraphQL)
	assert.InDelta(t, 15.0, restCold, 0.2, "REST cold")
	assert.InDelta(t, 1.0, restWarm, 0.05, "REST warm: the vulnerability-alerts checks and the secret scanning list")
	assert.Less(t, gqlCold, 7.15, "GraphQL cold: 7 REST requests per repository and 0.03 points")
	assert.Less(t, gqlWarm, 0.1, "GraphQL warm")
	// The organisation fixes workflow permissions, immutable releases and
	// default setup: 4 REST requests per repository are left (Actions
	// permissions, Actions secrets, webhooks, and deploy keys because every
	// generated repository has one).
	govCold, govWarm := units(githubtest.LargeGoverned(n), ghc.APIGraphQL)
	assert.Less(t, govCold, 4.2, "GraphQL cold, governed organisation")
	assert.Less(t, govWarm, 0.1, "GraphQL warm, governed organisation")
}

// unitsByEndpoint collects org cold, then warm over the same cache, and
// returns what each REST endpoint charged per repository on each run,
// with the GraphQL points under "graphql (points)".
func unitsByEndpoint(t *testing.T, org githubtest.Org, api ghc.API) (cold, warm map[string]float64) {
	t.Helper()
	n := float64(len(org.Repos))
	per := func(srv *githubtest.Server, before map[string]int, points int64) map[string]float64 {
		out := map[string]float64{}
		for ep, c := range srv.ChargedByEndpoint() {
			if c -= before[ep]; c > 0 {
				out[ep] = float64(c) / n
			}
		}
		if points > 0 {
			out["graphql (points)"] = float64(points) / n
		}
		return out
	}
	srv := githubtest.New(org, githubtest.Faults{Token: token})
	defer srv.Close()
	cfg := config(t, srv, &sleeps{})
	cfg.API = api
	_, _, err := ghc.Collect(context.Background(), cfg)
	require.NoError(t, err)
	cold = per(srv, nil, srv.GraphQLPoints())
	afterCold, pointsCold := srv.ChargedByEndpoint(), srv.GraphQLPoints()
	_, _, err = ghc.Collect(context.Background(), cfg)
	require.NoError(t, err)
	warm = per(srv, afterCold, srv.GraphQLPoints()-pointsCold)
	return cold, warm
}

func logUnits(t *testing.T, label string, units map[string]float64) {
	t.Helper()
	eps := slices.Sorted(maps.Keys(units))
	sum := 0.0
	for _, ep := range eps {
		sum += units[ep]
	}
	t.Logf("%s: %.3f units per repository", label, sum)
	slices.SortStableFunc(eps, func(a, b string) int { return cmp.Compare(units[b], units[a]) })
	for _, ep := range eps {
		t.Logf("  %7.3f  %s", units[ep], ep)
	}
}

// TestUnitsByEndpoint writes down where the units per repository go, by
// endpoint (go test -run UnitsByEndpoint -v prints the table
// docs/github.md quotes), and holds the per-repository REST endpoints the
// GraphQL path still needs on the benchmark's organisation, so a cut that
// regresses (or a new per-repository request) fails here by name.
func TestUnitsByEndpoint(t *testing.T) {
	t.Parallel()
	const n = 100
	for _, tc := range []struct {
		name    string
		org     githubtest.Org
		perRepo []string // REST endpoints charged once per repository, cold, on the GraphQL path
	}{
		{"acme-like", githubtest.Large(n), []string{
			"/repos/acme/{repo}/actions/permissions", "/repos/acme/{repo}/actions/permissions/workflow",
			"/repos/acme/{repo}/actions/secrets", "/repos/acme/{repo}/code-scanning/default-setup",
			"/repos/acme/{repo}/hooks", "/repos/acme/{repo}/immutable-releases", "/repos/acme/{repo}/keys",
		}},
		// The organisation fixes workflow permissions, immutable releases and
		// default setup (inherit.go): three requests fewer per repository.
		{"governed", githubtest.LargeGoverned(n), []string{
			"/repos/acme/{repo}/actions/permissions", "/repos/acme/{repo}/actions/secrets",
			"/repos/acme/{repo}/hooks", "/repos/acme/{repo}/keys",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			for _, api := range []ghc.API{ghc.APIREST, ghc.APIGraphQL} {
				cold, warm := unitsByEndpoint(t, tc.org, api)
				logUnits(t, string(api)+" cold", cold)
				logUnits(t, string(api)+" warm", warm)
				if api != ghc.APIGraphQL {
					continue
				}
				var perRepo []string
				for ep, u := range cold {
					if strings.Contains(ep, "{repo}") && u >= 0.99 {
						perRepo = append(perRepo, ep)
					}
				}
				assert.ElementsMatch(t, tc.perRepo, perRepo, "per-repository REST endpoints on the GraphQL path, cold")
			}
		})
	}
}
