package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
)

const manualControl = `# METADATA
# title: Tabletop exercise held
# custom:
#   id: TEST-MAN-001
#   severity: medium
#   manual: true
#   frameworks:
#     iso27001-2022: ["A.5.24"]
#   remediation:
#     console: Hold the exercise and attest it.
package test.manual
`

const manualWorkspace = `person "carol" {}

risk "unrehearsed-incident" {
  title       = "An incident nobody rehearsed"
  likelihood  = 3
  impact      = 4
  mitigations = ["rehearsal"]
}

mitigation "rehearsal" {
  title    = "Incident response is rehearsed"
  controls = ["TEST-MAN-001"]
}
`

func attestation(id, control, date, expires string) string {
	return `
attestation "` + id + `" {
  control     = "` + control + `"
  attested_by = "carol"
  date        = "` + date + `"
  expires     = "` + expires + `"
  statement   = "Tabletop held with the on-call engineers."
}
`
}

// TestManualControlsFromAttestations: a manual control passes while an
// attestation of it holds on the run's day and fails — linked to its risk
// and mitigation like any failure — when the latest expired, when it is
// dated after the run, or when nobody attested it.
func TestManualControlsFromAttestations(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name        string
		attestation string
		status      finding.Status
		message     string
		resource    string
	}{
		{"current", attestation("tt-2026", "TEST-MAN-001", "2026-01-10", "2027-01-10"), finding.Pass, "attested by carol on 2026-01-10, valid through 2027-01-10: Tabletop held", "tt-2026"},
		{"valid through its expiry day", attestation("tt-2025", "TEST-MAN-001", "2025-06-01", "2026-06-01"), finding.Pass, "valid through 2026-06-01", "tt-2025"},
		{"the longest-valid of several decides", attestation("old", "TEST-MAN-001", "2024-01-01", "2025-01-01") + attestation("new", "TEST-MAN-001", "2026-01-01", "2027-01-01"), finding.Pass, "valid through 2027-01-01", "new"},
		{"expired", attestation("tt-2024", "TEST-MAN-001", "2024-05-01", "2025-05-01"), finding.Fail, "attestation tt-2024 by carol expired on 2025-05-01", "tt-2024"},
		{"dated after the run", attestation("tt-later", "TEST-MAN-001", "2026-07-01", "2027-07-01"), finding.Fail, "is dated 2026-07-01, after this run", "tt-later"},
		{"never attested", "", finding.Fail, "no attestation: manual control TEST-MAN-001", "TEST-MAN-001"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			controls, pack, ws := t.TempDir(), t.TempDir(), t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(controls, "widget.rego"), []byte(coverageControl), 0o644))
			require.NoError(t, os.WriteFile(filepath.Join(controls, "manual.rego"), []byte(manualControl), 0o644))
			require.NoError(t, os.WriteFile(filepath.Join(ws, "w.hcl"), []byte(manualWorkspace+tc.attestation), 0o644))
			r, err := Run(context.Background(), Config{Controls: []string{controls}, Policies: pack, Workspace: ws,
				Evidence: []*evidence.Snapshot{{Schema: evidence.SchemaV1, Resources: []evidence.Resource{widget("w1", map[string]any{"bad": false})}}},
				Now:      func() time.Time { return now }})
			require.NoError(t, err)
			var got []finding.Finding
			for _, f := range r.Findings {
				if f.ControlID == "TEST-MAN-001" {
					got = append(got, f)
				}
			}
			require.Len(t, got, 1, "one result per manual control")
			f := got[0]
			assert.Equal(t, tc.status, f.Status)
			assert.Contains(t, f.Message, tc.message)
			assert.Equal(t, ManualResourceType, f.Resource.Type)
			assert.Equal(t, tc.resource, f.Resource.ID)
			assert.Equal(t, []string{"unrehearsed-incident"}, f.Risks)
			assert.Equal(t, []string{"rehearsal"}, f.Mitigations)
			if tc.attestation != "" {
				assert.Equal(t, "attestation", f.Resource.Source.Kind)
				assert.NotZero(t, f.Resource.Source.Line, "points at the attestation block")
			}
		})
	}
}

// TestManualControlDueOnlyWhereItsTypesAre: a manual control with
// resource types is due only when the evidence holds (or could not collect)
// one of them: an AWS manual control does not fail a GitHub-only audit.
func TestManualControlDueOnlyWhereItsTypesAre(t *testing.T) {
	t.Parallel()
	typed := strings.Replace(manualControl, "#   manual: true\n", "#   manual: true\n#   resource_types: [test.account]\n", 1)
	for _, tc := range []struct {
		name string
		snap evidence.Snapshot
		due  bool
	}{
		{"no resource of its type", evidence.Snapshot{Resources: []evidence.Resource{widget("w1", map[string]any{"bad": false})}}, false},
		{"a resource of its type", evidence.Snapshot{Resources: []evidence.Resource{widget("w1", map[string]any{"bad": false}), {Type: "test.account", ID: "a1", Attributes: map[string]any{}}}}, true},
		{"its type not collected", evidence.Snapshot{Resources: []evidence.Resource{widget("w1", map[string]any{"bad": false})},
			NotCollected: []evidence.NotCollected{{ResourceType: "test.account", ScopeID: "s", Reason: "403"}}}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			controls, pack, ws := t.TempDir(), t.TempDir(), t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(controls, "widget.rego"), []byte(coverageControl), 0o644))
			require.NoError(t, os.WriteFile(filepath.Join(controls, "manual.rego"), []byte(typed), 0o644))
			require.NoError(t, os.WriteFile(filepath.Join(ws, "w.hcl"), []byte(manualWorkspace), 0o644))
			snap := tc.snap
			snap.Schema = evidence.SchemaV1
			r, err := Run(context.Background(), Config{Controls: []string{controls}, Policies: pack, Workspace: ws,
				Evidence: []*evidence.Snapshot{&snap}, Now: func() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) }})
			require.NoError(t, err)
			n := 0
			for _, f := range r.Findings {
				if f.ControlID == "TEST-MAN-001" {
					n++
					assert.Equal(t, finding.Fail, f.Status, "due and never attested")
				}
			}
			assert.Equal(t, map[bool]int{true: 1, false: 0}[tc.due], n)
		})
	}
}

func TestAttestationOfAnAutomatedControlIsNoted(t *testing.T) {
	t.Parallel()
	controls, pack, ws := t.TempDir(), t.TempDir(), t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(controls, "widget.rego"), []byte(coverageControl), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(ws, "w.hcl"), []byte(`person "carol" {}`+attestation("misplaced", "TEST-001", "2026-01-01", "2027-01-01")), 0o644))
	r, err := Run(context.Background(), Config{Controls: []string{controls}, Policies: pack, Workspace: ws,
		Evidence: []*evidence.Snapshot{{Schema: evidence.SchemaV1, Resources: []evidence.Resource{widget("w1", map[string]any{"bad": true})}}},
		Now:      func() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) }})
	require.NoError(t, err)
	assert.Contains(t, r.Warnings, `attestation "misplaced" names control TEST-001, which is not manual: evidence decides it, so the attestation is not used`)
	require.Len(t, r.Findings, 1)
	assert.Equal(t, finding.Fail, r.Findings[0].Status, "an attestation never passes an automated control")
}
