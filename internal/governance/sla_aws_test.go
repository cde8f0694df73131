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

// TestAWSSLAControlsAgreeWithThreatView: GuardDuty's and Inspector's
// findings, a second either side of each SLA and in every severity word
// the collector writes, are overdue in AWS-GD-002 and AWS-INSP-002 exactly
// when the threat view counts them overdue, for the defaults and for a
// workspace's own alert_sla — and each links to a risk of the pack.
func TestAWSSLAControlsAgreeWithThreatView(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC)
	eng, err := engine.New(ctx, []engine.Source{{Name: "controls", FS: controls.FS}}, engine.WithClock(func() time.Time { return now }))
	require.NoError(t, err)
	for _, tc := range []struct{ name, settings string }{
		{name: "defaults"},
		{name: "stricter", settings: `alert_sla = { critical = "2d", high = "5d", medium = "36h", low = "12h" }`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(dir, "w.hcl"), []byte("settings {\n  "+tc.settings+"\n}\n"), 0o644))
			ws, diags := model.Load(model.Input{Pack: policies.FS, PackName: "policies", Dir: dir,
				KnownControl: func(id string) bool { return eng.Catalog().Get(id) != nil }})
			require.False(t, diags.HasErrors(), "%v", diags)
			sla, _ := ws.Settings.EffectiveAlertSLA()
			snap := &evidence.Snapshot{Schema: evidence.SchemaV1, Resources: awsAlertResources(now, sla)}
			require.NoError(t, evidence.Normalize(snap))

			fromControls := map[string][]string{}
			for _, f := range eng.EvaluateIn(ctx, snap, engine.Env{Settings: ws.Settings.ControlInput()}) {
				kind := map[string]string{"AWS-GD-002": KindGuardDuty, "AWS-INSP-002": KindInspector}[f.ControlID]
				if kind == "" {
					continue
				}
				require.Contains(t, []finding.Status{finding.Pass, finding.Fail}, f.Status, "%s: %s", f.ControlID, f.Message)
				for _, m := range awsFindingName.FindAllStringSubmatch(f.Message, -1) {
					fromControls[kind] = append(fromControls[kind], m[1])
				}
			}
			res, err := Evaluate(Input{Resources: snap.Resources, Workspace: ws, Now: now})
			require.NoError(t, err)
			fromThreats := map[string][]string{}
			for _, a := range res.Threats.Alerts {
				assert.Contains(t, a.Risks, "aws-active-threat", "%s %s", a.Kind, a.Summary)
				if a.Overdue {
					fromThreats[a.Kind] = append(fromThreats[a.Kind], a.Summary)
				}
			}
			for _, kind := range []string{KindGuardDuty, KindInspector} {
				slices.Sort(fromControls[kind])
				slices.Sort(fromThreats[kind])
				require.NotEmpty(t, fromThreats[kind], "%s: the case must have overdue findings", kind)
				assert.Equal(t, fromThreats[kind], fromControls[kind], "%s: threat view vs its control", kind)
			}
		})
	}
}

var awsFindingName = regexp.MustCompile(`(?:GuardDuty|Inspector) finding ([GI]\d+) `)

// awsAlertResources places findings one second either side of each SLA
// of the case, and at fixed ages, on a detector and an Inspector account.
func awsAlertResources(now time.Time, sla map[finding.Severity]time.Duration) []evidence.Resource {
	const day = 24 * time.Hour
	var gd, insp []any
	n := 0
	add := func(list *[]any, prefix, sev string, age time.Duration) {
		n++
		name := prefix + strconv.Itoa(n)
		f := map[string]any{"title": name, "created_at": now.Add(-age).Format(time.RFC3339), "state": "open"}
		if prefix == "G" {
			f["type"] = name
		} else {
			f["vulnerability_id"] = name
		}
		if sev != "" {
			f["severity"] = sev
		}
		*list = append(*list, f)
	}
	for _, sev := range []string{"critical", "high", "medium", "low", "unknown", ""} {
		add(&gd, "G", sev, 8*day)
		add(&insp, "I", sev, 8*day)
	}
	for _, sev := range []string{"informational", "untriaged"} {
		add(&insp, "I", sev, 100*day)
	}
	for _, sev := range []finding.Severity{finding.Critical, finding.High, finding.Medium, finding.Low} {
		if d, ok := sla[sev]; ok {
			add(&gd, "G", string(sev), d-time.Second)
			add(&gd, "G", string(sev), d+time.Second)
			add(&insp, "I", string(sev), d-time.Second)
			add(&insp, "I", string(sev), d+time.Second)
		}
	}
	sc := evidence.Scope{Platform: "aws", AccountID: "111122223333", Region: "eu-west-1"}
	return []evidence.Resource{
		{Type: evidence.TypeAWSGuardDutyDetector, ID: "arn:aws:guardduty:eu-west-1:111122223333:detector/d", Scope: sc, Source: evidence.Source{Kind: "live"},
			Attributes: map[string]any{"status": "ENABLED", "findings": gd}},
		{Type: evidence.TypeAWSInspectorAccount, ID: "arn:aws:inspector2:eu-west-1:111122223333:account", Scope: sc, Source: evidence.Source{Kind: "live"},
			Attributes: map[string]any{"status": "ENABLED", "findings": insp}},
	}
}
