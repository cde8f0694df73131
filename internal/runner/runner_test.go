package runner

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/model"
	"github.com/rampart-audit/rampart/internal/pipeline"
	"github.com/rampart-audit/rampart/internal/report"
	"github.com/rampart-audit/rampart/internal/store"
)

const acme = "../../examples/acme"

var (
	loadOnce sync.Once
	inputs   *pipeline.Inputs
	loadErr  error
)

// acmeConfig audits the example workspace with its recorded evidence; the
// controls are compiled once for every test.
func acmeConfig(t *testing.T) pipeline.Config {
	t.Helper()
	loadOnce.Do(func() { inputs, loadErr = pipeline.Load(context.Background(), nil, "", acme) })
	require.NoError(t, loadErr)
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	return pipeline.Config{Inputs: inputs, Workspace: acme, WorkspaceEvidence: true, Now: func() time.Time { return now }}
}

func openStore(t *testing.T) store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), "file:"+filepath.Join(t.TempDir(), "runs.db"))
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	return st
}

func TestAuditRecordsTheRun(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	told := 0
	cfg := acmeConfig(t)
	cfg.OnEvidence = func(*evidence.Snapshot, *pipeline.Inputs) { told++ }
	r, id, err := Audit(ctx, st, cfg, store.Start{Trigger: "audit", Workspace: acme})
	require.NoError(t, err)
	require.NotNil(t, r)
	assert.Equal(t, 1, told, "the caller's own OnEvidence is still told")
	got, err := st.Get(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, store.Complete, got.State)
	assert.Equal(t, store.CatalogVersion(inputs.Engine), got.CatalogVersion)
	assert.Equal(t, r.Summary, got.Summary)
	assert.Len(t, got.Report.Findings, len(r.Findings))
	assert.Len(t, got.ContentHash, r.Evidence.Resources)
	assert.NotEmpty(t, got.Report.Risks)
	assert.True(t, got.StartedAt.Equal(cfg.Now()), "the run starts at the run's clock")
}

func TestAuditRecordsFailuresAsIncomplete(t *testing.T) {
	tests := []struct {
		name       string
		configure  func(cfg *pipeline.Config, cancel context.CancelFunc)
		wantErr    string
		wantReport bool
		wantReason string
	}{
		{"a stage fails", func(cfg *pipeline.Config, _ context.CancelFunc) {
			cfg.WorkspaceEvidence, cfg.EvidenceFiles = false, []string{"no-such-snapshot.json"}
		}, "no-such-snapshot.json", false, "no-such-snapshot.json"},
		{"a collector fails", func(cfg *pipeline.Config, _ context.CancelFunc) {
			cfg.Collect = func(context.Context, *model.Workspace) ([]*evidence.Snapshot, error) {
				return nil, errors.New("github: 401 bad credentials")
			}
		}, "github: 401 bad credentials", false, "github: 401 bad credentials"},
		{"interrupted while collecting", func(cfg *pipeline.Config, cancel context.CancelFunc) {
			cfg.Collect = func(ctx context.Context, _ *model.Workspace) ([]*evidence.Snapshot, error) {
				cancel()
				return nil, ctx.Err()
			}
		}, "context canceled", false, InterruptedReason},
		{"interrupted while evaluating", func(cfg *pipeline.Config, cancel context.CancelFunc) {
			cfg.Collect = func(context.Context, *model.Workspace) ([]*evidence.Snapshot, error) {
				cancel() // the evidence is in; the signal arrives as evaluation starts
				return nil, nil
			}
		}, "", true, InterruptedReason},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := openStore(t)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			cfg := acmeConfig(t)
			tt.configure(&cfg, cancel)
			r, id, err := Audit(ctx, st, cfg, store.Start{Trigger: "audit"})
			if tt.wantErr == "" {
				require.NoError(t, err)
			} else {
				require.ErrorContains(t, err, tt.wantErr)
			}
			assert.Equal(t, tt.wantReport, r != nil)
			if r != nil {
				assert.True(t, r.Evidence.Incomplete)
			}
			got, gerr := st.Get(context.Background(), id)
			require.NoError(t, gerr)
			assert.Equal(t, store.Incomplete, got.State)
			assert.Contains(t, got.Reason, tt.wantReason)
			assert.Nil(t, got.Report)
		})
	}
}

// failingFinish is a store whose Finish (and FinishIncremental, what
// Audit calls) fails, as a full disk would.
type failingFinish struct{ store.Store }

func (failingFinish) Finish(context.Context, store.RunID, *report.Report, *evidence.Snapshot, string) error {
	return errors.New("disk full")
}

func (failingFinish) FinishIncremental(context.Context, store.RunID, *report.Report, *evidence.Snapshot, string, *store.Results) error {
	return errors.New("disk full")
}

func TestAuditWhenRecordingFails(t *testing.T) {
	st := openStore(t)
	r, id, err := Audit(context.Background(), failingFinish{st}, acmeConfig(t), store.Start{Trigger: "audit"})
	require.ErrorContains(t, err, "disk full")
	require.NotNil(t, r, "the report is still the caller's to write")
	got, gerr := st.Get(context.Background(), id)
	require.NoError(t, gerr)
	assert.Equal(t, store.Incomplete, got.State)
	assert.Equal(t, "its report could not be recorded: disk full", got.Reason)
}
