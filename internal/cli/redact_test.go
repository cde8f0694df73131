package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/report"
)

// The CI job token of actions/checkout as it sits in .git/config, and
// other credentials a hostile or careless PR could place in a value.
const (
	leakJobToken = "ghs_FAKEtoken1234567890abcdef"
	leakPAT      = "ghp_R4mp4rtCliLeakCheck000000000000000000"
	leakKeyID    = "AKIACLILEAKCHECK0KEY"
	leakSlack    = "xoxb-CliLeakCheckSlack-0123456789"
)

var leakFragments = []string{"FAKEtoken1234567890abcdef", "R4mp4rtCliLeakCheck", "CLILEAKCHECK0", "CliLeakCheckSlack"}

func requireNoLeak(t *testing.T, where, text string) {
	t.Helper()
	for _, f := range leakFragments {
		require.NotContains(t, text, f, "%s leaks a credential", where)
	}
}

// TestGateRedactsEveryOutput is issue 10's attack with the value already
// through: whatever a bucket name carries (here, the contents of
// .git/config, as `file("../.git/config")` would have read it) appears in
// no report of any format, on standard output or in the log.
func TestGateRedactsEveryOutput(t *testing.T) {
	dir := t.TempDir()
	gitConfig := `[http \"https://github.com/\"]\n\textraheader = AUTHORIZATION: basic ` + leakJobToken + `\n`
	writeFile(t, dir, "terraform/main.tf", `resource "aws_s3_bucket" "leaked" {
  bucket = "`+gitConfig+`"
}

resource "aws_s3_bucket" "named" {
  bucket = "acme-`+leakPAT+`-`+leakKeyID+`-`+leakSlack+`"
}
`)
	out := t.TempDir()
	args := []string{"gate", "terraform", "--allow-unknown", "--fail-on", "info", "--format", "text"}
	for _, f := range report.Formats() {
		args = append(args, "--format", f+"="+filepath.Join(out, "r."+f))
	}
	t.Chdir(dir)
	res := run(t, args...)
	require.Equal(t, 1, res.code, res.stderr)
	require.Contains(t, res.stdout, "[REDACTED:github-token]", "the test must reach a report")
	requireNoLeak(t, "standard output", res.stdout)
	requireNoLeak(t, "standard error", res.stderr)
	for _, f := range report.Formats() {
		data, err := os.ReadFile(filepath.Join(out, "r."+f))
		require.NoError(t, err)
		requireNoLeak(t, f+" report", string(data))
	}
	// The baseline the JSON report becomes still matches this run: nothing
	// new, although the IDs it shows are redacted.
	t.Chdir(dir)
	again := run(t, "gate", "terraform", "--allow-unknown", "--fail-on", "info", "--baseline", filepath.Join(out, "r.json"))
	require.Equal(t, 0, again.code, again.stderr)
	require.Contains(t, again.stderr, " 0 new,")
	requireNoLeak(t, "standard error", again.stderr)
}

// TestLogIsRedacted: an error quoting its input goes through the
// redacting log like everything on standard error.
func TestLogIsRedacted(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "evidence-"+leakPAT+".json")
	res := run(t, "audit", "../../examples/acme", "--evidence", missing)
	require.Equal(t, 2, res.code)
	require.Contains(t, res.stderr, "evidence-[REDACTED:github-token].json")
	requireNoLeak(t, "standard error", res.stderr)
	require.True(t, strings.HasSuffix(res.stderr, "\n"), "the last line is written whole: %q", res.stderr)
}
