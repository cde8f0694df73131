package governance

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/controls"
	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/model"
	"github.com/rampart-audit/rampart/policies"
)

// slaControls are the built-in controls that measure the same alerts as
// the threat view, by kind.
var slaControls = map[string]string{KindDependabot: "GH-REPO-020", KindCodeScanning: "GH-REPO-021", KindSecretScanning: "GH-REPO-022"}

// TestSLAControlsAgreeWithThreatView: for a workspace's alert_sla — none,
// a stricter one, one that gives low alerts an SLA in hours — the alert-SLA
// controls and the threat view name exactly the same alerts overdue, on
// alerts placed a second either side of each SLA, in every severity word
// GitHub uses, and with missing or unknown severities. Before the SLA
// reached the controls as input.settings they kept their own table in
// whole days: a custom alert_sla, or an alert a few hours past its SLA,
// made them disagree.
func TestSLAControlsAgreeWithThreatView(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC)
	eng, err := engine.New(ctx, []engine.Source{{Name: "controls", FS: controls.FS}}, engine.WithClock(func() time.Time { return now }))
	require.NoError(t, err)

	for _, tc := range []struct {
		name     string
		settings string
		// onlyHere are alerts overdue under this SLA but not under the defaults,
		// so the case proves the workspace's table reached the controls.
		onlyHere []int
	}{
		{name: "defaults"},
		{name: "stricter", settings: `alert_sla = { critical = "2d", high = "5d", medium = "36h" }`, onlyHere: []int{1, 3, 5, 10, 11, 12, 15, 18, 19}},
		{name: "low in hours", settings: `alert_sla = { low = "12h", high = "60d" }`, onlyHere: []int{7, 8, 9}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			src := "settings {\n  " + tc.settings + "\n}\n"
			require.NoError(t, os.WriteFile(filepath.Join(dir, "w.hcl"), []byte(src), 0o644))
			ws, diags := model.Load(model.Input{Pack: policies.FS, PackName: "policies", Dir: dir,
				KnownControl: func(id string) bool { return eng.Catalog().Get(id) != nil }})
			require.False(t, diags.HasErrors(), "%v", diags)
			sla, _ := ws.Settings.EffectiveAlertSLA()

			snap := &evidence.Snapshot{Schema: evidence.SchemaV1, Resources: []evidence.Resource{alertRepo(now, sla)}}
			require.NoError(t, evidence.Normalize(snap))

			fromControls := map[string][]int{}
			for _, f := range eng.EvaluateIn(ctx, snap, engine.Env{Settings: ws.Settings.ControlInput()}) {
				for kind, id := range slaControls {
					if f.ControlID != id {
						continue
					}
					require.Contains(t, []finding.Status{finding.Pass, finding.Fail}, f.Status, "%s: %s", id, f.Message)
					fromControls[kind] = alertNumbers(f.Message)
				}
			}
			res, err := Evaluate(Input{Resources: snap.Resources, Workspace: ws, Now: now})
			require.NoError(t, err)
			fromThreats := map[string][]int{}
			for _, a := range res.Threats.Alerts {
				if a.Overdue {
					fromThreats[a.Kind] = append(fromThreats[a.Kind], a.Number)
				}
			}
			var overdue []int
			for kind := range slaControls {
				slices.Sort(fromThreats[kind])
				assert.Equal(t, fromThreats[kind], fromControls[kind], "%s: threat view vs %s", kind, slaControls[kind])
				overdue = append(overdue, fromThreats[kind]...)
			}
			require.NotEmpty(t, overdue, "the case must have overdue alerts, or agreement is vacuous")
			for _, n := range tc.onlyHere {
				assert.Contains(t, overdue, n, "alert #%d is overdue only under this workspace's SLA", n)
			}
			// The risk links come from the pack's HCL.
			for _, a := range res.Threats.Alerts {
				assert.NotEmpty(t, a.Risks, "alert #%d of kind %s links no risk", a.Number, a.Kind)
			}
		})
	}
}

// alertRepo places alerts relative to the defaults and to the case's SLA:
// one second inside and one second past each SLA, and fixed ages between.
func alertRepo(now time.Time, sla map[finding.Severity]time.Duration) evidence.Resource {
	ts := func(age time.Duration) string { return now.Add(-age).Format(time.RFC3339) }
	const day = 24 * time.Hour
	n := 0
	mk := func(sev string, age time.Duration) map[string]any {
		n++
		a := map[string]any{"number": n, "created_at": ts(age)}
		if sev != "" {
			a["severity"] = sev
		}
		return a
	}
	dependabot := []map[string]any{
		mk("critical", 6*day), mk("critical", 7*day+time.Second), // 1, 2
		mk("high", 10*day), mk("high", 31*day), // 3, 4
		mk("moderate", 40*day), mk("moderate", 91*day), // 5, 6
		mk("low", 3*day),        // 7: no SLA by default
		mk("low", 13*time.Hour), // 8
	}
	codeScanning := []map[string]any{
		mk("note", 20*time.Hour), // 9: low
		mk("warning", 89*day),    // 10: medium
		mk("error", 29*day),      // 11: high
		mk("bogus", 3*day),       // 12: unknown → critical
		mk("", 8*day),            // 13: missing → critical
		mk("error", 61*day),      // 14
		mk("critical", 3*day),    // 15
	}
	secrets := []map[string]any{mk("", 1*day), mk("", 7*day+time.Second), mk("", 2*day+time.Hour)} // 16, 17, 18
	secrets = append(secrets, mk("low", 3*day))                                                    // 19: a secret alert is critical whatever it says
	// One second either side of the case's own SLA, per severity (20 on).
	for _, sev := range []finding.Severity{finding.Critical, finding.High, finding.Medium, finding.Low} {
		if d, ok := sla[sev]; ok {
			dependabot = append(dependabot, mk(string(sev), d-time.Second), mk(string(sev), d+time.Second))
		}
	}
	return evidence.Resource{
		Type: "github.repository", ID: "github.com/acme/app", Source: evidence.Source{Kind: "live"},
		Scope: evidence.Scope{Platform: "github", Org: "acme", Repo: "app"},
		Attributes: map[string]any{
			"archived":               false,
			"dependabot_alerts":      dependabot,
			"code_scanning_alerts":   codeScanning,
			"secret_scanning_alerts": secrets,
		},
	}
}

var alertNumber = regexp.MustCompile(`alert #(\d+) `)

// alertNumbers reads the alert numbers a control's message names overdue.
func alertNumbers(msg string) []int {
	var out []int
	for _, m := range alertNumber.FindAllStringSubmatch(msg, -1) {
		n, _ := strconv.Atoi(m[1])
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}
