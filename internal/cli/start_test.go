package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const smallEvidence = "testdata/small/evidence/github.json"

// TestInit: the workspace init writes loads, audits a snapshot with exit 0,
// says what to do without evidence (exit 2, the documented message), and is
// never written over an existing workspace.
func TestInit(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "ws")
	r := run(t, "init", dir)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "created "+filepath.Join(dir, "workspace.hcl"))
	written, err := os.ReadFile(filepath.Join(dir, "workspace.hcl"))
	require.NoError(t, err)
	assert.Equal(t, initWorkspace, written)

	audit := run(t, "audit", dir, "--evidence", smallEvidence)
	assert.Equal(t, 0, audit.code, audit.stderr)
	assert.NotContains(t, audit.stderr, "Error", "the initial workspace has no diagnostic")
	assert.Contains(t, audit.stderr, "rampart audit exit 0: no failure at or above low")

	noEvidence := run(t, "audit", dir)
	assert.Equal(t, 2, noEvidence.code)
	assert.Contains(t, noEvidence.stderr, "no evidence: pass --evidence FILE")

	again := run(t, "init", dir)
	assert.Equal(t, 2, again.code)
	assert.Contains(t, again.stderr, "already holds a workspace")
	after, err := os.ReadFile(filepath.Join(dir, "workspace.hcl"))
	require.NoError(t, err)
	assert.Equal(t, written, after)

	file := writeFile(t, t.TempDir(), "x.hcl", "")
	refused := run(t, "init", file)
	assert.Equal(t, 2, refused.code)
	assert.Contains(t, refused.stderr, "is a file, not a folder")
}

func TestAuditWorkspaceArgument(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		args       []string
		want       int
		wantStderr []string
	}{
		{"a snapshot given as the workspace", []string{"audit", smallEvidence}, 2,
			[]string{"rampart: " + smallEvidence + " is a file; did you mean --evidence " + smallEvidence + "?"}},
		// The package folder holds no *.hcl: the embedded pack alone.
		{"no workspace with --evidence", []string{"audit", "--evidence", smallEvidence}, 0,
			[]string{"note: no workspace here (no *.hcl in the current folder): auditing against the embedded governance pack only", "rampart audit exit 0"}},
		{"no workspace, no evidence", []string{"audit"}, 2, []string{"No workspace found"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := run(t, tc.args...)
			assert.Equal(t, tc.want, r.code, r.stderr)
			for _, s := range tc.wantStderr {
				assert.Contains(t, r.stderr, s)
			}
		})
	}
}

func TestUnknownSubcommands(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		args       []string
		want       int
		wantStderr string
	}{
		{"unknown command", []string{"nope"}, 2, `unknown command "nope" for "rampart"`},
		{"unknown subcommand of new", []string{"new", "workspace"}, 2, `unknown command "workspace" for "rampart new" (commands: control)`},
		{"near miss suggests", []string{"new", "contrl"}, 2, `did you mean "control"?`},
		{"unknown collector", []string{"collect", "gitlab"}, 2, `unknown command "gitlab" for "rampart collect"`},
		{"a group alone prints its help", []string{"new"}, 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := run(t, tc.args...)
			assert.Equal(t, tc.want, r.code, r.stdout+r.stderr)
			assert.Contains(t, r.stderr, tc.wantStderr)
		})
	}
}

// TestVersionEverywhere: every place the version shows reads one resolution; the
// build information wins only when no -ldflags version was set. Not
// parallel: it replaces readBuildInfo.
func TestVersionEverywhere(t *testing.T) {
	saved := readBuildInfo
	t.Cleanup(func() { readBuildInfo = saved })
	tests := []struct {
		name, ldflags, module, want string
	}{
		{"a checkout build", "dev", "(devel)", "dev"},
		{"go install …@v1.4.0", "dev", "v1.4.0", "v1.4.0"},
		{"ldflags win", "v1.5.0-rc1", "v1.4.0", "v1.5.0-rc1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			readBuildInfo = func() (*debug.BuildInfo, bool) {
				return &debug.BuildInfo{Main: debug.Module{Path: "github.com/rampart-audit/rampart", Version: tc.module}}, true
			}
			savedVersion := Version
			Version = tc.ldflags
			defer func() { Version = savedVersion }()

			assert.Equal(t, "rampart "+tc.want+"\n", run(t, "version").stdout)
			assert.Equal(t, "rampart "+tc.want+"\n", run(t, "--version").stdout)

			dir := t.TempDir()
			jsonPath, sarifPath := filepath.Join(dir, "r.json"), filepath.Join(dir, "r.sarif")
			r := run(t, "audit", "testdata/small", "--format", "json="+jsonPath, "--format", "sarif="+sarifPath)
			require.Equal(t, 0, r.code, r.stderr)
			var report struct {
				Version string `json:"rampart_version"`
			}
			require.NoError(t, json.Unmarshal(readFile(t, jsonPath), &report))
			assert.Equal(t, tc.want, report.Version)
			var sarif struct {
				Runs []struct {
					Tool struct {
						Driver struct {
							Version string `json:"version"`
						} `json:"driver"`
					} `json:"tool"`
				} `json:"runs"`
			}
			require.NoError(t, json.Unmarshal(readFile(t, sarifPath), &sarif))
			require.Len(t, sarif.Runs, 1)
			assert.Equal(t, tc.want, sarif.Runs[0].Tool.Driver.Version)
		})
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return data
}
