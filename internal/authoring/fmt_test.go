package authoring_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/clitest"
)

// copyTree copies a testdata folder into a temporary one and makes it the
// working folder, so commands that write never touch testdata.
func copyTree(t *testing.T, from string) string {
	t.Helper()
	abs, err := filepath.Abs(from)
	require.NoError(t, err)
	dst := t.TempDir()
	require.NoError(t, os.CopyFS(dst, os.DirFS(abs)))
	t.Chdir(dst)
	return dst
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	return string(b)
}

func TestFmtCheckListsUnformattedAndWritesNothing(t *testing.T) {
	copyTree(t, "testdata/fmt/good")
	before := read(t, "messy.rego")
	out, errOut, code := clitest.Run(t, "fmt", "--check", ".")
	require.Equal(t, 1, code)
	require.Equal(t, "messy.hcl\nmessy.rego\n", out)
	require.Equal(t, "rampart: 2 file(s) not formatted: run rampart fmt\n", errOut)
	require.Equal(t, before, read(t, "messy.rego"))
}

func TestFmtRewritesThenCheckPasses(t *testing.T) {
	copyTree(t, "testdata/fmt/good")
	out, _, code := clitest.Run(t, "fmt")
	require.Equal(t, 0, code)
	require.Equal(t, "messy.hcl\nmessy.rego\n", out)
	require.Equal(t, "package acme.messy\n\nimport data.rampart.lib\n\ndeny contains \"x\" if lib.attr(\"x\") == false\n", read(t, "messy.rego"))
	require.Equal(t, read(t, "tidy.hcl"), read(t, "messy.hcl"))
	out, errOut, code := clitest.Run(t, "fmt", "--check", "messy.rego", "messy.hcl")
	require.Equal(t, 0, code, errOut)
	require.Empty(t, out)
	entries, err := os.ReadDir(".")
	require.NoError(t, err)
	require.Len(t, entries, 4, "no temporary files left behind")
}

func TestFmtRejects(t *testing.T) {
	for _, tc := range []struct {
		name, dir string
		args      []string
		stderr    string
	}{
		{"rego syntax error", "testdata/fmt/badrego", []string{"fmt", "--check"}, "bad.rego:5:1: unexpected } token\nrampart: 1 file(s) do not parse\n"},
		{"hcl syntax error", "testdata/fmt/badhcl", []string{"fmt"}, "bad.hcl:2:11: Invalid expression: Expected the start of an expression, but found an invalid expression token.\nrampart: 1 file(s) do not parse\n"},
		{"not a source file", "testdata/fmt/good", []string{"fmt", "--check", "notes.txt"}, "rampart: stat notes.txt: no such file or directory\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			copyTree(t, tc.dir)
			before, _ := os.ReadFile("bad.hcl")
			out, errOut, code := clitest.Run(t, tc.args...)
			require.Equal(t, 2, code)
			require.Empty(t, out)
			require.Equal(t, tc.stderr, errOut)
			after, _ := os.ReadFile("bad.hcl")
			require.Equal(t, before, after, "a file that does not parse is left alone")
		})
	}
}
