package lint_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/clitest"
)

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
			out, errOut, code := clitest.Run(t, tc.args...)
			require.Equal(t, tc.code, code, "stdout:\n%s\nstderr:\n%s", out, errOut)
			clitest.Golden(t, tc.name+".stdout", out)
			clitest.Golden(t, tc.name+".stderr", errOut)
		})
	}
}

// The SARIF log must be valid SARIF 2.1.0, checked against the official
// schema the report package keeps for its own SARIF writer.
func TestLintSARIFIsValid(t *testing.T) {
	out, _, code := clitest.Run(t, "lint", "--format", "sarif", "testdata/bad")
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
