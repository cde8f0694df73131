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
			dir := t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(dir, "w.hcl"), []byte(tc.src), 0o644))
			ws, diags := Load(Input{Pack: os.DirFS("../../policies"), PackName: "policies", Dir: dir})
			var got []string
			for _, d := range diags {
				if d.Subject != nil && filepath.Base(d.Subject.Filename) == "w.hcl" {
					got = append(got, fmt.Sprintf("%d:%d: %s", d.Subject.Start.Line, d.Subject.Start.Column, d.Detail))
				}
			}
			assert.Equal(t, tc.diags, got)
			require.NotNil(t, ws)
			assert.Equal(t, tc.days, ws.Settings.LogRetentionDays)
		})
	}
}
