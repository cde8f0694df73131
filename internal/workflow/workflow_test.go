package workflow

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func parseFile(t *testing.T, name string) Result {
	t.Helper()
	src, err := os.ReadFile("testdata/" + name)
	require.NoError(t, err)
	return Parse(src)
}

func TestParseDangerous(t *testing.T) {
	t.Parallel()
	r := parseFile(t, "dangerous.yml")
	require.Empty(t, r.Unknown)
	a := r.Attributes
	require.Equal(t, true, a["privileged_trigger"])
	require.Equal(t, []string{"pull_request_target"}, a["triggers"])
	require.Equal(t, true, a["permissions"].(map[string]any)["write_all"])

	pinned := map[string]bool{}
	kinds := map[string]string{}
	for _, act := range a["actions"].([]map[string]any) {
		pinned[act["uses"].(string)] = act["pinned"].(bool)
		kinds[act["uses"].(string)] = act["kind"].(string)
	}
	require.Equal(t, map[string]bool{
		"actions/checkout@v4": false, "./local-action": true, "docker://alpine:3": false,
		"actions/labeler@8558fd74291d67161a8a78ce36a881fa63b766a9": true,
	}, pinned)
	require.Equal(t, "local", kinds["./local-action"])
	require.Equal(t, "docker", kinds["docker://alpine:3"])

	inj := a["script_injections"].([]map[string]any)
	require.Len(t, inj, 2)
	require.Equal(t, "github.event.pull_request.title", inj[0]["expression"])
	require.Equal(t, 17, inj[0]["line"], "the line of the interpolation inside the block")
	require.Equal(t, "github.head_ref", inj[1]["expression"])
	require.Equal(t, 18, inj[1]["line"])

	co := a["pr_head_checkouts"].([]map[string]any)
	require.Len(t, co, 1)
	require.Equal(t, 12, co[0]["line"])

	sh := a["self_hosted_runners"].([]map[string]any)
	require.Len(t, sh, 1)
	require.Equal(t, "build", sh[0]["job"])

	jobs := a["jobs"].([]map[string]any)
	require.Equal(t, "label", jobs[1]["id"])
	require.Equal(t, []string{"pull-requests"}, jobs[1]["permissions"].(map[string]any)["write_scopes"])
	require.Equal(t, false, jobs[0]["permissions"].(map[string]any)["declared"])
}

func TestParseSafe(t *testing.T) {
	t.Parallel()
	a := parseFile(t, "safe.yml").Attributes
	require.Equal(t, false, a["privileged_trigger"])
	require.Empty(t, a["script_injections"], "an untrusted value passed through env is not interpolated into the script")
	require.Empty(t, a["pr_head_checkouts"])
	require.Empty(t, a["self_hosted_runners"])
	require.Equal(t, []string{}, a["permissions"].(map[string]any)["write_scopes"])
	require.Equal(t, true, a["permissions"].(map[string]any)["declared"])
}

func TestParseFailsClosed(t *testing.T) {
	t.Parallel()
	cases := map[string][]byte{
		"broken":   mustRead(t, "testdata/broken.yml"),
		"not yaml": []byte("on: [push\n"),
		"empty":    nil,
		"too big":  []byte(strings.Repeat("#", MaxFileBytes+1)),
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			r := Parse(src)
			require.Empty(t, r.Attributes)
			require.Len(t, r.Unknown, len(Attributes))
			for _, attr := range Attributes {
				require.NotEmpty(t, r.Unknown[attr], attr)
			}
		})
	}
	require.Contains(t, Parse(mustRead(t, "testdata/broken.yml")).Unknown["actions"], "line 6")
}

func TestUntrustedContexts(t *testing.T) {
	t.Parallel()
	for expr, want := range map[string]bool{
		"github.event.issue.title":              true,
		"github.event.comment.body":             true,
		"github.event.commits[0].message":       true,
		"github.event.pages.*.page_name":        true,
		"github.event.head_commit.author.email": true,
		"github.event.workflow_run.head_branch": true,
		"github.head_ref":                       true,
		"github.event.pull_request.number":      false,
		"github.sha":                            false,
		"github.event.issue.titles":             false,
	} {
		require.Equal(t, want, untrustedContexts.MatchString(expr), expr)
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	require.NoError(t, err)
	return b
}
