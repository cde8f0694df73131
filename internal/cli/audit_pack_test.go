package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/governance"
	"github.com/rampart-audit/rampart/internal/report"
)

// TestAuditPackNotApplicable: a GitHub-only organisation's register does
// not open with the pack's AWS risks over the appetite; they are listed as
// not applicable, and the workspace can exclude or override pack blocks.
func TestAuditPackNotApplicable(t *testing.T) {
	t.Parallel()
	small, err := os.ReadFile("testdata/small/workspace.hcl")
	require.NoError(t, err)
	tests := []struct {
		name  string
		extra string
		check func(t *testing.T, risks map[string]governance.Risk, r report.Report)
	}{
		{"the pack's AWS blocks are not applicable", "", func(t *testing.T, risks map[string]governance.Risk, r report.Report) {
			de := risks["data-exposure"]
			assert.True(t, de.NotApplicable)
			assert.Equal(t, governance.AppetiteNotApplicable, de.AppetiteStatus)
			assert.Zero(t, de.Residual, "listed, not scored")
			assert.False(t, risks["unreviewed-change"].NotApplicable, "GitHub evidence measures it")
			assert.Contains(t, r.NotApplicable, governance.NotApplicable{Kind: "risk", ID: "data-exposure", Title: de.Title,
				Why: "no result of its mitigations' controls, no open alert and no waiver names it"})
			for _, w := range r.Warnings {
				assert.NotContains(t, w, "risk data-exposure: residual", "a risk nothing measures is never over the appetite")
			}
		}},
		{"excluded", `settings { exclude = ["risk.data-exposure", "policy.network-security"] }`, func(t *testing.T, risks map[string]governance.Risk, r report.Report) {
			assert.NotContains(t, risks, "data-exposure")
			for _, p := range r.Policies {
				assert.NotEqual(t, "network-security", p.ID)
			}
		}},
		{"overridden: the workspace's own risk is scored", `
risk "data-exposure" {
  override   = true
  title      = "Customer data leaves the company"
  likelihood = 4
  impact     = 5
}`, func(t *testing.T, risks map[string]governance.Risk, r report.Report) {
			de := risks["data-exposure"]
			assert.False(t, de.NotApplicable)
			assert.Equal(t, "Customer data leaves the company", de.Title)
			assert.Equal(t, 20, de.Residual)
			assert.Equal(t, governance.AppetiteOver, de.AppetiteStatus)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			writeFile(t, dir, "workspace.hcl", string(small)+tc.extra)
			out := filepath.Join(dir, "r.json")
			res := run(t, "audit", dir, "--evidence", smallEvidence, "--format", "json="+out)
			require.Contains(t, []int{0, 1}, res.code, res.stderr)
			var r report.Report
			require.NoError(t, json.Unmarshal(readFile(t, out), &r))
			risks := map[string]governance.Risk{}
			for _, rk := range r.Risks {
				risks[rk.ID] = rk
			}
			tc.check(t, risks, r)
		})
	}
}
