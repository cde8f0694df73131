package authoring_test

import (
	"regexp"
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
