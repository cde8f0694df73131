package model

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/finding"
)

const day = 24 * time.Hour

func TestEffectiveAlertSLA(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		set   map[string]string
		want  map[finding.Severity]time.Duration
		notes []string
	}{
		{"defaults", nil, map[finding.Severity]time.Duration{finding.Critical: 7 * day, finding.High: 30 * day, finding.Medium: 90 * day}, nil},
		{"workspace over defaults", map[string]string{"High": "10d", "low": "36h"},
			map[finding.Severity]time.Duration{finding.Critical: 7 * day, finding.High: 10 * day, finding.Medium: 90 * day, finding.Low: 36 * time.Hour}, nil},
		{"bad key and duration are noted, never applied", map[string]string{"urgent": "1d", "critical": "soon"},
			map[finding.Severity]time.Duration{finding.Critical: 7 * day, finding.High: 30 * day, finding.Medium: 90 * day},
			[]string{`settings alert_sla["critical"]: "soon" is not a positive duration such as 365d, 12w or 36h`, `settings alert_sla: unknown severity "urgent" (want critical, high, medium, low or info)`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, notes := Settings{AlertSLA: tc.set}.EffectiveAlertSLA()
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.notes, notes)
		})
	}
	assert.Len(t, DefaultAlertSLA, 3, "EffectiveAlertSLA must not change the defaults")
}

// ControlInput is input.settings: the effective SLA in nanoseconds (exact
// past 2^53, the largest is 100 years) with its text, and the severity words.
func TestControlInput(t *testing.T) {
	t.Parallel()
	got := Settings{AlertSLA: map[string]string{"high": "1d", "low": "36500d", "info": "36h"}}.ControlInput()
	assert.Equal(t, map[string]any{
		"critical": map[string]any{"ns": int64(7 * day), "text": "7 days"},
		"high":     map[string]any{"ns": int64(day), "text": "1 day"},
		"medium":   map[string]any{"ns": int64(90 * day), "text": "90 days"},
		"low":      map[string]any{"ns": int64(36500 * day), "text": "36500 days"},
		"info":     map[string]any{"ns": int64(36 * time.Hour), "text": "36h0m0s"},
	}, got["alert_sla"])
	words := got["alert_severity"].(map[string]any)
	assert.Equal(t, "medium", words["moderate"])
	assert.Equal(t, "high", words["error"])
	assert.Equal(t, "low", words["note"])
	assert.Len(t, words, len(AlertSeverityWords))
}

func TestAlertRiskLinks(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(src string) *Workspace {
		t.Helper()
		require.NoError(t, os.WriteFile(filepath.Join(dir, "w.hcl"), []byte(src), 0o644))
		ws, diags := Load(Input{Pack: os.DirFS("../../policies"), PackName: "policies", Dir: dir})
		require.False(t, diags.HasErrors(), "%v", diags)
		return ws
	}
	const risk = "risk \"supply-chain\" {\n  title = \"S\"\n  likelihood = 3\n  impact = 4\n  alerts = [\"dependabot\"]\n}\n"

	// The default pack links each kind to its risk; a workspace risk adds itself.
	ws := write(risk)
	assert.Equal(t, map[string][]string{
		AlertCodeScanning:   {"vulnerable-code"},
		AlertDependabot:     {"supply-chain", "vulnerable-dependencies"},
		AlertGuardDuty:      {"aws-active-threat"},
		AlertInspector:      {"aws-active-threat"},
		AlertSecretScanning: {"credential-leak"},
	}, ws.AlertRiskLinks())

	// settings alert_risks replaces a kind's links; an empty list unlinks it.
	ws = write(risk + "settings {\n  alert_risks = { dependabot = [\"supply-chain\"], secret_scanning = [] }\n}\n")
	assert.Equal(t, map[string][]string{
		AlertCodeScanning:   {"vulnerable-code"},
		AlertDependabot:     {"supply-chain"},
		AlertGuardDuty:      {"aws-active-threat"},
		AlertInspector:      {"aws-active-threat"},
		AlertSecretScanning: {},
	}, ws.AlertRiskLinks())
}
