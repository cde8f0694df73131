package github_test

import (
	"context"
	"flag"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	ghc "github.com/rampart-audit/rampart/internal/collect/github"
	"github.com/rampart-audit/rampart/internal/collect/github/githubtest"
)

var (
	benchRepos   = flag.Int("bench-repos", 2000, "repositories in the benchmark organization")
	benchLatency = flag.Duration("bench-latency", 2*time.Millisecond, "latency the stand-in adds to every answer")
)

// BenchmarkCollectOrg collects an organization of -bench-repos repositories
// from the stand-in with -bench-latency per answer. "cold" is the baseline:
// an empty ETag cache, every answer a full 200 charged to the quota.
// "warm" re-runs over the cache the cold run filled: the share answered 304
// is what a scheduled audit of an unchanged organization costs.
//
//	go test ./internal/collect/github/ -run '^$' -bench CollectOrg -benchtime 1x
func BenchmarkCollectOrg(b *testing.B) {
	org := githubtest.Large(*benchRepos)
	srv := githubtest.New(org, githubtest.Faults{Token: token, Latency: *benchLatency})
	defer srv.Close()
	cfg := ghc.Config{
		Targets: []ghc.Target{{Org: "acme"}}, Auth: ghc.Auth{Token: token}, BaseURL: srv.URL,
		MaxRateWait: time.Minute,
	}
	run := func(b *testing.B, cfg ghc.Config) *ghc.Stats {
		snap, stats, err := ghc.Collect(context.Background(), cfg)
		require.NoError(b, err)
		require.False(b, snap.Incomplete, snap.IncompleteReason)
		return stats
	}
	report := func(b *testing.B, s *ghc.Stats) {
		req, nm := float64(s.Requests.Load()), float64(s.NotModified.Load())
		b.ReportMetric(req/float64(*benchRepos), "requests/repo")
		b.ReportMetric(nm/req*100, "%304")
		b.ReportMetric(req-nm, "quota/op")
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
