package model

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hashicorp/hcl/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var testPack = fstest.MapFS{"risks.hcl": {Data: []byte(`
risk "data-exposure" {
  title       = "Data exposure"
  likelihood  = 3
  impact      = 5
  mitigations = ["encrypt"]
}
mitigation "encrypt" {
  controls = ["GH-ORG-001"]
}
training "cloud" {
  required_for = ["employee"]
}
`)}}

// loadWithPack loads src as w.hcl over testPack; diagnostics name the
// workspace file "w.hcl", without its temporary folder.
func loadWithPack(t *testing.T, src string) (*Workspace, hcl.Diagnostics) {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "w.hcl"), []byte(src), 0o644))
	ws, diags := Load(Input{Pack: testPack, PackName: "policies", PackBuiltIn: true, Dir: dir, KnownControl: known})
	for _, d := range diags {
		d.Detail = strings.ReplaceAll(d.Detail, dir+string(filepath.Separator), "")
	}
	return ws, diags
}

func TestPackExcludeAndOverride(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		src         string
		errors      []string
		risks       []string
		mitigations []string
		check       func(t *testing.T, ws *Workspace)
	}{
		{"nothing changed", `person "a" {}`, nil, []string{"data-exposure"}, []string{"encrypt"}, func(t *testing.T, ws *Workspace) {
			assert.True(t, ws.InPack(ws.Risks[0].DeclRange))
		}},
		{"exclude a risk and a training", `settings { exclude = ["risk.data-exposure", "training.cloud"] }`, nil, nil, []string{"encrypt"}, func(t *testing.T, ws *Workspace) {
			assert.Empty(t, ws.Trainings)
		}},
		{"exclude a mitigation: the pack risk stops naming it", `settings { exclude = ["mitigation.encrypt"] }`, nil, []string{"data-exposure"}, nil, func(t *testing.T, ws *Workspace) {
			assert.Empty(t, ws.Risks[0].Mitigations)
		}},
		{"override replaces the pack block", `
risk "data-exposure" {
  override   = true
  title      = "Ours"
  likelihood = 1
  impact     = 2
}`, nil, []string{"data-exposure"}, []string{"encrypt"}, func(t *testing.T, ws *Workspace) {
			require.Len(t, ws.Risks, 1)
			assert.Equal(t, "Ours", ws.Risks[0].Title)
			assert.False(t, ws.InPack(ws.Risks[0].DeclRange), "the override is the workspace's own")
		}},
		{"a redefinition without override is still a duplicate", `
risk "data-exposure" {
  title      = "Ours"
  likelihood = 1
  impact     = 2
}`, []string{`Duplicate risk "data-exposure": risk "data-exposure" is already defined at policies/risks.hcl (built in):2:6 (risk "data-exposure" {). IDs are unique across the workspace and the governance pack.`}, []string{"data-exposure"}, []string{"encrypt"}, nil},
		{"bad excludes", `
risk "mine" {
  title      = "m"
  likelihood = 1
  impact     = 1
}
settings { exclude = ["risk.data-exposur", "person.a", "risk.mine"] }`, []string{
			`Exclude names nothing: settings exclude: the governance pack has no risk "data-exposur". Did you mean "data-exposure"?`,
			`Invalid exclude: settings exclude: "person.a" is not KIND.ID with KIND one of risk, mitigation, training, policy (e.g. "risk.data-exposure").`,
			`Exclude names a workspace block: settings exclude: risk "mine" is the workspace's own (w.hcl:2); exclude removes governance pack blocks, delete your own instead.`,
		}, []string{"data-exposure", "mine"}, []string{"encrypt"}, nil},
		{"override of nothing", `
risk "data-exposur" {
  override   = true
  title      = "Ours"
  likelihood = 1
  impact     = 2
}`, []string{`Override of nothing: risk "data-exposur" has override = true, but the governance pack has no risk with that ID. Did you mean "data-exposure"?`}, []string{"data-exposure"}, []string{"encrypt"}, nil},
		{"override and exclude of one block", `
settings { exclude = ["risk.data-exposure"] }
risk "data-exposure" {
  override   = true
  title      = "Ours"
  likelihood = 1
  impact     = 2
}`, []string{`Exclude of an overridden block: settings exclude: risk "data-exposure" is also overridden in the workspace; keep one of the two.`}, []string{"data-exposure"}, []string{"encrypt"}, nil},
		{"a workspace reference to an excluded block", `
settings { exclude = ["mitigation.encrypt"] }
risk "mine" {
  title       = "m"
  likelihood  = 1
  impact      = 1
  mitigations = ["encrypt"]
}`, []string{`Reference to unknown mitigation: no mitigation block has the ID "encrypt".`}, []string{"data-exposure", "mine"}, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ws, diags := loadWithPack(t, tc.src)
			assert.Equal(t, tc.errors, diagTexts(diags, hcl.DiagError))
			var risks, mitigations []string
			for _, r := range ws.Risks {
				risks = append(risks, r.ID)
			}
			for _, m := range ws.Mitigations {
				mitigations = append(mitigations, m.ID)
			}
			assert.Equal(t, tc.risks, risks)
			assert.Equal(t, tc.mitigations, mitigations)
			if tc.check != nil {
				tc.check(t, ws)
			}
		})
	}
}
