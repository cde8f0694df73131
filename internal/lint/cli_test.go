package lint_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/cli"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

func rampart(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := cli.Run(context.Background(), args, cli.Params{Stdout: &out, Stderr: &errOut, Now: time.Now})
	return out.String(), errOut.String(), code
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file: run go test ./internal/lint/ -update")
	require.Equal(t, string(want), got)
}

func TestLintCommand(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
	}{
		{"good", []string{"lint", "testdata/good"}, 0},
		{"bad-text", []string{"lint", "testdata/bad"}, 1},
		{"bad-json", []string{"lint", "--format", "json", "testdata/bad"}, 1},
		{"bad-sarif", []string{"lint", "--format", "sarif", "testdata/bad"}, 1},
		{"good-json", []string{"lint", "--format", "json", "testdata/good"}, 0},
		{"broken", []string{"lint", "testdata/broken"}, 2},
		{"bad-format", []string{"lint", "--format", "xml", "testdata/good"}, 2},
		{"not-rego", []string{"lint", "testdata/golden/bad-text.stdout"}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := rampart(t, tc.args...)
			require.Equal(t, tc.code, code, "stdout:\n%s\nstderr:\n%s", out, errOut)
			golden(t, tc.name+".stdout", out)
			golden(t, tc.name+".stderr", errOut)
		})
	}
}

// The SARIF log must be valid SARIF 2.1.0, checked against the official
// schema the report package keeps for its own SARIF writer.
func TestLintSARIFIsValid(t *testing.T) {
	out, _, code := rampart(t, "lint", "--format", "sarif", "testdata/bad")
	require.Equal(t, 1, code)
	schemaDoc, err := os.ReadFile("../report/testdata/sarif-schema-2.1.0.json")
	require.NoError(t, err)
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaDoc))
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	require.NoError(t, c.AddResource("sarif-schema-2.1.0.json", doc))
	schema, err := c.Compile("sarif-schema-2.1.0.json")
	require.NoError(t, err)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(out)))
	require.NoError(t, err)
	require.NoError(t, schema.Validate(inst))
}
