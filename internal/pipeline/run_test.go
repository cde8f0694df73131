package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/governance"
	"github.com/rampart-audit/rampart/internal/model"
)

const runWorkspace = `person "a" {}

system "infra" {
  name           = "Infrastructure"
  owner          = "a"
  classification = "internal"

  terraform {
    paths = ["terraform/*"]
  }
}
`

// runFolders writes the widget control, an empty governance pack and a
// workspace with a Terraform selector; it returns their folders.
func runFolders(t *testing.T) (controls, pack, ws string) {
	t.Helper()
	controls, pack, ws = t.TempDir(), t.TempDir(), t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(controls, "widget.rego"), []byte(coverageControl), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(ws, "w.hcl"), []byte(runWorkspace), 0o644))
	return controls, pack, ws
}

func tfWidget(id, path string) evidence.Resource {
	return evidence.Resource{Type: "test.widget", ID: id, Scope: evidence.Scope{Platform: "terraform", Path: path}, Attributes: map[string]any{"bad": true}}
}

// TestRunClaimsTerraformRelativeToWorkspace: Terraform scope paths name files
// from the folder the run started in, selectors from the workspace. The gate
// command rewrote them before evaluating; the claim stage does now, for every
// caller of Run, gaps included.
func TestRunClaimsTerraformRelativeToWorkspace(t *testing.T) {
	t.Parallel()
	controls, pack, ws := runFolders(t)
	snap := &evidence.Snapshot{Schema: evidence.SchemaV1,
		Resources: []evidence.Resource{
			tfWidget("inside", filepath.ToSlash(filepath.Join(ws, "terraform", "main.tf"))),
			tfWidget("outside", "elsewhere/main.tf"),
		},
		NotCollected: []evidence.NotCollected{{ResourceType: "terraform.module", Reason: "unreadable",
			Scope: evidence.Scope{Platform: "terraform", Path: filepath.ToSlash(filepath.Join(ws, "terraform", "mod.tf"))}}},
	}
	r, err := Run(context.Background(), Config{Controls: []string{controls}, Policies: pack, Workspace: ws,
		Evidence: []*evidence.Snapshot{snap}, Now: func() time.Time { return time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) }})
	require.NoError(t, err)
	systems := map[string]string{}
	for _, f := range r.Findings {
		systems[f.Resource.ID] = f.Resource.System
	}
	assert.Equal(t, map[string]string{"inside": "infra", "outside": ""}, systems)
	require.Len(t, r.Evidence.NotCollected, 1)
	assert.Equal(t, "terraform/mod.tf", r.Evidence.NotCollected[0].Scope.Path)
	assert.Equal(t, "infra", r.Evidence.NotCollected[0].System)
}

// TestRunAssemblesReport: Run, not the commands, fills the workspace name,
// the control documentation and every warning, in one order: the evidence's,
// the run's, the command's.
func TestRunAssemblesReport(t *testing.T) {
	t.Parallel()
	controls, pack, ws := runFolders(t)
	var loaded []Loaded
	r, err := Run(context.Background(), Config{Controls: []string{controls}, Policies: pack, Workspace: ws,
		OnLoad:           func(l Loaded) { loaded = append(loaded, l) },
		Evidence:         []*evidence.Snapshot{{Schema: evidence.SchemaV1, Resources: []evidence.Resource{widget("w1", map[string]any{"bad": false}), gadget("g1")}}},
		EvidenceWarnings: []string{"main.tf:1:1: a Terraform warning"},
		Frameworks:       []string{"iso27001-2022"},
		Warnings:         []string{"the command's note"},
	})
	require.NoError(t, err)
	require.Len(t, loaded, 1, "OnLoad is called once, before evidence is read")
	assert.Equal(t, ws, r.Workspace)
	require.Len(t, r.Controls, 1)
	assert.Equal(t, "TEST-001", r.Controls[0].ID)
	assert.Equal(t, []string{
		"main.tf:1:1: a Terraform warning",
		"2 of 2 test resource(s) are claimed by no system (e.g. w1, g1): their findings name no system and no owner",
		`not evaluated: 1 resource(s) of type "test.gadget" (e.g. g1): no loaded control applies to this type`,
		"the command's note",
	}, r.Warnings)
	require.Len(t, r.Frameworks, 1, "the framework view asked for in Config")
	assert.Equal(t, "iso27001-2022", r.Frameworks[0].Name)
}

// TestRunStageErrors: each failing stage is named, so the command picks the
// exit code without reading messages.
func TestRunStageErrors(t *testing.T) {
	t.Parallel()
	controls, pack, ws := runFolders(t)
	badWS := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(badWS, "w.hcl"), []byte("system \"x\" {\n  owner = \"nobody\"\n}\n"), 0o644))
	records := filepath.Join(t.TempDir(), "records.csv")
	require.NoError(t, os.WriteFile(records, []byte("person,training,completed_at\na,x,yesterday\n"), 0o644))
	collectErr := errors.New("collector down")
	base := Config{Controls: []string{controls}, Policies: pack, Workspace: ws}
	tests := []struct {
		name   string
		change func(*Config)
		stage  Stage
		is     error
	}{
		{"invalid workspace", func(c *Config) { c.Workspace = badWS }, StageLoad, ErrInvalidWorkspace},
		{"missing controls", func(c *Config) { c.Controls = []string{filepath.Join(ws, "nope")} }, StageLoad, os.ErrNotExist},
		{"unknown framework", func(c *Config) { c.Frameworks = []string{"pci-dss"} }, StageFrameworks, nil},
		{"fatal training records", func(c *Config) { c.Records = records }, StageRecords, nil},
		{"missing training records", func(c *Config) { c.Records = filepath.Join(ws, "nope.csv") }, StageRecords, os.ErrNotExist},
		{"no recorded evidence", func(c *Config) { c.WorkspaceEvidence = true }, StageEvidence, nil},
		{"malformed evidence", func(c *Config) { c.EvidenceFiles = []string{filepath.Join(ws, "w.hcl")} }, StageEvidence, nil},
		{"collector failure", func(c *Config) {
			c.Collect = func(context.Context, *model.Workspace) ([]*evidence.Snapshot, error) { return nil, collectErr }
		}, StageCollect, collectErr},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cfg := base
			tc.change(&cfg)
			r, err := Run(context.Background(), cfg)
			assert.Nil(t, r, "no report from a run that failed")
			var se *Error
			require.ErrorAs(t, err, &se)
			assert.Equal(t, tc.stage, se.Stage, "%v", err)
			if tc.is != nil {
				assert.ErrorIs(t, err, tc.is)
			}
		})
	}
}

// TestRunRecordProblems: the load stage reports every unusable row to
// OnLoad before any evidence is read; fatal ones are the error, others
// close the report's warnings.
func TestRunRecordProblems(t *testing.T) {
	t.Parallel()
	controls, pack, ws := runFolders(t)
	dir := t.TempDir()
	fatal := filepath.Join(dir, "fatal.csv")
	require.NoError(t, os.WriteFile(fatal, []byte("person,training,completed_at\na,x,yesterday\n"), 0o644))
	unknown := filepath.Join(dir, "unknown.csv")
	require.NoError(t, os.WriteFile(unknown, []byte("person,training,completed_at\nzoe,x,2026-01-01\n"), 0o644))
	evidenceRead := false
	cfg := Config{Controls: []string{controls}, Policies: pack, Workspace: ws, Now: func() time.Time { return time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) },
		Collect: func(context.Context, *model.Workspace) ([]*evidence.Snapshot, error) {
			evidenceRead = true
			return []*evidence.Snapshot{{Schema: evidence.SchemaV1, Resources: []evidence.Resource{widget("w1", map[string]any{"bad": false})}}}, nil
		}}

	var told governance.RecordProblems
	cfg.Records, cfg.OnLoad = fatal, func(l Loaded) { told = l.RecordProblems }
	_, err := Run(context.Background(), cfg)
	var problems governance.RecordProblems
	require.ErrorAs(t, err, &problems)
	assert.Equal(t, told, problems)
	assert.True(t, problems.Fatal())
	assert.False(t, evidenceRead, "no evidence is collected after fatal record problems")

	told = nil
	cfg.Records = unknown
	r, err := Run(context.Background(), cfg)
	require.NoError(t, err)
	require.Len(t, told, 1)
	assert.Equal(t, "training records: "+told[0].String(), r.Warnings[len(r.Warnings)-1])
}
