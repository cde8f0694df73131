package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/bundle"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/engine"
)

const bundleControl = `# METADATA
# title: Bucket names carry the team prefix
# custom:
#   id: %s
#   severity: low
#   resource_types: [aws.s3.bucket]
#   frameworks:
#     iso27001-2022: ["A.5.9"]
#   remediation:
#     console: Rename the bucket.
#     terraform: Rename the bucket.
package acme.naming

deny contains "bucket name lacks the acme- prefix" if not startswith(input.attributes.name, "acme-")
`

// writeBundle builds an OPA bundle with OPA's own writer, as `opa build` would.
func writeBundle(t *testing.T, id string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "policies.tar.gz")
	b := bundle.Bundle{
		Data: map[string]any{},
		Modules: []bundle.ModuleFile{{
			URL:  "/acme/naming.rego",
			Path: "/acme/naming.rego",
			Raw:  []byte(strings.Replace(bundleControl, "%s", id, 1)),
		}},
	}
	f, err := os.Create(p)
	require.NoError(t, err)
	require.NoError(t, bundle.NewWriter(f).Write(b))
	require.NoError(t, f.Close())
	return p
}

func TestControlSourcesMergesEmbeddedAndBundle(t *testing.T) {
	p := writeBundle(t, "ACME-S3-001")
	sources, err := ControlSources([]string{EmbeddedControls, p})
	require.NoError(t, err)
	require.Len(t, sources, 2)
	eng, err := engine.New(context.Background(), sources)
	require.NoError(t, err)
	ctl := eng.Catalog().Get("ACME-S3-001")
	require.NotNil(t, ctl)
	require.Equal(t, filepath.Join(p, "acme/naming.rego"), filepath.FromSlash(ctl.File))
	require.NotNil(t, eng.Catalog().Get("AWS-S3-001"), "the embedded set is still loaded")
}

func TestControlSourcesBundleClashNamesBothFiles(t *testing.T) {
	p := writeBundle(t, "AWS-S3-001")
	sources, err := ControlSources([]string{EmbeddedControls, p})
	require.NoError(t, err)
	_, err = engine.New(context.Background(), sources)
	var problems engine.Problems
	require.True(t, errors.As(err, &problems), "got %v", err)
	require.Len(t, problems, 1)
	require.Contains(t, problems[0].String(), "control ID AWS-S3-001 is already defined at controls/aws/s3/public_access_block.rego:")
	require.True(t, strings.HasPrefix(problems[0].File, p), problems[0].File)
}

func TestControlSourcesRejects(t *testing.T) {
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "broken.tar.gz")
	require.NoError(t, os.WriteFile(corrupt, []byte("not gzip"), 0o644))
	text := filepath.Join(dir, "controls.txt")
	require.NoError(t, os.WriteFile(text, []byte("x"), 0o644))
	for name, tc := range map[string]struct {
		specs []string
		want  string
	}{
		"corrupt bundle": {[]string{corrupt}, "read bundle " + corrupt},
		"not a bundle":   {[]string{text}, "is not a folder, an OPA bundle (.tar.gz) or \"embedded\""},
		"missing":        {[]string{filepath.Join(dir, "nope")}, "no such file"},
		"twice":          {[]string{dir, dir}, "is given twice"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ControlSources(tc.specs)
			require.ErrorContains(t, err, tc.want)
		})
	}
}

func TestControlSourcesDefaultIsEmbedded(t *testing.T) {
	sources, err := ControlSources(nil)
	require.NoError(t, err)
	require.Len(t, sources, 1)
	require.Equal(t, "controls", sources[0].Name)
}
