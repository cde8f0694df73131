package authoring_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/clitest"
)

// Test durations vary run to run; everything else in the output must not.
var durations = regexp.MustCompile(`\(\d+\.\d\ds\)|time="\d+\.\d{3}"`)

func golden(t *testing.T, name, got string) {
	t.Helper()
	got = durations.ReplaceAllStringFunc(got, func(s string) string {
		if s[0] == '(' {
			return "(0.00s)"
		}
		return `time="0.000"`
	})
	clitest.Golden(t, name, got)
}

func TestTestCommand(t *testing.T) {
	base := []string{"test", "--controls", "testdata/builtin", "--policies", "testdata/pack"}
	for _, tc := range []struct {
		name string
		args []string
		code int
	}{
		{"ok", []string{"testdata/ws/ok"}, 0},
		{"ok-verbose", []string{"-v", "testdata/ws/ok"}, 0},
		{"ok-junit", []string{"--format", "junit", "testdata/ws/ok"}, 0},
		{"ok-run", []string{"--run", "pab_configured_test.test_fail", "-v", "testdata/ws/ok"}, 0},
		{"gaps", []string{"testdata/ws/gaps"}, 1},
		{"gaps-junit", []string{"--format", "junit", "testdata/ws/gaps"}, 1},
		{"failing", []string{"testdata/ws/failing"}, 1},
		// --explain alone is fails; the value comes after "=", so the
		// workspace argument is not taken for it.
		{"failing-explain", []string{"--explain", "testdata/ws/failing"}, 1},
		{"failing-explain-full", []string{"--explain=full", "testdata/ws/failing"}, 1},
		{"failing-explain-notes", []string{"--explain=notes", "testdata/ws/failing"}, 1},
		{"failing-explain-junit", []string{"--explain", "--format", "junit", "testdata/ws/failing"}, 1},
		{"ok-explain", []string{"--explain", "testdata/ws/ok"}, 0},
		{"bad-explain", []string{"--explain=why", "testdata/ws/ok"}, 2},
		{"clash", []string{"testdata/ws/clash"}, 2},
		{"same-package", []string{"testdata/ws/samepkg"}, 2},
		{"bad-rego", []string{"testdata/ws/badrego"}, 2},
		{"unsafe-builtin", []string{"testdata/ws/unsafe"}, 2},
		{"bad-hcl", []string{"testdata/ws/badhcl"}, 2},
		{"bad-reference", []string{"testdata/ws/badref"}, 2},
		{"bad-run", []string{"--run", "(", "testdata/ws/ok"}, 2},
		{"bad-format", []string{"--format", "xml", "testdata/ws/ok"}, 2},
		{"missing-workspace", []string{"testdata/ws/nope"}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := clitest.Run(t, append(append([]string{}, base...), tc.args...)...)
			require.Equal(t, tc.code, code, "stdout:\n%s\nstderr:\n%s", out, errOut)
			golden(t, "test/"+tc.name+".stdout", out)
			golden(t, "test/"+tc.name+".stderr", errOut)
		})
	}
}

// --explain prints, under the failing test only, where it failed and the
// values that made it fail; a passing run prints no trace.
func TestExplainShowsTheFailingValues(t *testing.T) {
	base := []string{"test", "--controls", "testdata/builtin", "--policies", "testdata/pack"}
	out, errOut, code := clitest.Run(t, append(base, "--explain", "testdata/ws/failing")...)
	require.Equal(t, 1, code, errOut)
	_, after, found := strings.Cut(out, "--- FAIL: data.rampart.aws.s3.pab_configured_test.test_fail_when_off")
	require.True(t, found, out)
	require.Contains(t, after, "explain (fails):")
	require.Contains(t, after, "failed at testdata/ws/failing/controls/acme/pab_configured_test.rego:20:")
	require.Contains(t, after, `off: {"attributes": {"public_access_block": {"configured": false}}`, "the input's value")
	require.Contains(t, after, `"example: public_access_block.configured is off"`, "what deny produced")
	require.Equal(t, 1, strings.Count(out, "explain ("), "only the failing test is explained")

	out, _, code = clitest.Run(t, append(base, "--explain", "testdata/ws/ok")...)
	require.Equal(t, 0, code)
	require.NotContains(t, out, "explain (")
}
