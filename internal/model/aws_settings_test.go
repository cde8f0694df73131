package model

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// log_retention_days reaches AWS-LOGS-001 as input.settings with its
// default applied; a bad value is an error at the attribute.
func TestLogRetentionDaysSetting(t *testing.T) {
	t.Parallel()
	assert.Equal(t, 365, Settings{}.ControlInput()["log_retention_days"])
	assert.Equal(t, 90, Settings{LogRetentionDays: 90}.ControlInput()["log_retention_days"])
	for _, tc := range []struct {
		name  string
		src   string
		diags []string
		days  int
	}{
		{"default", "settings {\n  risk_appetite = 10\n}\n", nil, 365},
		{"set", "settings {\n  log_retention_days = 731\n}\n", nil, 731},
		{"negative", "settings {\n  log_retention_days = -1\n}\n", []string{"2:24: log_retention_days is -1; it must be 1 or more."}, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ws, got := loadSettings(t, tc.src)
			assert.Equal(t, tc.diags, got)
			assert.Equal(t, tc.days, ws.Settings.LogRetentionDays)
		})
	}
}

// allowed_regions reaches AWS-ORG-006 as input.settings, sorted and
// without repeats, and only when set; a name that is not a region, or an
// empty list, is an error at the entry.
func TestAllowedRegionsSetting(t *testing.T) {
	t.Parallel()
	_, set := Settings{}.ControlInput()["allowed_regions"]
	assert.False(t, set, "unset must stay absent, not allow no region")
	assert.Equal(t, []any{"eu-west-1", "us-east-1"},
		Settings{AllowedRegions: []string{"us-east-1", "eu-west-1", "us-east-1"}}.ControlInput()["allowed_regions"])
	for _, tc := range []struct {
		name    string
		src     string
		diags   []string
		regions []string
	}{
		{"unset", "settings {\n  risk_appetite = 10\n}\n", nil, nil},
		{"set", "settings {\n  allowed_regions = [\"eu-west-1\", \"us-gov-west-1\", \"us-isob-east-1\"]\n}\n", nil,
			[]string{"eu-west-1", "us-gov-west-1", "us-isob-east-1"}},
		{"typo", "settings {\n  allowed_regions = [\"eu-west-1\", \"eu-west1\"]\n}\n",
			[]string{"2:35: settings allowed_regions[1]: \"eu-west1\" is not the name of an AWS region (e.g. \"eu-west-1\", \"us-gov-west-1\")."},
			[]string{"eu-west-1", "eu-west1"}},
		{"pattern", "settings {\n  allowed_regions = [\"eu-*\"]\n}\n",
			[]string{"2:22: settings allowed_regions[0]: \"eu-*\" is not the name of an AWS region (e.g. \"eu-west-1\", \"us-gov-west-1\")."},
			[]string{"eu-*"}},
		{"empty", "settings {\n  allowed_regions = []\n}\n",
			[]string{"2:21: settings allowed_regions is empty; name at least one AWS region (e.g. \"eu-west-1\"), or leave the setting out."},
			[]string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ws, got := loadSettings(t, tc.src)
			assert.Equal(t, tc.diags, got)
			assert.Equal(t, tc.regions, ws.Settings.AllowedRegions)
		})
	}
}

// loadSettings loads the pack with one workspace file, w.hcl, holding src,
// and returns the workspace and the diagnostics at w.hcl as
// "line:column: detail".
func loadSettings(t *testing.T, src string) (*Workspace, []string) {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "w.hcl"), []byte(src), 0o644))
	ws, diags := Load(Input{Pack: os.DirFS("../../policies"), PackName: "policies", Dir: dir})
	var got []string
	for _, d := range diags {
		if d.Subject != nil && filepath.Base(d.Subject.Filename) == "w.hcl" {
			got = append(got, fmt.Sprintf("%d:%d: %s", d.Subject.Start.Line, d.Subject.Start.Column, d.Detail))
		}
	}
	require.NotNil(t, ws)
	return ws, got
}
