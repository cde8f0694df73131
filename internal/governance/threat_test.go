package governance

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/model"
)

func alert(sev, created string, extra ...string) map[string]any {
	a := map[string]any{"number": float64(len(created)), "severity": sev, "state": "open", "created_at": created, "url": "https://github.com/acme/x/security/1"}
	for i := 0; i+1 < len(extra); i += 2 {
		a[extra[i]] = extra[i+1]
	}
	return a
}

func TestTrackAlerts(t *testing.T) {
	t.Parallel()
	now := at("2026-07-01")
	ws := workspace(t)
	ws.Risks = []*model.Risk{{ID: "credential-leak", Alerts: []string{"secret_scanning"}}, {ID: "vulnerable-dependencies", Alerts: []string{"dependabot"}}}
	repo := evidence.Resource{
		Type: "github.repository", ID: "github.com/acme/app", System: "pay", Source: evidence.Source{Kind: "live"},
		Attributes: map[string]any{
			"dependabot_alerts": []any{
				alert("critical", "2026-06-24T12:00:00Z"),               // exactly 7 days: due now, not yet overdue
				alert("critical", "2026-06-24T11:59:59Z"),               // one second past due
				alert("moderate", "2026-04-01T00:00:00Z"),               // medium, 91 days: overdue (90d)
				alert("high", "2026-06-01T00:00:00Z"),                   // 30 days 12h: overdue
				alert("low", "2020-01-01T00:00:00Z"),                    // low: no SLA by default
				alert("high", "2020-01-01T00:00:00Z", "state", "fixed"), // not open: ignored
			},
			"code_scanning_alerts": []any{
				alert("bogus", "2026-06-30T00:00:00Z"), // unknown severity → critical, 1.5 days: within
				alert("error", "not-a-date"),           // high, no date → cannot be within SLA
			},
		},
		Unknown: map[string]string{"secret_scanning_alerts": "403: needs secret scanning alerts:read"},
	}
	tf := evidence.Resource{Type: "github.repository", ID: "github.com/acme/tf", Source: evidence.Source{Kind: "terraform"}}
	archived := evidence.Resource{Type: "github.repository", ID: "github.com/acme/old", Source: evidence.Source{Kind: "live"}, Attributes: map[string]any{"archived": true}}

	got := trackAlerts(handedOff(t, repo, tf, archived), ws, now)
	assert.Equal(t, map[string]string{"critical": "7d", "high": "30d", "medium": "90d"}, got.SLA)
	assert.Equal(t, 7, got.Open)
	assert.Equal(t, 4, got.Overdue)
	assert.Equal(t, []AlertGap{{Resource: "github.com/acme/app", Kind: KindSecretScanning, Reason: "403: needs secret scanning alerts:read"}}, got.Unknown)

	type brief struct {
		kind    string
		sev     finding.Severity
		overdue bool
		due     string
	}
	var briefs []brief
	for _, a := range got.Alerts {
		briefs = append(briefs, brief{a.Kind, a.Severity, a.Overdue, a.Due})
	}
	assert.Equal(t, []brief{
		// overdue first, most severe first, oldest first
		{KindDependabot, finding.Critical, true, "2026-07-01"},
		{KindDependabot, finding.High, true, "2026-07-01"},
		{KindCodeScanning, finding.High, true, ""},
		{KindDependabot, finding.Medium, true, "2026-06-30"},
		{KindDependabot, finding.Critical, false, "2026-07-01"},
		{KindCodeScanning, finding.Critical, false, "2026-07-07"},
		{KindDependabot, finding.Low, false, ""},
	}, briefs)
	assert.Equal(t, []string{"vulnerable-dependencies"}, got.Alerts[0].Risks)
	assert.Equal(t, []string{}, got.Alerts[2].Risks, "no vulnerable-code risk in this workspace")
	assert.Contains(t, got.Alerts[2].Note, "cannot be shown to be within its SLA")
	assert.Contains(t, got.Alerts[5].Note, `severity "bogus" unknown; treated as critical`)
	assert.Equal(t, 7, got.Alerts[4].AgeDays)
	// The low alert is open and tracked, but has no SLA to miss.
	require.Len(t, got.Alerts, 7)
	assert.Empty(t, got.Alerts[6].SLA)
}

func TestTrackAlertsConfiguredSLA(t *testing.T) {
	t.Parallel()
	ws := workspace(t)
	ws.Risks = []*model.Risk{{ID: "credential-leak", Alerts: []string{"secret_scanning"}}}
	ws.Settings.AlertSLA = map[string]string{"critical": "1d", "low": "30d", "urgent": "2d"}
	repo := evidence.Resource{Type: "github.repository", ID: "github.com/acme/app", Source: evidence.Source{Kind: "live"}, Attributes: map[string]any{
		"dependabot_alerts":      []any{alert("low", "2026-05-01T00:00:00Z")},
		"code_scanning_alerts":   []any{},
		"secret_scanning_alerts": []any{map[string]any{"state": "open", "created_at": "2026-06-29T00:00:00Z"}},
	}}
	got := trackAlerts(handedOff(t, repo), ws, at("2026-07-01"))
	assert.Equal(t, map[string]string{"critical": "1d", "high": "30d", "medium": "90d", "low": "30d"}, got.SLA)
	require.Len(t, got.Alerts, 2)
	assert.Equal(t, KindSecretScanning, got.Alerts[0].Kind)
	assert.Equal(t, finding.Critical, got.Alerts[0].Severity, "secret scanning alerts have no severity: critical")
	assert.True(t, got.Alerts[0].Overdue, "2.5 days against a 1-day SLA")
	assert.Equal(t, []string{"credential-leak"}, got.Alerts[0].Risks)
	assert.True(t, got.Alerts[1].Overdue, "low has a 30-day SLA here")
	assert.Equal(t, []AlertGap{{Kind: "settings", Reason: `settings alert_sla: unknown severity "urgent" (want critical, high, medium, low or info)`}}, got.Unknown)

	// Overdue alerts reach the risk register and the warnings.
	ws.Risks[0].Likelihood, ws.Risks[0].Impact = 3, 5
	out, err := Evaluate(Input{Resources: handedOff(t, repo), Workspace: ws, Now: at("2026-07-01")})
	require.NoError(t, err)
	assert.Equal(t, AlertCounts{Open: 1, Overdue: 1}, out.Risks[0].Alerts)
	assert.Nil(t, out.Risks[0].Effectiveness, "alerts alone do not measure a risk")
	assert.Contains(t, out.Warnings, "2 security alert(s) open past their remediation SLA")
}

func TestTrackAlertsMalformed(t *testing.T) {
	t.Parallel()
	repo := evidence.Resource{Type: "github.repository", ID: "r", Source: evidence.Source{Kind: "live"}, Attributes: map[string]any{
		"dependabot_alerts":      "many",
		"code_scanning_alerts":   []any{"x"},
		"secret_scanning_alerts": []any{},
	}}
	got := trackAlerts([]evidence.Resource{repo}, workspace(t), at("2026-07-01"))
	assert.Equal(t, []AlertGap{
		{Resource: "r", Kind: KindCodeScanning, Reason: "code_scanning_alerts[0] is string, not an object"},
		{Resource: "r", Kind: KindDependabot, Reason: "attribute dependabot_alerts is string, not a list"},
	}, got.Unknown)
}

// The GitHub collector builds alerts as []map[string]any with int numbers
// and no state (it lists open alerts only); secret scanning alerts have a
// secret_type and no severity. The hand-off normalises them once.
func TestTrackAlertsFromCollectorShapes(t *testing.T) {
	t.Parallel()
	repo := evidence.Resource{Type: "github.repository", ID: "github.com/acme/api", Source: evidence.Source{Kind: "live"}, Attributes: map[string]any{
		"dependabot_alerts":      []map[string]any{{"number": 3, "severity": "moderate", "created_at": "2026-01-01T00:00:00Z", "package": "lodash"}},
		"code_scanning_alerts":   []map[string]any{},
		"secret_scanning_alerts": []map[string]any{{"number": 9, "secret_type": "aws_access_key_id", "created_at": "2026-06-30T00:00:00Z"}},
	}}
	got := trackAlerts(handedOff(t, repo), workspace(t), at("2026-07-01"))
	assert.Empty(t, got.Unknown)
	require.Len(t, got.Alerts, 2)
	assert.Equal(t, 3, got.Alerts[0].Number)
	assert.Equal(t, "lodash", got.Alerts[0].Summary)
	assert.Equal(t, "aws_access_key_id", got.Alerts[1].Summary)
	assert.Equal(t, finding.Medium, got.Alerts[0].Severity)
	assert.True(t, got.Alerts[0].Overdue)
	assert.Equal(t, 9, got.Alerts[1].Number)
	assert.Equal(t, finding.Critical, got.Alerts[1].Severity)
	assert.False(t, got.Alerts[1].Overdue)
	assert.Contains(t, got.Alerts[1].Note, "a leaked secret is treated as critical")
}

// Governance converts nothing: a value that skipped the hand-off is a gap
// with its Go type named, never read as "no alerts".
func TestTrackAlertsNotHandedOff(t *testing.T) {
	t.Parallel()
	repo := evidence.Resource{Type: "github.repository", ID: "r", Source: evidence.Source{Kind: "live"}, Attributes: map[string]any{
		"dependabot_alerts":      []map[string]any{{"number": 3, "severity": "critical", "created_at": "2026-01-01T00:00:00Z"}},
		"code_scanning_alerts":   []any{},
		"secret_scanning_alerts": []any{},
	}}
	got := trackAlerts([]evidence.Resource{repo}, workspace(t), at("2026-07-01"))
	assert.Equal(t, []AlertGap{{Resource: "r", Kind: KindDependabot, Reason: "attribute dependabot_alerts is []map[string]interface {}, not a list"}}, got.Unknown)
	assert.Empty(t, got.Alerts)
}

// Alert → risk links come from the risks' alerts (the default pack's), and
// settings alert_risks replaces them per kind; a risk the workspace does not
// define is never named.
func TestAlertRiskLinks(t *testing.T) {
	t.Parallel()
	repo := evidence.Resource{Type: "github.repository", ID: "r", Source: evidence.Source{Kind: "live"}, Attributes: map[string]any{
		"dependabot_alerts":      []any{alert("high", "2026-01-01T00:00:00Z")},
		"code_scanning_alerts":   []any{alert("high", "2026-01-01T00:00:00Z")},
		"secret_scanning_alerts": []any{alert("", "2026-01-01T00:00:00Z")},
	}}
	for _, tc := range []struct {
		name       string
		alertRisks map[string][]string
		want       map[string][]string
	}{
		{"pack links", nil, map[string][]string{KindDependabot: {"vulnerable-dependencies"}, KindCodeScanning: {}, KindSecretScanning: {"credential-leak"}}},
		{"workspace relinks one kind", map[string][]string{KindDependabot: {"supply-chain", "vulnerable-dependencies"}}, map[string][]string{KindDependabot: {"supply-chain", "vulnerable-dependencies"}, KindCodeScanning: {}, KindSecretScanning: {"credential-leak"}}},
		{"workspace unlinks a kind", map[string][]string{KindSecretScanning: {}}, map[string][]string{KindDependabot: {"vulnerable-dependencies"}, KindCodeScanning: {}, KindSecretScanning: {}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws := workspace(t)
			ws.Risks = []*model.Risk{
				{ID: "credential-leak", Alerts: []string{KindSecretScanning}},
				{ID: "vulnerable-dependencies", Alerts: []string{KindDependabot}},
				{ID: "supply-chain"},
			}
			ws.Settings.AlertRisks = tc.alertRisks
			got := map[string][]string{}
			for _, a := range trackAlerts(handedOff(t, repo), ws, at("2026-07-01")).Alerts {
				got[a.Kind] = a.Risks
			}
			assert.Equal(t, tc.want, got)
		})
	}
}
