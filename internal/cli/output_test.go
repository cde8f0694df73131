package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/report"
)

// noTemporaryFiles fails on any .NAME.tmp-* file under dir.
func noTemporaryFiles(t *testing.T, dir string) {
	t.Helper()
	require.NoError(t, filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), ".tmp-") {
			t.Errorf("temporary file left behind: %s", path)
		}
		return err
	}))
}

// TestFormatOutputsAllOrNone: with several --format NAME=FILE, when one
// cannot be written none is: the complete ones before it are not renamed
// into place (a PR comment of a run that did not finish must not be
// posted), an older report there stays as it was, no temporary file is
// left, and the exit code is 2 with the failing file named.
func TestFormatOutputsAllOrNone(t *testing.T) {
	small, err := filepath.Abs("testdata/small")
	require.NoError(t, err)
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "infra/main.tf", openSSH)
	writeFile(t, dir, "plain", "a file, not a folder")
	writeFile(t, dir, "old/r.json", "previous report")
	tests := []struct {
		name    string
		args    []string
		failing string
	}{
		{"gate, second folder missing", []string{"gate", "infra", "--format", "markdown=c.md", "--format", "sarif=missing/r.sarif"}, "missing/r.sarif"},
		{"gate, second folder is a file", []string{"gate", "infra", "--format", "markdown=c.md", "--format", "sarif=plain/r.sarif"}, "plain/r.sarif"},
		{"gate, first of three fails", []string{"gate", "infra", "--format", "json=missing/r.json", "--format", "markdown=c.md", "--format", "junit=j.xml"}, "missing/r.json"},
		{"gate keeps an older report", []string{"gate", "infra", "--format", "json=old/r.json", "--format", "sarif=missing/r.sarif"}, "missing/r.sarif"},
		{"audit", []string{"audit", small, "--format", "markdown=c.md", "--format", "html=missing/r.html"}, "missing/r.html"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := run(t, tc.args...)
			assert.Equal(t, 2, res.code, res.stderr)
			assert.Contains(t, res.stderr, "no report written: "+tc.failing)
			for _, f := range []string{"c.md", "j.xml", "r.sarif", "missing"} {
				assert.NoFileExists(t, filepath.Join(dir, f))
			}
			old, err := os.ReadFile(filepath.Join(dir, "old/r.json"))
			require.NoError(t, err)
			assert.Equal(t, "previous report", string(old))
			noTemporaryFiles(t, dir)
		})
	}

	// The same outputs, all writable, are all written.
	res := run(t, "gate", "infra", "--format", "markdown=c.md", "--format", "sarif=old/r.sarif", "--format", "json=old/r.json")
	require.Equal(t, 1, res.code, res.stderr)
	for _, f := range []string{"c.md", "old/r.sarif"} {
		assert.FileExists(t, filepath.Join(dir, f))
	}
	require.NotNil(t, readReport(t, filepath.Join(dir, "old/r.json")).Gate, "the older report was replaced")
	noTemporaryFiles(t, dir)
}

// TestFormatOutputsInterrupted: an interrupt (SIGINT/SIGTERM cancel the
// command's context in cmd/rampart) that arrives once the report is built
// writes nothing and exits 130: the run did not finish.
func TestFormatOutputsInterrupted(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "infra/main.tf", openSSH)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	beforeWrite = func(*report.Report) { cancel() }
	defer func() { beforeWrite = nil }()

	var out, errb strings.Builder
	code := Run(ctx, []string{"gate", "infra", "--format", "markdown=c.md", "--format", "json=r.json", "--format", "text"},
		Params{Stdout: &out, Stderr: &errb, Now: func() time.Time { return fixedNow }})
	assert.Equal(t, 130, code, errb.String())
	assert.Contains(t, errb.String(), "interrupted")
	assert.Contains(t, errb.String(), "context canceled")
	assert.NoFileExists(t, filepath.Join(dir, "c.md"))
	assert.NoFileExists(t, filepath.Join(dir, "r.json"))
	noTemporaryFiles(t, dir)
}
