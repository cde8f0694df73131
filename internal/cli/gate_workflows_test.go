package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/finding"
)

// pwnRequest checks out and runs a fork's code with the base repository's
// token (GH-WF-002, critical) and pins nothing.
const pwnRequest = `name: preview
on:
  pull_request_target:
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: make preview
`

const hardened = `on: pull_request
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
`

// TestGateWorkflows: `rampart gate` on a repository without Terraform reads
// its workflow files, the built-in workflow controls judge them, SARIF
// points into the file, and a file that does not parse is not evaluated
// (exit 3), never a pass.
func TestGateWorkflows(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	wf := filepath.Join(dir, ".github", "workflows")
	require.NoError(t, os.MkdirAll(wf, 0o755))
	write := func(name, body string) {
		require.NoError(t, os.WriteFile(filepath.Join(wf, name), []byte(body), 0o644))
	}

	write("ci.yml", hardened)
	res := run(t, "gate", ".", "--format", "json=r.json")
	require.Equal(t, 0, res.code, res.stderr)
	for _, f := range readReport(t, filepath.Join(dir, "r.json")).Findings {
		if f.Resource.Type == "github.workflow" {
			require.Contains(t, []finding.Status{finding.Pass}, f.Status, "%s %s", f.ControlID, f.Message)
		}
	}

	write("preview.yml", pwnRequest)
	res = run(t, "gate", ".", "--format", "json=r.json", "--format", "sarif=r.sarif")
	require.Equal(t, 1, res.code, res.stderr)
	byControl := map[string]finding.Finding{}
	for _, f := range readReport(t, filepath.Join(dir, "r.json")).Findings {
		if f.Resource.ID == ".github/workflows/preview.yml" {
			byControl[f.ControlID] = f
		}
	}
	require.Equal(t, finding.Fail, byControl["GH-WF-002"].Status)
	require.Contains(t, byControl["GH-WF-002"].Message, "job build, line 12")
	require.Equal(t, finding.Fail, byControl["GH-WF-001"].Status)
	require.Equal(t, finding.Pass, byControl["GH-WF-004"].Status)

	var sarif struct {
		Runs []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					Physical struct {
						Artifact struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	raw, err := os.ReadFile(filepath.Join(dir, "r.sarif"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(raw, &sarif))
	located := false
	for _, r := range sarif.Runs[0].Results {
		if r.RuleID == "GH-WF-002" && len(r.Locations) > 0 {
			loc := r.Locations[0].Physical
			require.Equal(t, ".github/workflows/preview.yml", loc.Artifact.URI)
			require.Equal(t, 3, loc.Region.StartLine, "the line of the pull_request_target trigger")
			located = true
		}
	}
	require.True(t, located, "GH-WF-002 has a file location in SARIF")

	require.NoError(t, os.Remove(filepath.Join(wf, "preview.yml")))
	write("broken.yml", "on: push\njobs:\n  build:\n    steps:\n      - run: echo\n")
	res = run(t, "gate", ".", "--format", "json=r.json")
	require.Equal(t, 3, res.code, res.stderr)
	for _, f := range readReport(t, filepath.Join(dir, "r.json")).Findings {
		if f.Resource.ID == ".github/workflows/broken.yml" {
			require.Equal(t, finding.NotEvaluated, f.Status, "%s", f.ControlID)
			require.Contains(t, f.Message, "does not parse")
		}
	}
}
