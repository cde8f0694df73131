package serve

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/link"
	"github.com/rampart-audit/rampart/internal/pipeline"
	"github.com/rampart-audit/rampart/internal/report"
	"github.com/rampart-audit/rampart/internal/store"
)

// memStore is a hand-written store.Store for the handler tests: the
// server's behaviour is tested against the contract, the SQL stores
// against their own tests (internal/store).
type memStore struct {
	mu   sync.Mutex
	runs []*store.Recorded
	// broken makes every read fail, for /readyz and error pages.
	broken error
	// prunes are the retention rules Prune was called with.
	prunes []store.Retention
}

func (m *memStore) Begin(_ context.Context, s store.Start) (store.RunID, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	id := store.RunID(len(m.runs) + 1)
	m.runs = append(m.runs, &store.Recorded{Run: store.Run{ID: id, State: store.Running, Trigger: s.Trigger,
		Workspace: s.Workspace, Collectors: s.Collectors, StartedAt: s.StartedAt}})
	return id, nil
}

func (m *memStore) Finish(_ context.Context, id store.RunID, r *report.Report, _ *evidence.Snapshot, catalog string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	rec := m.runs[id-1]
	if rec.State != store.Running {
		return fmt.Errorf("run %d is %s", id, rec.State)
	}
	rec.State, rec.Report, rec.CatalogVersion = store.Complete, r, catalog
	rec.Summary, rec.EvidenceIncomplete, rec.Resources = r.Summary, r.Evidence.Incomplete, r.Evidence.Resources
	rec.FinishedAt = rec.StartedAt.Add(time.Minute)
	return nil
}

// FinishIncremental is Finish recording the reuse; the sets themselves
// are the SQL stores' (internal/store tests them).
func (m *memStore) FinishIncremental(ctx context.Context, id store.RunID, r *report.Report, snap *evidence.Snapshot, catalog string, res *store.Results) error {
	if err := m.Finish(ctx, id, r, snap, catalog); err != nil {
		return err
	}
	if res != nil {
		m.mu.Lock()
		m.runs[id-1].Incremental, m.runs[id-1].Reused = true, res.Reused
		m.mu.Unlock()
	}
	return nil
}

// PreviousResults offers no results: every handler test's run is evaluated in full.
func (m *memStore) PreviousResults(context.Context, string) (map[engine.CacheKey]engine.CachedResult, store.RunID, error) {
	return nil, 0, nil
}

func (m *memStore) Abort(_ context.Context, id store.RunID, reason string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	rec := m.runs[id-1]
	rec.State, rec.Reason, rec.FinishedAt = store.Incomplete, reason, rec.StartedAt.Add(time.Minute)
	return nil
}

func (m *memStore) Recover(context.Context) ([]store.Run, error) { return nil, nil }

func (m *memStore) Runs(_ context.Context, limit int) ([]store.Run, error) {
	return m.list(limit, func(*store.Recorded) bool { return true })
}

func (m *memStore) Latest(_ context.Context, n int) ([]store.Run, error) {
	return m.list(n, func(r *store.Recorded) bool { return r.State == store.Complete })
}

func (m *memStore) list(limit int, keep func(*store.Recorded) bool) ([]store.Run, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.broken != nil {
		return nil, m.broken
	}
	var out []store.Run
	for i := len(m.runs) - 1; i >= 0; i-- {
		if keep(m.runs[i]) && (limit == 0 || len(out) < limit) {
			out = append(out, m.runs[i].Run)
		}
	}
	return out, nil
}

func (m *memStore) Get(_ context.Context, id store.RunID) (*store.Recorded, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.broken != nil {
		return nil, m.broken
	}
	if id < 1 || int(id) > len(m.runs) {
		return nil, fmt.Errorf("run %d: %w", id, store.ErrNotFound)
	}
	cp := *m.runs[id-1]
	return &cp, nil
}

func (m *memStore) History(_ context.Context, fp string) ([]store.FindingAt, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []store.FindingAt
	for _, r := range m.runs {
		if r.State != store.Complete {
			continue
		}
		for _, f := range r.Report.Findings {
			if f.Fingerprint == fp {
				out = append(out, store.FindingAt{Run: r.ID, StartedAt: r.StartedAt, Status: f.Status, Severity: f.Severity, Message: f.Message})
			}
		}
	}
	return out, nil
}

func (m *memStore) Resource(context.Context, string) (*evidence.Resource, error) {
	return nil, store.ErrNotFound
}

func (m *memStore) Close() error { return nil }

func (m *memStore) Prune(_ context.Context, keep store.Retention) (store.Pruned, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.prunes = append(m.prunes, keep)
	return store.Pruned{}, nil
}

func (m *memStore) Trends(ctx context.Context, n int) (*store.TrendData, error) {
	runs, err := m.Latest(ctx, n)
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	out := &store.TrendData{}
	for i := len(runs) - 1; i >= 0; i-- {
		out.Runs = append(out.Runs, store.TrendRunOf(m.runs[runs[i].ID-1]))
	}
	return out, nil
}

func (m *memStore) EvidenceMap(_ context.Context, id store.RunID) (map[string]string, map[string]evidence.Scope, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if int(id) > len(m.runs) {
		return nil, nil, store.ErrNotFound
	}
	return m.runs[id-1].ContentHash, m.runs[id-1].Scopes, nil
}

// record adds a complete run of r begun at t.
func (m *memStore) record(t *testing.T, trigger string, at time.Time, r *report.Report) store.RunID {
	t.Helper()
	id, err := m.Begin(context.Background(), store.Start{Trigger: trigger, Workspace: "examples/acme", StartedAt: at})
	require.NoError(t, err)
	require.NoError(t, m.Finish(context.Background(), id, r, nil, "catalog-1"))
	return id
}

var (
	acmeOnce   sync.Once
	acmeReport *report.Report
	acmeErr    error
)

// acme is the audit of the example workspace's recorded evidence: the
// real pipeline's report, run once per test binary.
func acme(t *testing.T) *report.Report {
	t.Helper()
	acmeOnce.Do(func() {
		acmeReport, acmeErr = pipeline.Run(context.Background(), pipeline.Config{
			Controls: []string{"../../controls"}, Policies: "../../policies", Workspace: "../../examples/acme", WorkspaceEvidence: true,
			Now: func() time.Time { return time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC) },
		})
	})
	require.NoError(t, acmeErr)
	return acmeReport
}

// The fixture's second run changes the first in the ways the dashboard
// and the notifications must tell apart.
const (
	secretInMessage = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"
	scriptInMessage = `<script>alert("x")</script>`
)

// nightRuns are two runs of the example a day apart: the second has a new
// critical failure (a pass that now fails, its message quoting a token and
// markup), a failure that now passes, a failure that is gone (not
// resolved), an expired waiver and a scope no longer collected.
func nightRuns(t *testing.T) (*memStore, *report.Report, *report.Report) {
	t.Helper()
	first := acme(t)
	second := clone(first)
	var newFail, resolved, gone string
	for i := range second.Findings {
		f := &second.Findings[i]
		switch {
		case newFail == "" && f.Status == finding.Pass:
			f.Status, f.Severity, newFail = finding.Fail, finding.Critical, f.Fingerprint
			f.Message = "token " + secretInMessage + " in " + scriptInMessage
		case resolved == "" && f.Status == finding.Fail:
			f.Status, resolved = finding.Pass, f.Fingerprint
		}
	}
	kept := second.Findings[:0]
	for _, f := range second.Findings {
		if gone == "" && f.Status == finding.Fail && f.Fingerprint != newFail {
			gone = f.Fingerprint
			continue
		}
		kept = append(kept, f)
	}
	second.Findings = kept
	second.Summary = finding.Summarize(second.Findings)
	expired := ""
	for i := range second.Waivers {
		if w := &second.Waivers[i]; expired == "" && (w.State == link.WaiverActive || w.State == link.WaiverExpiring) {
			w.State, expired = link.WaiverExpired, w.ID
		}
	}
	require.NotEmpty(t, expired, "the example has a waiver in force")
	second.Evidence.NotCollected = append(second.Evidence.NotCollected, evidence.NotCollected{ResourceType: "github.repository",
		Scope: evidence.Scope{Platform: "github", Org: "acme-corp"}, ScopeID: "github.com/acme-corp", Reason: "token lacks read:org", System: "shop"})
	require.NotEmpty(t, newFail)
	require.NotEmpty(t, resolved)
	require.NotEmpty(t, gone)

	st := &memStore{}
	st.record(t, "schedule:nightly", time.Date(2026, 11, 29, 2, 0, 0, 0, time.UTC), first)
	st.record(t, "schedule:nightly", time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC), second)
	return st, first, second
}

// clone deep-copies what nightRuns changes.
func clone(r *report.Report) *report.Report {
	cp := *r
	cp.Findings = slices.Clone(r.Findings)
	cp.Waivers = slices.Clone(r.Waivers)
	cp.Evidence.NotCollected = slices.Clone(r.Evidence.NotCollected)
	return &cp
}

func storeStart(trigger string) store.Start {
	return store.Start{Trigger: trigger, Workspace: "examples/acme", StartedAt: time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC)}
}
