package terraform

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestUntrustedConfiguration: what a pull request contains must not make
// the gate read files of the CI runner: symbolic links out of the folder,
// absolute paths and climbing paths in file().
func TestUntrustedConfiguration(t *testing.T) {
	t.Parallel()
	outside := t.TempDir()
	secret := filepath.Join(outside, "shadow")
	require.NoError(t, os.WriteFile(secret, []byte("root:SECRET-HASH\n"), 0o600))
	repo := t.TempDir()
	require.NoError(t, os.Symlink(secret, filepath.Join(repo, "evil.tf")))
	require.NoError(t, os.Symlink(secret, filepath.Join(repo, "policy.json")))
	require.NoError(t, os.WriteFile(filepath.Join(repo, "main.tf"), []byte(`
resource "aws_iam_policy" "abs" {
  name   = "abs"
  policy = file("`+secret+`")
}
resource "aws_iam_policy" "climb" {
  name   = "climb"
  policy = file("../`+filepath.Base(outside)+`/shadow")
}
resource "aws_iam_policy" "link" {
  name   = "link"
  policy = file("policy.json")
}
`), 0o644))

	res, err := Load(context.Background(), Dir(repo), []string{"."}, Options{})
	require.NoError(t, err)
	var all strings.Builder
	for _, d := range res.Diagnostics {
		all.WriteString(d.Error() + "\n")
	}
	require.True(t, res.Diagnostics.HasErrors(), "the escaping evil.tf cannot be read: %s", all.String())
	require.Contains(t, all.String(), "symbolic link leads outside the scanned folder")
	require.NotContains(t, all.String(), "SECRET-HASH")

	require.NoError(t, os.Remove(filepath.Join(repo, "evil.tf")))
	res, err = Load(context.Background(), Dir(repo), []string{"."}, Options{})
	require.NoError(t, err)
	require.NotNil(t, res.Snapshot, "%v", res.Diagnostics)
	for _, id := range []string{"aws_iam_policy.abs", "aws_iam_policy.climb", "aws_iam_policy.link"} {
		p := byID(t, res, id)
		require.NotContains(t, p.Attributes, "document", id)
		require.Contains(t, p.Unknown["document"], "cannot be evaluated statically", id)
	}
	var diags strings.Builder
	for _, d := range res.Diagnostics {
		diags.WriteString(d.Error() + "\n")
	}
	require.Contains(t, diags.String(), "absolute paths are not read")
	require.Contains(t, diags.String(), "outside the scanned folder")
	require.Contains(t, diags.String(), "policy.json is a symbolic link to "+secret+", outside the scanned folder")
	require.NotContains(t, diags.String(), "SECRET-HASH")
}
