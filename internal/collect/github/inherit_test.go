package github_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ghc "github.com/rampart-audit/rampart/internal/collect/github"
	"github.com/rampart-audit/rampart/internal/collect/github/githubtest"
)

// TestInheritedSettings: a setting the organisation's policy fixes is
// taken from the policy without asking the repository, and says so under
// inherited; a repository the policy does not bind is still asked and
// read with its own value, which may differ from the organisation's.
func TestInheritedSettings(t *testing.T) {
	t.Parallel()
	for _, api := range []ghc.API{ghc.APIREST, ghc.APIGraphQL} {
		t.Run(string(api), func(t *testing.T) {
			t.Parallel()
			snap, _, srv := collectVia(t, githubtest.Governed(), githubtest.Faults{}, api)
			require.False(t, snap.Incomplete, snap.IncompleteReason)
			res := byID(snap)
			attr := func(repo, path string) any {
				t.Helper()
				v, ok := lookup(res["github.com/acme/"+repo].Attributes, path)
				require.True(t, ok, "%s: %s missing (unknown: %v)", repo, path, res["github.com/acme/"+repo].Unknown)
				return v
			}
			from := func(repo, path string) string {
				inh, _ := res["github.com/acme/"+repo].Attributes["inherited"].(map[string]any)
				s, _ := inh[path].(string)
				return s
			}
			asked := func(repo, endpoint string) int { return srv.PathCount("/repos/acme/" + repo + "/" + endpoint) }

			// Workflow permissions: the organisation's read-only, no-approval
			// choice binds every repository; web is set to write itself, and
			// GitHub (the stand-in) answers read for it too.
			for _, repo := range []string{"api", "web", "legacy"} {
				assert.Equal(t, "read", attr(repo, "actions.default_workflow_permissions"), repo)
				assert.Equal(t, false, attr(repo, "actions.can_approve_pull_request_reviews"), repo)
				assert.Contains(t, from(repo, "actions.default_workflow_permissions"), "organization workflow permissions", repo)
				assert.Zero(t, asked(repo, "actions/permissions/workflow"), repo)
			}

			// Immutable releases enforced on api only: api inherits; legacy
			// (on by itself) and web (off) are asked and read as they are.
			assert.Equal(t, true, attr("api", "immutable_releases"))
			assert.Contains(t, from("api", "immutable_releases"), "immutable releases policy")
			assert.Zero(t, asked("api", "immutable-releases"))
			assert.Equal(t, true, attr("legacy", "immutable_releases"))
			assert.Equal(t, false, attr("web", "immutable_releases"))
			assert.Empty(t, from("legacy", "immutable_releases"))
			assert.Equal(t, 1, asked("legacy", "immutable-releases"))

			// Default setup enforced and in force on web (its own state is
			// not-configured): configured, inherited. On legacy the
			// attachment failed and api's configuration is not enforced:
			// both are asked.
			assert.Equal(t, "configured", attr("web", "code_scanning_default_setup"))
			assert.Contains(t, from("web", "code_scanning_default_setup"), `"High risk settings"`)
			assert.Zero(t, asked("web", "code-scanning/default-setup"))
			assert.Equal(t, "not-configured", attr("legacy", "code_scanning_default_setup"))
			assert.Equal(t, "configured", attr("api", "code_scanning_default_setup"))
			assert.Equal(t, 1, asked("legacy", "code-scanning/default-setup"))
			assert.Equal(t, 1, asked("api", "code-scanning/default-setup"))

			// Actions enabled for selected repositories: web is not among
			// them (disabled, inherited); legacy is, but disabled Actions
			// itself, which only asking it shows.
			assert.Equal(t, false, attr("web", "actions.enabled"))
			assert.Contains(t, from("web", "actions.enabled"), "not this one")
			assert.Zero(t, asked("web", "actions/permissions"))
			assert.Equal(t, false, attr("legacy", "actions.enabled"))
			assert.Empty(t, from("legacy", "actions.enabled"))
			assert.Equal(t, true, attr("api", "actions.enabled"))
			assert.Equal(t, 1, asked("api", "actions/permissions"))

			// Archived docs: the settings whose controls skip archived
			// repositories are not asked, and say why.
			docs := res["github.com/acme/docs"]
			for _, p := range []string{"actions_secrets", "code_scanning_default_setup", "immutable_releases"} {
				assert.Contains(t, docs.Unknown[p], "archived", p)
			}
			assert.Zero(t, asked("docs", "immutable-releases")+asked("docs", "actions/secrets")+asked("docs", "code-scanning/default-setup"))
		})
	}
}

// TestInheritPolicyRefused: an organisation policy the token may not read
// decides nothing: every repository is asked, as without the policy.
func TestInheritPolicyRefused(t *testing.T) {
	t.Parallel()
	f := githubtest.Faults{Forbidden: map[string]string{
		"/orgs/acme/settings/immutable-releases": "administration=read", "/orgs/acme/code-security/configurations": "administration=read",
		"/orgs/acme/actions/permissions/repositories": "administration=read",
	}}
	snap, _, srv := collectVia(t, githubtest.Governed(), f, ghc.APIGraphQL)
	require.False(t, snap.Incomplete, snap.IncompleteReason)
	res := byID(snap)
	assert.Equal(t, true, res["github.com/acme/api"].Attributes["immutable_releases"], "read from the repository")
	assert.Equal(t, 1, srv.PathCount("/repos/acme/api/immutable-releases"))
	assert.Equal(t, 1, srv.PathCount("/repos/acme/web/code-scanning/default-setup"))
	assert.Equal(t, 1, srv.PathCount("/repos/acme/web/actions/permissions"))
	assert.Equal(t, false, res["github.com/acme/web"].Attributes["actions"].(map[string]any)["enabled"], "GitHub's answer for a repository the organisation does not enable")
	assert.NotContains(t, res["github.com/acme/api"].Attributes["inherited"], "immutable_releases")
}

func lookup(m map[string]any, path string) (any, bool) {
	var cur any = m
	for _, k := range strings.Split(path, ".") {
		obj, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = obj[k]; !ok {
			return nil, false
		}
	}
	return cur, true
}
