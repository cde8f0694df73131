// Package clitest runs the rampart command line in-process for the tests of
// the packages behind its commands, and compares output with golden files
// under testdata/golden.
package clitest

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/cli"
	"github.com/rampart-audit/rampart/internal/golden"
)

// Now is the clock every in-process run sees, so dates in output are stable.
var Now = time.Date(2026, 11, 27, 4, 0, 0, 0, time.UTC)

// Run executes `rampart args...` and returns standard output, standard error
// and the exit code.
func Run(t testing.TB, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := cli.Run(context.Background(), args, cli.Params{
		Stdout: &out, Stderr: &errOut,
		Now: func() time.Time { return Now },
	})
	return out.String(), errOut.String(), code
}

// Golden compares got with testdata/golden/NAME of the calling package, or
// rewrites that file under -update (internal/golden).
func Golden(t testing.TB, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if golden.Update() {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file %s: run go test with -update", path)
	require.Equal(t, string(want), got)
}
