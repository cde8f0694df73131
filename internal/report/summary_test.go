package report

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/golden"
	"github.com/rampart-audit/rampart/internal/governance"
	"github.com/rampart-audit/rampart/internal/link"
	"github.com/rampart-audit/rampart/internal/model"
)

// compareGolden compares with testdata/NAME; `go test ./internal/report/
// -update` rewrites the files (internal/golden, the one switch).
func compareGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if golden.Update() {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "golden file missing: run go test ./internal/report/ -update")
	require.Equal(t, string(want), string(got), "output differs from %s (go test ./internal/report/ -update rewrites it)", path)
}

func fixtureFinding(control string, sev finding.Severity, status finding.Status, typ, id, system, msg string) finding.Finding {
	return finding.Finding{
		ControlID: control, Title: control + " title", Severity: sev, Status: status, Message: msg,
		Resource:    &finding.ResourceRef{Type: typ, ID: id, System: system, Source: evidence.Source{Kind: "live", Collector: "github"}},
		Links:       &finding.Links{},
		Frameworks:  map[string][]string{"iso27001-2022": {"A.8.32"}, "soc2": {"CC8.1"}},
		Fingerprint: finding.Fingerprint(control, typ, id),
	}
}

// governanceFixture is a small audit run through the real link and
// governance stages with a fixed clock, so every report section has content.
func governanceFixture(t *testing.T) *Report {
	t.Helper()
	now := time.Date(2026, 7, 1, 9, 30, 0, 0, time.UTC)
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	ws := &model.Workspace{
		Settings: model.Settings{RiskAppetite: 8, WaiverMaxDays: 365},
		Systems:  []*model.System{{ID: "payments", Owner: "bob"}},
		People: []*model.Person{
			{ID: "alice", Name: "Alice", Roles: []string{"developer"}, GitHub: "alice-gh", CompletedOn: map[string]time.Time{"code-review": day("2026-01-10")}},
			{ID: "bob", Name: "Bob | Ops", Roles: []string{"developer"}, GitHub: "bobo", CompletedOn: map[string]time.Time{"code-review": day("2025-06-01")}},
			{ID: "carol", Roles: []string{"iso"}, GitHub: "carol"},
		},
		Risks: []*model.Risk{
			{ID: "unreviewed-change", Title: "Unreviewed change", Likelihood: 4, Impact: 4, Owner: "carol", Mitigations: []string{"code-review"}},
			{ID: "vulnerable-dependencies", Title: "Vulnerable dependencies", Likelihood: 3, Impact: 3, Mitigations: []string{"patching"}, Alerts: []string{model.AlertDependabot}},
			{ID: "insider", Title: "Insider misuse", Likelihood: 2, Impact: 5},
		},
		Mitigations: []*model.Mitigation{{ID: "code-review", Controls: []string{"GH-REPO-001", "GH-REPO-002"}}, {ID: "patching"}},
		Trainings:   []*model.Training{{ID: "code-review", Title: "Secure code review", RequiredFor: []string{"developer"}, Validity: 365 * 24 * time.Hour, Controls: []string{"GH-REPO-001"}}},
		Policies: []*model.Policy{{ID: "change", Title: "Change Management", Approved: "2025-06-01", ApprovedOn: day("2025-06-01"), ReviewEvery: "365d", ReviewInterval: 365 * 24 * time.Hour,
			Statements: []model.Statement{{ID: "review", Text: "Changes are reviewed.", Controls: []string{"GH-REPO-001", "GH-REPO-002"}}, {ID: "cab", Text: "A board approves releases."}}}},
		Waivers: []*model.Waiver{
			{ID: "docs", Control: "GH-REPO-002", Resources: []string{"github.com/acme/docs"}, Reason: "docs only", ApprovedBy: "carol", Expires: "2026-07-20", ExpiresOn: day("2026-07-20"), Risk: "unreviewed-change"},
			{ID: "old", Control: "GH-REPO-001", Resources: []string{"github.com/acme/gone"}, Reason: "gone", ApprovedBy: "carol", Expires: "2026-05-01", ExpiresOn: day("2026-05-01")},
		},
	}
	raw := []finding.Finding{
		fixtureFinding("GH-REPO-001", finding.High, finding.Fail, "github.repository", "github.com/acme/api", "payments", `default branch "main" is not protected | see =HYPERLINK("x")`),
		fixtureFinding("GH-REPO-001", finding.High, finding.Pass, "github.repository", "github.com/acme/docs", "", "passed"),
		fixtureFinding("GH-REPO-002", finding.Medium, finding.Fail, "github.repository", "github.com/acme/docs", "", "1 review required,\nneeds 2"),
		fixtureFinding("GH-REPO-002", finding.Medium, finding.NotEvaluated, "github.repository", "github.com/acme/api", "payments", "default_branch_protection not collected: 403"),
		fixtureFinding("GH-REPO-002", finding.Medium, finding.Error, "github.repository", "github.com/acme/web", "", "evaluation exceeded the time limit of 5s"),
	}
	resources := []evidence.Resource{
		{Type: "github.repository", ID: "github.com/acme/api", System: "payments", Source: evidence.Source{Kind: "live"}, Attributes: map[string]any{
			"admins":                 []any{"carol"},
			"dependabot_alerts":      []any{map[string]any{"number": 7.0, "severity": "high", "state": "open", "created_at": "2026-05-01T00:00:00Z", "url": "https://github.com/acme/api/security/dependabot/7"}},
			"code_scanning_alerts":   []any{},
			"secret_scanning_alerts": []any{},
		}},
	}
	linked, waivers := link.Apply(raw, ws, now)
	controls := []governance.Control{
		{ID: "GH-REPO-001", Title: "Default branch protected", Severity: finding.High, Frameworks: map[string][]string{"iso27001-2022": {"A.8.32"}}},
		{ID: "GH-REPO-002", Title: "Reviews required", Severity: finding.Medium, Frameworks: map[string][]string{"iso27001-2022": {"A.8.32", "A.8.4"}}},
		{ID: "GH-REPO-009", Title: "Signed commits", Severity: finding.Low, Frameworks: map[string][]string{"iso27001-2022": {"A.8.4"}}},
	}
	gov, err := governance.Evaluate(governance.Input{Findings: linked, Waivers: waivers, Resources: resources, Workspace: ws, Controls: controls,
		Options: governance.Options{Frameworks: []string{"iso27001-2022"}}, Now: now})
	require.NoError(t, err)
	return &Report{
		Schema: SchemaV1, GeneratedAt: now, Workspace: "examples/acme",
		Summary:  finding.Summarize(linked),
		Evidence: EvidenceInfo{Collectors: []string{"github"}, CollectedAt: now.Add(-time.Hour), Resources: 3, NotCollected: []evidence.NotCollected{}},
		Findings: linked, Waivers: waivers, Warnings: gov.Warnings,
		RiskAppetite: ws.Settings.RiskAppetite, Risks: gov.Risks, TrainingGaps: gov.TrainingGaps, Policies: gov.Policies,
		Threats: &gov.Threats, Frameworks: gov.Frameworks,
	}
}

func TestWriteSummaryGolden(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	require.NoError(t, WriteSummary(&buf, governanceFixture(t)))
	compareGolden(t, "summary.golden.md", buf.Bytes())
}

func TestWriteSummaryEmptyReport(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	r := &Report{Schema: SchemaV1, GeneratedAt: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), Evidence: EvidenceInfo{Incomplete: true, IncompleteReason: "rate limit exhausted"}}
	require.NoError(t, WriteSummary(&buf, r))
	compareGolden(t, "summary-empty.golden.md", buf.Bytes())
}

// failingWriter fails after n bytes, like a full disk.
type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		return 0, os.ErrClosed
	}
	w.n -= len(p)
	return len(p), nil
}

func TestWritersReportWriteErrors(t *testing.T) {
	t.Parallel()
	r := governanceFixture(t)
	for name, write := range map[string]Writer{"summary": WriteSummary, "csv": WriteCSV, "html": WriteHTML} {
		err := write(&failingWriter{n: 100}, r)
		require.ErrorIs(t, err, os.ErrClosed, name)
	}
}
