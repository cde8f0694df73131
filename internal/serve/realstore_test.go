package serve

import (
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/pipeline"
	"github.com/rampart-audit/rampart/internal/runner"
	"github.com/rampart-audit/rampart/internal/store"
	"github.com/rampart-audit/rampart/internal/store/pgtest"
)

var (
	inputsOnce sync.Once
	inputs     *pipeline.Inputs
	inputsErr  error
)

// TestServerOverRealStores serves two runs of the example recorded by
// runner.Audit in SQLite and in PostgreSQL: the same answers, valid
// against openapi.json, from both.
func TestServerOverRealStores(t *testing.T) {
	t.Parallel()
	inputsOnce.Do(func() { inputs, inputsErr = pipeline.Load(context.Background(), nil, "", "../../examples/acme") })
	require.NoError(t, inputsErr)
	compiler := openAPICompiler(t)
	for _, backend := range []struct {
		name string
		dsn  func(t *testing.T) string
	}{
		{"sqlite", func(t *testing.T) string { return "file:" + filepath.Join(t.TempDir(), "runs.db") }},
		{"postgres", func(t *testing.T) string { return pgtest.Start(t) }},
	} {
		t.Run(backend.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			st, err := store.Open(ctx, backend.dsn(t))
			require.NoError(t, err)
			t.Cleanup(func() { st.Close() })
			for day := range 2 {
				now := time.Date(2026, 11, 29+day, 2, 0, 0, 0, time.UTC)
				cfg := pipeline.Config{Inputs: inputs, Workspace: "../../examples/acme", WorkspaceEvidence: true, Now: func() time.Time { return now }}
				_, _, err := runner.Audit(ctx, st, cfg, store.Start{Trigger: "schedule:nightly", Workspace: "examples/acme"})
				require.NoError(t, err)
			}
			ts := newTestServer(t, nil, func(o *Options) { o.Store = st })

			get := func(pattern, path string) map[string]any {
				t.Helper()
				w := ts.get(t, path)
				require.Equal(t, http.StatusOK, w.Code, "%s: %s", path, w.Body.String())
				if pattern != "" {
					validateAnswer(t, compiler, pattern, http.MethodGet, http.StatusOK, w.Body.Bytes())
				}
				var v map[string]any
				if pattern != "" {
					require.NoError(t, json.Unmarshal(w.Body.Bytes(), &v))
				}
				return v
			}
			runs := get("/api/v1/runs", "/api/v1/runs")["runs"].([]any)
			require.Len(t, runs, 2)
			assert.Equal(t, "complete", runs[0].(map[string]any)["state"])

			d := get("/api/v1/diff", "/api/v1/diff")
			assert.Empty(t, d["new_failures"], "the same evidence twice")
			assert.Empty(t, d["resolved"])
			assert.NotEmpty(t, d["still_failing"])
			assert.Equal(t, false, d["catalog_changed"])

			tr := get("/api/v1/trends", "/api/v1/trends")
			assert.Len(t, tr["runs"], 2)
			fs := get("/api/v1/runs/{id}/findings", "/api/v1/runs/2/findings?status=fail")["findings"].([]any)
			require.NotEmpty(t, fs)
			fp := fs[0].(map[string]any)["fingerprint"].(string)
			h := get("/api/v1/findings/{fingerprint}/history", "/api/v1/findings/"+fp+"/history")["history"].([]any)
			assert.Len(t, h, 2)
			get("/api/v1/systems", "/api/v1/systems")
			get("/api/v1/runs/{id}", "/api/v1/runs/1")
			get("", "/readyz")
			body := ts.get(t, "/").Body.String()
			assert.Contains(t, body, "Run 2")
			assert.Contains(t, body, `id="coverage"`, "the example's missing permission is on the page")
		})
	}
}
