package authoring

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/pipeline"
)

// A workspace control whose resource type the registry does not list
// loads (the engine accepts it: a snapshot may carry such types), but
// `rampart test` says so: a misspelt type would make the control run on
// nothing, without a word.
func TestUnknownResourceTypeIsReported(t *testing.T) {
	ws := t.TempDir()
	ctl := `# METADATA
# title: Typo
# custom:
#   id: AWS-S3-099
#   severity: low
#   resource_types: [aws.s3.buckt]
#   frameworks:
#     iso27001-2022: ["A.8.9"]
#   remediation:
#     console: Fix it.
#     terraform: Fix it in code.
package rampart.aws.s3.typo

deny contains "off" if input.attributes.flag == false
`
	require.NoError(t, os.MkdirAll(filepath.Join(ws, "controls"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(ws, "controls", "typo.rego"), []byte(ctl), 0o644))
	sources, err := pipeline.ControlSources([]string{"testdata/builtin"})
	require.NoError(t, err)
	pack, name := pipeline.Pack("testdata/pack")
	rep, err := RunTests(context.Background(), TestOptions{Sources: sources, ControlPaths: []string{"testdata/builtin"}, Workspace: ws, Pack: pack, PackName: name})
	require.NoError(t, err)
	require.Contains(t, rep.Notes, "warning: "+filepath.Join(ws, "controls", "typo.rego")+`:1:1: resource type "aws.s3.buckt" is not documented in docs/resources.md (unknown-resource-type)`)
	require.Equal(t, 2, rep.Controls, "the control still loads")
}
