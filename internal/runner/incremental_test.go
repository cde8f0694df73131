package runner

import (
	"context"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/controls"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/pipeline"
	"github.com/rampart-audit/rampart/internal/store"
	"github.com/rampart-audit/rampart/internal/store/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// changedControls is the embedded control set written to a folder with
// one control's failure message reworded: another judge.
func changedControls(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	reworded := false
	require.NoError(t, fs.WalkDir(controls.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(controls.FS, p)
		if err != nil {
			return err
		}
		if p == "github/repo/dependabot.rego" || (!reworded && strings.HasPrefix(p, "github/repo/") && !strings.HasSuffix(p, "_test.rego") && strings.Contains(string(body), "deny contains")) {
			if i := strings.Index(string(body), `"msg": "`); i >= 0 {
				body = []byte(string(body[:i+8]) + "reworded: " + string(body[i+8:]))
				reworded = true
			}
		}
		target := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, body, 0o644)
	}))
	require.True(t, reworded, "no control message to reword")
	return dir
}

// TestIncrementalRunsEqualFullRuns is the property over the store, on
// SQLite and PostgreSQL: a sequence of runs, each after a random change —
// a resource, a related resource (a trail the account controls join),
// a setting, the control source, the clock, nothing — recorded
// incrementally, has the findings and summary of a full evaluation of
// the same inputs; the run records its reuse, and a changed control set
// reuses nothing.
func TestIncrementalRunsEqualFullRuns(t *testing.T) {
	base := acmeConfig(t)
	base.WorkspaceEvidence = false
	example, err := evidence.Load(filepath.Join(acme, "evidence"))
	require.NoError(t, err)
	otherJudge, err := pipeline.Load(context.Background(), []string{changedControls(t)}, "", acme)
	require.NoError(t, err)
	require.NotEqual(t, inputs.Engine.CacheDigest(), otherJudge.Engine.CacheDigest())

	for _, b := range []struct {
		name string
		dsn  func(t *testing.T) string
	}{
		{"sqlite", func(t *testing.T) string { return "file:" + filepath.Join(t.TempDir(), "runs.db") }},
		{"postgres", func(t *testing.T) string { return pgtest.Start(t) }},
	} {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			st, err := store.Open(ctx, b.dsn(t))
			require.NoError(t, err)
			t.Cleanup(func() { st.Close() })
			rng := rand.New(rand.NewPCG(13, 1))
			snap := cloneSnap(example)
			in := inputs
			now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
			steps := []string{"none", "resource", "related", "setting", "controls", "clock", "resource", "related", "none"}
			for i, step := range steps {
				lastJudge := in
				switch step {
				case "resource":
					snap = cloneSnap(snap)
					r := &snap.Resources[rng.IntN(len(snap.Resources))]
					for k, v := range r.Attributes {
						if bv, ok := v.(bool); ok {
							r.Attributes[k] = !bv
							break
						}
					}
				case "related":
					snap = cloneSnap(snap)
					n := 0
					for j := range snap.Resources {
						if snap.Resources[j].Type == "aws.cloudtrail.trail" {
							snap.Resources[j].Attributes["is_multi_region_trail"] = n%2 == 1
							n++
						}
					}
					require.Positive(t, n, "the example has trails")
				case "setting":
					ws := *in.Workspace
					ws.Settings.InactiveRepositoryDays = 7
					ws.Settings.RequiredApprovingReviews = 3
					in = &pipeline.Inputs{Engine: in.Engine, Workspace: &ws, Diagnostics: in.Diagnostics}
				case "controls":
					in = &pipeline.Inputs{Engine: otherJudge.Engine, Workspace: in.Workspace, Diagnostics: in.Diagnostics}
				case "clock":
					now = now.AddDate(0, 7, 3)
				}
				at := now
				cfg := base
				cfg.Inputs, cfg.Evidence, cfg.Now = in, []*evidence.Snapshot{cloneSnap(snap)}, func() time.Time { return at }

				var inc *Incremental
				got, id, err := Audit(ctx, st, cfg, store.Start{Trigger: "test", StartedAt: at.Add(time.Duration(i) * time.Second)}, Tell(&inc))
				require.NoError(t, err, step)
				fullCfg := cfg
				fullCfg.Evidence = []*evidence.Snapshot{cloneSnap(snap)}
				want, err := pipeline.Run(ctx, fullCfg)
				require.NoError(t, err)
				require.Equal(t, want.Findings, got.Findings, "step %d (%s)", i, step)
				require.Equal(t, want.Summary, got.Summary)
				require.Equal(t, want.Warnings, got.Warnings)

				rec, err := st.Get(ctx, id)
				require.NoError(t, err)
				assert.True(t, rec.Incremental)
				assert.Equal(t, inc.Reused(), rec.Reused)
				switch {
				case i == 0:
					assert.Zero(t, rec.Reused, "nothing to reuse in the first run")
				case step == "controls" || (lastJudge.Engine != in.Engine):
					assert.Zero(t, rec.Reused, "another control set reuses nothing")
				case step == "setting":
					// input.settings is part of every control's input document.
					assert.Zero(t, rec.Reused, "a changed setting reuses nothing")
				default:
					assert.Positive(t, rec.Reused, "step %d (%s) reuses the unchanged results", i, step)
					assert.Less(t, rec.Reused, len(got.Findings), "some results are always evaluated (clock, gaps, manual)")
				}
			}
		})
	}
}

// TestFullEvaluationReusesNothing: --no-incremental neither reads nor
// keeps results.
func TestFullEvaluationReusesNothing(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	cfg := acmeConfig(t)
	_, _, err := Audit(ctx, st, cfg, store.Start{Trigger: "test"})
	require.NoError(t, err)
	_, id, err := Audit(ctx, st, cfg, store.Start{Trigger: "test"}, FullEvaluation())
	require.NoError(t, err)
	rec, err := st.Get(ctx, id)
	require.NoError(t, err)
	assert.False(t, rec.Incremental)
	assert.Zero(t, rec.Reused)
	_, from, err := st.PreviousResults(ctx, inputs.Engine.CacheDigest())
	require.NoError(t, err)
	assert.Equal(t, store.RunID(1), from, "the full run kept no set: the first run's is still the newest")

	// The gate's configuration (a pull request) never reads or keeps one.
	cfg.PullRequest = true
	_, id, err = Audit(ctx, st, cfg, store.Start{Trigger: "test"})
	require.NoError(t, err)
	rec, err = st.Get(ctx, id)
	require.NoError(t, err)
	assert.False(t, rec.Incremental)
}

func cloneSnap(s *evidence.Snapshot) *evidence.Snapshot {
	out := *s
	out.Resources = make([]evidence.Resource, len(s.Resources))
	for i, r := range s.Resources {
		attrs := make(map[string]any, len(r.Attributes))
		for k, v := range r.Attributes {
			attrs[k] = v
		}
		r.Attributes = attrs
		out.Resources[i] = r
	}
	out.NotCollected = slices.Clone(s.NotCollected)
	return &out
}
