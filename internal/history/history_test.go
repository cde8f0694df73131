package history

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/golden"
	"github.com/rampart-audit/rampart/internal/governance"
	"github.com/rampart-audit/rampart/internal/link"
	"github.com/rampart-audit/rampart/internal/report"
	"github.com/rampart-audit/rampart/internal/store"
)

var t0 = time.Date(2026, 11, 2, 2, 0, 0, 0, time.UTC)

// res is one result of a run: a control on a repository of an organisation.
type res struct {
	control, org, repo string
	status             finding.Status
	severity           finding.Severity
}

// runOf builds a Complete run. Every repository named is in the evidence;
// gaps are organisations the run could not collect.
func runOf(id store.RunID, at time.Time, results []res, extraRepos []string, gaps ...string) *store.Recorded {
	r := &store.Recorded{Run: store.Run{ID: id, State: store.Complete, StartedAt: at, CatalogVersion: "sha256:a"},
		Report:      &report.Report{Findings: []finding.Finding{}, Evidence: report.EvidenceInfo{NotCollected: []evidence.NotCollected{}}},
		ContentHash: map[string]string{}, Scopes: map[string]evidence.Scope{}}
	addRepo := func(org, repo string) {
		key := store.ResourceKey("github.repository", org+"/"+repo)
		r.ContentHash[key] = "h-" + org + repo
		r.Scopes[key] = evidence.Scope{Platform: "github", Org: org, Repo: repo}
	}
	for _, x := range results {
		sev := x.severity
		if sev == "" {
			sev = finding.High
		}
		id := x.org + "/" + x.repo
		f := finding.Finding{ControlID: x.control, Severity: sev, Status: x.status, Message: string(x.status) + " " + id,
			Resource:    &finding.ResourceRef{Type: "github.repository", ID: id, System: "platform"},
			Fingerprint: finding.Fingerprint(x.control, "github.repository", id)}
		if x.status == finding.Waived {
			f.Waiver = "W-1"
		}
		r.Report.Findings = append(r.Report.Findings, f)
		if x.status != finding.NotEvaluated || x.repo != "" {
			addRepo(x.org, x.repo)
		}
	}
	for _, repo := range extraRepos {
		addRepo("acme", repo)
	}
	for _, org := range gaps {
		r.Report.Evidence.NotCollected = append(r.Report.Evidence.NotCollected, evidence.NotCollected{ResourceType: "github.repository",
			Scope: evidence.Scope{Platform: "github", Org: org}, ScopeID: "github.com/" + org, Reason: "403: the token cannot see " + org})
	}
	return r
}

const ctl = "GH-REPO-001"

func fromRun() *store.Recorded {
	r := runOf(1, t0, []res{
		{ctl, "acme", "web", finding.Fail, finding.Critical},
		{ctl, "acme", "api", finding.Pass, ""},
		{ctl, "acme", "old", finding.Fail, ""},  // deleted before run 2
		{ctl, "beta", "lib", finding.Fail, ""},  // its organisation is not collected in run 2
		{ctl, "acme", "ops", finding.Fail, ""},  // not_evaluated in run 2
		{ctl, "acme", "docs", finding.Fail, ""}, // waived in run 2
		{ctl, "acme", "cfg", finding.Pass, ""},  // fails in run 2
		{ctl, "acme", "blind", finding.NotEvaluated, ""},
		{ctl, "acme", "keep", finding.Fail, finding.Low},
		{"GH-REPO-002", "acme", "api", finding.Fail, ""}, // the control is gone in run 2
	}, nil)
	r.Report.Waivers = []link.WaiverStatus{{ID: "W-OLD", Control: ctl, State: link.WaiverActive, Expires: "2026-11-01"}}
	r.Report.Risks = []governance.Risk{{ID: "R-1", Title: "Code leak", Residual: 6, AppetiteStatus: governance.AppetiteWithin},
		{ID: "R-2", Title: "Takeover", Residual: 9, AppetiteStatus: governance.AppetiteOver}}
	r.Report.RiskAppetite = 8
	return r
}

func toRun() *store.Recorded {
	r := runOf(2, t0.Add(24*time.Hour), []res{
		{ctl, "acme", "web", finding.Pass, finding.Critical},
		{ctl, "acme", "api", finding.Pass, ""},
		{ctl, "acme", "ops", finding.NotEvaluated, ""},
		{ctl, "acme", "docs", finding.Waived, ""},
		{ctl, "acme", "cfg", finding.Fail, ""},
		{ctl, "acme", "blind", finding.Fail, ""},
		{ctl, "acme", "keep", finding.Fail, finding.Low},
		{ctl, "acme", "new", finding.Fail, finding.Critical},
	}, nil, "beta")
	r.CatalogVersion = "sha256:b"
	r.Report.Waivers = []link.WaiverStatus{{ID: "W-OLD", Control: ctl, State: link.WaiverExpired, Expires: "2026-11-01"},
		{ID: "W-1", Control: ctl, State: link.WaiverActive, Expires: "2026-12-31"}}
	r.Report.Risks = []governance.Risk{{ID: "R-1", Title: "Code leak", Residual: 12, AppetiteStatus: governance.AppetiteOver},
		{ID: "R-2", Title: "Takeover", Residual: 4, AppetiteStatus: governance.AppetiteWithin}}
	r.Report.RiskAppetite = 8
	return r
}

func ids(cs []Change) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, c.ControlID+" "+c.ResourceID)
	}
	return out
}

func TestCompute(t *testing.T) {
	d := Compute(fromRun(), toRun())
	tests := []struct {
		name string
		got  []Change
		want []string
	}{
		{"new failures", d.NewFailures, []string{ctl + " acme/new"}},
		{"regressed: pass→fail and not_evaluated→fail", d.Regressed, []string{ctl + " acme/blind", ctl + " acme/cfg"}},
		{"still failing", d.StillFailing, []string{ctl + " acme/keep"}},
		{"resolved: passes now, or its resource is gone from a scope that was collected", d.Resolved, []string{ctl + " acme/web", ctl + " acme/old"}},
		{"now waived is not resolved", d.NowWaived, []string{ctl + " acme/docs"}},
		{"not checked is never resolved", d.Unverified, []string{ctl + " acme/ops", "GH-REPO-002 acme/api", ctl + " beta/lib"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.ElementsMatch(t, tt.want, ids(tt.got))
		})
	}
	notes := map[string]string{}
	for _, c := range append(append([]Change{}, d.Unverified...), d.Resolved...) {
		notes[c.ResourceID+" "+c.ControlID] = c.Note
	}
	assert.Equal(t, "not collected: 403: the token cannot see beta", notes["beta/lib "+ctl])
	assert.Equal(t, "the resource no longer exists", notes["acme/old "+ctl])
	assert.Contains(t, notes["acme/api GH-REPO-002"], "the control no longer judged it")
	assert.Equal(t, []CoverageLoss{{ResourceType: "github.repository", Scope: "github.com/beta", Reason: "not collected: 403: the token cannot see beta"}}, d.CoverageLost)
	assert.Equal(t, []string{"W-1"}, waiverIDs(d.WaiversStarted))
	assert.Equal(t, []string{"W-OLD"}, waiverIDs(d.WaiversEnded))
	require.Len(t, d.RiskCrossings, 2)
	assert.Equal(t, RiskCrossing{ID: "R-1", Title: "Code leak", FromResidual: 6, ToResidual: 12, Appetite: 8, From: governance.AppetiteWithin, To: governance.AppetiteOver}, d.RiskCrossings[0])
	assert.Equal(t, governance.AppetiteWithin, d.RiskCrossings[1].To, "crossing back under the appetite is reported too")
	assert.True(t, d.CatalogChanged)
	assert.False(t, d.Empty())
}

// A run whose evidence is incomplete cannot resolve a failure by its absence.
func TestComputeIncompleteEvidenceResolvesNothingByAbsence(t *testing.T) {
	from := runOf(1, t0, []res{{ctl, "acme", "old", finding.Fail, ""}}, []string{"web"})
	to := runOf(2, t0.Add(time.Hour), nil, []string{"web"})
	assert.Equal(t, []string{ctl + " acme/old"}, ids(Compute(from, to).Resolved), "its organisation was collected: the repository is gone")
	to.EvidenceIncomplete = true
	d := Compute(from, to)
	assert.Empty(t, d.Resolved)
	assert.Equal(t, []string{ctl + " acme/old"}, ids(d.Unverified))
	// No repository of the organisation at all: the scope was not collected.
	empty := runOf(2, t0.Add(time.Hour), nil, nil)
	d = Compute(from, empty)
	assert.Empty(t, d.Resolved)
	assert.Equal(t, []CoverageLoss{{ResourceType: "github.repository", Scope: "github:acme", Reason: "no longer collected: no resource of this type in this scope"}}, d.CoverageLost)
}

func TestComputeSameRun(t *testing.T) {
	d := Compute(fromRun(), fromRun())
	assert.True(t, d.Empty())
	assert.Len(t, d.StillFailing, 7)
}

func waiverIDs(ws []WaiverChange) []string {
	out := []string{}
	for _, w := range ws {
		out = append(out, w.ID)
	}
	return out
}

func TestTrends(t *testing.T) {
	day := 24 * time.Hour
	rate := func(pass, fail int) governance.Framework {
		return governance.Framework{Name: "iso27001-2022", References: []governance.Reference{{Ref: "A.8.3", Status: "partial",
			Controls: []governance.FrameworkControl{{ID: ctl, Results: governance.Counts{Pass: pass, Fail: fail}}}}}}
	}
	r1 := runOf(1, t0, []res{{ctl, "acme", "web", finding.Fail, ""}, {ctl, "acme", "api", finding.Fail, ""}, {ctl, "acme", "ops", finding.Fail, ""}}, nil)
	r2 := runOf(2, t0.Add(day), []res{{ctl, "acme", "web", finding.Pass, ""}, {ctl, "acme", "api", finding.NotEvaluated, ""}, {ctl, "acme", "ops", finding.Fail, ""}}, nil)
	r3 := runOf(3, t0.Add(3*day), []res{{ctl, "acme", "web", finding.Pass, ""}, {ctl, "acme", "api", finding.Pass, ""}, {ctl, "acme", "ops", finding.Fail, ""}, {ctl, "acme", "new", finding.Fail, ""}}, nil)
	for i, r := range []*store.Recorded{r1, r2, r3} {
		r.Report.Risks = []governance.Risk{{ID: "R-1", Title: "Code leak", Inherent: 20, Residual: 12 - 4*i, AppetiteStatus: governance.AppetiteOver}}
		r.Report.Frameworks = []governance.Framework{rate(i, 3-i)}
	}
	tr := ComputeTrends([]*store.Recorded{r1, r2, r3})
	require.Len(t, tr.Controls, 1)
	c := tr.Controls[0]
	assert.Equal(t, 2, c.Resolved)
	// web: resolved after 1 day; api: not_evaluated on day 1 does not resolve it, the pass on day 3 does.
	assert.InDelta(t, (24.0+72.0)/2, c.MTTRHours, 0.001)
	assert.Equal(t, 2, c.Open)
	assert.InDelta(t, 72.0, c.OldestOpenHours, 0.001)
	assert.InDelta(t, 36.0, c.MeanOpenHours, 0.001)
	require.Len(t, tr.Systems, 1)
	assert.Equal(t, "platform", tr.Systems[0].Key)
	require.Len(t, tr.Risks, 1)
	assert.Equal(t, []int{12, 8, 4}, []int{tr.Risks[0].Points[0].Residual, tr.Risks[0].Points[1].Residual, tr.Risks[0].Points[2].Residual})
	require.Len(t, tr.Frameworks, 1)
	assert.InDelta(t, 2.0/3, *tr.Frameworks[0].Points[2].PassRate, 0.001)
}

// The writers' goldens: every format of the diff, the trends and the run list.
func TestWritersGolden(t *testing.T) {
	diff := Compute(fromRun(), toRun())
	tr := ComputeTrends([]*store.Recorded{fromRun(), toRun()})
	runs := []store.Run{
		{ID: 3, State: store.Incomplete, Reason: "interrupted before every control was evaluated", Trigger: "audit", StartedAt: t0.Add(48 * time.Hour), FinishedAt: t0.Add(48*time.Hour + time.Minute)},
		{ID: 2, State: store.Complete, Trigger: "schedule:nightly", Workspace: "examples/acme", Collectors: []string{"github"}, StartedAt: t0.Add(24 * time.Hour), FinishedAt: t0.Add(24*time.Hour + 90*time.Second), Summary: finding.Summary{Total: 8, Pass: 2, Fail: 4, NotEvaluated: 1, Waived: 1}, Resources: 8, EvidenceIncomplete: true},
		{ID: 1, State: store.Complete, Trigger: "audit", Workspace: "examples/acme", StartedAt: t0, FinishedAt: t0.Add(time.Minute), Summary: finding.Summary{Total: 10, Pass: 2, Fail: 7, NotEvaluated: 1}},
	}
	for _, format := range Formats {
		for name, write := range map[string]func(*bytes.Buffer) error{
			"diff":   func(b *bytes.Buffer) error { return WriteDiff(b, format, diff) },
			"trends": func(b *bytes.Buffer) error { return WriteTrends(b, format, tr) },
			"runs":   func(b *bytes.Buffer) error { return WriteRuns(b, format, runs) },
		} {
			t.Run(name+"."+format, func(t *testing.T) {
				var b bytes.Buffer
				require.NoError(t, write(&b))
				file := filepath.Join("testdata", name+"."+format+".golden")
				if golden.Update() {
					require.NoError(t, os.WriteFile(file, b.Bytes(), 0o644))
				}
				want, err := os.ReadFile(file)
				require.NoError(t, err)
				assert.Equal(t, string(want), b.String())
			})
		}
	}
	assert.ErrorContains(t, WriteDiff(&bytes.Buffer{}, "sarif", diff), `unknown format "sarif" (available: text, json, markdown, html)`)
}

// A token a control quoted in a message never reaches a diff.
func TestWritersRedact(t *testing.T) {
	from := runOf(1, t0, nil, nil)
	to := runOf(2, t0.Add(time.Hour), []res{{ctl, "acme", "web", finding.Fail, ""}}, nil)
	token := "ghp_" + "abcdefghijklmnopqrstuvwxyz0123456789"
	to.Report.Findings[0].Message = "the workflow prints " + token
	d := Compute(from, to)
	d.NewFailures[0].Note = "quoted " + token
	for _, format := range Formats {
		var b bytes.Buffer
		require.NoError(t, WriteDiff(&b, format, d))
		assert.NotContains(t, b.String(), token, format)
	}
	assert.Contains(t, d.NewFailures[0].Note, token, "the writer does not change its input")
}
