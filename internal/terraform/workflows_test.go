package terraform

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/evidence"
)

const safeWorkflow = `on: pull_request
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
`

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	}
	return root
}

func workflowsOf(s *evidence.Snapshot) map[string]evidence.Resource {
	out := map[string]evidence.Resource{}
	for _, r := range s.Resources {
		if r.Type == evidence.TypeGitHubWorkflow {
			out[r.ID] = r
		}
	}
	return out
}

func TestGateReadsWorkflows(t *testing.T) {
	t.Parallel()
	root := writeTree(t, map[string]string{
		"main.tf":                     `resource "github_repository" "r" { name = "r" }`,
		".github/workflows/ci.yml":    safeWorkflow,
		".github/workflows/bad.yaml":  "on: [push\n",
		".github/workflows/README.md": "not a workflow",
		"sub/.github/workflows/x.yml": safeWorkflow, // not a scanned folder's root
	})
	res, err := Load(context.Background(), Dir(root), []string{"."}, Options{})
	require.NoError(t, err)
	got := workflowsOf(res.Snapshot)
	require.Len(t, got, 2)

	ci := got[".github/workflows/ci.yml"]
	require.Equal(t, evidence.Source{Kind: "terraform", File: ".github/workflows/ci.yml", Line: 1}, ci.Source)
	require.Equal(t, "terraform", ci.Scope.Platform)
	require.Equal(t, false, ci.Attributes["privileged_trigger"])
	require.Contains(t, ci.Unknown["repository_visibility"], "live collector")

	bad := got[".github/workflows/bad.yaml"]
	require.Contains(t, bad.Unknown["actions"], "does not parse")
	require.NotContains(t, bad.Attributes, "actions")
	require.Equal(t, ".github/workflows/bad.yaml", bad.Attributes["path"])
	require.Empty(t, res.Snapshot.NotCollected, "a Terraform module gap never names workflows")
}

func TestGateWorkflowsWithoutTerraform(t *testing.T) {
	t.Parallel()
	root := writeTree(t, map[string]string{".github/workflows/ci.yml": safeWorkflow})
	res, err := Load(context.Background(), Dir(root), []string{"."}, Options{})
	require.NoError(t, err)
	require.Len(t, workflowsOf(res.Snapshot), 1)

	empty := writeTree(t, map[string]string{"README.md": "x"})
	_, err = Load(context.Background(), Dir(empty), []string{"."}, Options{})
	require.ErrorIs(t, err, ErrNoConfiguration, "neither Terraform nor workflows: a mistyped folder")
}

func TestGateWorkflowLinksNotFollowed(t *testing.T) {
	t.Parallel()
	outside := writeTree(t, map[string]string{"secret.yml": "on: push\njobs: {}\n", "wf/ci.yml": safeWorkflow})

	fileLink := writeTree(t, map[string]string{"main.tf": `locals { a = 1 }`})
	require.NoError(t, os.MkdirAll(filepath.Join(fileLink, ".github", "workflows"), 0o755))
	require.NoError(t, os.Symlink(filepath.Join(outside, "secret.yml"), filepath.Join(fileLink, ".github", "workflows", "ci.yml")))
	res, err := Load(context.Background(), Dir(fileLink), []string{"."}, Options{})
	require.NoError(t, err)
	r := workflowsOf(res.Snapshot)[".github/workflows/ci.yml"]
	require.Contains(t, r.Unknown["triggers"], "symbolic link")
	require.NotContains(t, r.Attributes, "triggers")

	dirLink := writeTree(t, map[string]string{"main.tf": `locals { a = 1 }`})
	require.NoError(t, os.MkdirAll(filepath.Join(dirLink, ".github"), 0o755))
	require.NoError(t, os.Symlink(filepath.Join(outside, "wf"), filepath.Join(dirLink, ".github", "workflows")))
	res, err = Load(context.Background(), Dir(dirLink), []string{"."}, Options{})
	require.NoError(t, err)
	require.Empty(t, workflowsOf(res.Snapshot))
	require.Len(t, res.Snapshot.NotCollected, 1)
	nc := res.Snapshot.NotCollected[0]
	require.Equal(t, evidence.TypeGitHubWorkflow, nc.ResourceType)
	require.Contains(t, nc.Reason, "symbolic link")
}
