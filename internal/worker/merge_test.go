package worker

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/collect"
	"github.com/rampart-audit/rampart/internal/collect/aws"
	"github.com/rampart-audit/rampart/internal/collect/github"
	"github.com/rampart-audit/rampart/internal/collect/github/githubtest"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/pipeline"
	"github.com/rampart-audit/rampart/internal/store"
	"github.com/rampart-audit/rampart/internal/store/pgtest"
)

// fastRate is a budget the tests' collections never wait on.
var fastRate = Rate{PerSecond: 100000, Burst: 100000}

func newPool(t *testing.T) *pgxpool.Pool {
	t.Helper()
	pool, err := pgxpool.New(t.Context(), pgtest.Start(t))
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	require.NoError(t, Migrate(t.Context(), pool))
	return pool
}

// contents is a snapshot as the store sees it: each resource's content
// hash by type and ID.
func contents(t *testing.T, s *evidence.Snapshot) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, r := range s.Resources {
		h, err := store.ContentHash(r)
		require.NoError(t, err)
		k := store.ResourceKey(r.Type, r.ID)
		require.NotContains(t, out, k, "resource twice")
		out[k] = h
	}
	return out
}

// unsharded collects the workspace's targets the way `audit --collect
// github --collect aws` does: one collection per collector.
func unsharded(t *testing.T, ctx context.Context, env func(string) string, workspace string) *evidence.Snapshot {
	t.Helper()
	in, err := pipeline.Load(ctx, nil, "", workspace)
	require.NoError(t, err)
	cfg, err := github.EnvConfig(env, github.Flags{Concurrency: github.DefaultConcurrency, MaxRateWait: github.DefaultMaxRateWait, NoCache: true})
	require.NoError(t, err)
	cfg.Targets = github.WorkspaceTargets(in.Workspace)
	gs, _, err := github.Collect(ctx, cfg)
	gs, err = collect.Hold(ctx, gs, err)
	require.NoError(t, err)
	opts := aws.EnvOptions(env, aws.Options{})
	opts.Targets = aws.WorkspaceTargets(in.Workspace)
	as, _, err := aws.Collect(ctx, opts)
	as, err = collect.Hold(ctx, as, err)
	require.NoError(t, err)
	snap, err := evidence.Merge(gs, as)
	require.NoError(t, err)
	evidence.Sort(snap)
	return snap
}

// The shards a plan lists, collected one by one and merged, are exactly
// the unsharded collection: every resource once, with the same content
// (the aws.account assembled from five service groups included), and
// the same collection gaps.
func TestShardsAddUpToOneCollection(t *testing.T) {
	ctx := t.Context()
	si := StandIn(t, githubtest.Acme(), 0)
	workspace := Workspace(t)
	w := &Worker{pool: newPool(t), opts: Options{Env: si.Getenv, GitHubRate: fastRate, AWSRate: fastRate}}
	w.opts.defaults()
	in, err := pipeline.Load(ctx, nil, "", workspace)
	require.NoError(t, err)

	for _, shards := range []int{1, 3, 7} {
		t.Run(strings.Repeat("s", shards), func(t *testing.T) {
			jobs, err := w.plan(ctx, Spec{Collectors: []string{"github", "aws"}, GitHubShards: shards}, in.Workspace, 1)
			require.NoError(t, err)
			// github shards + aws global + 2 regions × 4 groups
			require.Len(t, jobs, shards+1+2*len(aws.RegionalGroups))
			var parts []part
			keys := map[string]bool{}
			for _, a := range jobs {
				require.False(t, keys[a.Part], "part %s planned twice", a.Part)
				keys[a.Part] = true
				snap, err := w.collectPart(ctx, a)
				require.NoError(t, err, a.Part)
				parts = append(parts, part{Key: a.Part, Job: a, State: partCollected, Snapshot: snap})
			}
			merged, err := mergeParts(parts)
			require.NoError(t, err)
			want := unsharded(t, ctx, si.Getenv, workspace)

			got, wantC := contents(t, merged), contents(t, want)
			assert.Equal(t, slices.Sorted(maps.Keys(wantC)), slices.Sorted(maps.Keys(got)), "the same resources")
			for k, h := range wantC {
				assert.Equal(t, h, got[k], "content of %q", k)
			}
			assert.ElementsMatch(t, want.NotCollected, merged.NotCollected)
			assert.Equal(t, want.Incomplete, merged.Incomplete, merged.IncompleteReason)
			assert.Equal(t, []string{"aws", "github"}, merged.Collectors)
		})
	}
}

// A part given up after its retries is never silence: its scope is
// not_collected with the job's error for every type it could hold, the
// snapshot is incomplete, and the other parts are all there.
func TestFailedPartIsNotCollected(t *testing.T) {
	ok := &evidence.Snapshot{Schema: evidence.SchemaV1, Collectors: []string{"aws"}, Resources: []evidence.Resource{
		{Type: aws.TypeAccount, ID: "arn:aws:iam::1:root", Attributes: map[string]any{"account_id": "1", "regions": map[string]any{"eu-west-1": map[string]any{}}}},
		{Type: aws.TypeVPC, ID: "vpc-1", Attributes: map[string]any{}},
	}}
	parts := []part{
		{Key: "aws/1/eu-west-1/network", State: partCollected, Job: CollectArgs{Collector: "aws"}, Snapshot: ok},
		{Key: "aws/1/eu-west-1/data", State: partFailed, Reason: "kms: 500 Internal Server Error (after 5 attempt(s))",
			Job: CollectArgs{Collector: "aws", AccountID: "1", Region: "eu-west-1", Group: aws.GroupData}},
		{Key: "github/acme/2of3", State: partFailed, Reason: "401 Bad credentials",
			Job: CollectArgs{Collector: "github", Org: "acme", Shard: 1, Shards: 3}},
	}
	merged, err := mergeParts(parts)
	require.NoError(t, err)
	assert.True(t, merged.Incomplete)
	assert.Contains(t, merged.IncompleteReason, "2 collection job(s) failed")
	assert.Contains(t, merged.IncompleteReason, "aws/1/eu-west-1/data: kms: 500")
	var gaps []string
	for _, g := range merged.NotCollected {
		assert.Contains(t, g.Reason, "failed after its retries")
		gaps = append(gaps, g.ResourceType+" "+g.ScopeID)
	}
	// Every type of the failed group, in its region: the group's list is
	// aws.GroupTypes, which grows with the collector.
	var want []string
	for _, typ := range aws.GroupTypes[aws.GroupData] {
		want = append(want, typ+" aws:1/eu-west-1")
	}
	assert.ElementsMatch(t, append(want,
		"github.repository github.com/acme", // not shard 0: the organisation is another shard's
	), gaps)
	assert.Len(t, merged.Resources, 2)
	assert.Equal(t, []string{"aws", "github"}, merged.Collectors)
}

// A resource in two parts is a shard that collected what is not its own:
// an error, not a report that counts it twice.
func TestDuplicateResourceAcrossPartsIsAnError(t *testing.T) {
	snap := func() *evidence.Snapshot {
		return &evidence.Snapshot{Schema: evidence.SchemaV1, Resources: []evidence.Resource{{Type: github.TypeRepository, ID: "github.com/acme/api", Attributes: map[string]any{}}}}
	}
	_, err := mergeParts([]part{
		{Key: "github/acme/1of2", State: partCollected, Snapshot: snap()},
		{Key: "github/acme/2of2", State: partCollected, Snapshot: snap()},
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `github.repository "github.com/acme/api" appears in more than one snapshot`)

	_, err = mergeParts([]part{{Key: "github/acme/1of2", State: partPending}})
	assert.ErrorContains(t, err, "part github/acme/1of2 is pending")
}

// Two shards that read the same account attribute differently cannot
// both be believed: what one could not read stays unknown.
func TestAccountMergeFailsClosed(t *testing.T) {
	a := evidence.Resource{Type: aws.TypeAccount, ID: "x", Attributes: map[string]any{"account_id": "1", "password_policy": map[string]any{"min": 14}},
		Unknown: map[string]string{}}
	b := evidence.Resource{Type: aws.TypeAccount, ID: "x", Attributes: map[string]any{"account_id": "1", "regions": map[string]any{"eu-west-1": map[string]any{"guardduty": true}}},
		Unknown: map[string]string{"password_policy": "iam:GetAccountPasswordPolicy failed"}}
	merged, err := mergeParts([]part{
		{Key: "1", State: partCollected, Snapshot: &evidence.Snapshot{Resources: []evidence.Resource{a}}},
		{Key: "2", State: partCollected, Snapshot: &evidence.Snapshot{Resources: []evidence.Resource{b}}},
	})
	require.NoError(t, err)
	require.Len(t, merged.Resources, 1)
	got := merged.Resources[0]
	assert.NotContains(t, got.Attributes, "password_policy")
	assert.Equal(t, "iam:GetAccountPasswordPolicy failed", got.Unknown["password_policy"])
	assert.Equal(t, map[string]any{"eu-west-1": map[string]any{"guardduty": true}}, got.Attributes["regions"])
}
