package github_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ghc "github.com/rampart-audit/rampart/internal/collect/github"
	"github.com/rampart-audit/rampart/internal/collect/github/githubtest"
)

// TestSecurityPolicy: a public repository's SECURITY.md is found in each
// place GitHub looks (root, docs/, .github/, any case), else in the
// organisation's public .github repository; both APIs agree, and only
// public repositories are asked.
func TestSecurityPolicy(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		web        string // web's SecurityPolicy
		dotGithub  string // the organisation's .github repository's ("-": no such repository)
		dotPrivate bool
		want       bool
	}{
		{"root", "SECURITY.md", "-", false, true},
		{"docs, lower case", "docs/security.md", "-", false, true},
		{".github", ".github/SECURITY.md", "-", false, true},
		{"none", "", "-", false, false},
		{"organisation default", "", "SECURITY.md", false, true},
		{"organisation default in its .github folder", "", ".github/SECURITY.md", false, true},
		{"organisation .github without a policy", "", "", false, false},
		{"private organisation .github is no default", "", "SECURITY.md", true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			org := githubtest.Acme()
			for i := range org.Repos {
				if org.Repos[i].Name == "web" {
					org.Repos[i].SecurityPolicy = tc.web
				}
			}
			if tc.dotGithub != "-" {
				vis := "public"
				if tc.dotPrivate {
					vis = "private"
				}
				org.Repos = append(org.Repos, githubtest.Repo{Name: ".github", DefaultBranch: "main", Visibility: vis, SecurityPolicy: tc.dotGithub})
			}
			var snaps [2][]byte
			for i, api := range []ghc.API{ghc.APIREST, ghc.APIGraphQL} {
				snap, _, _ := collectVia(t, org, githubtest.Faults{}, api)
				require.False(t, snap.Incomplete, snap.IncompleteReason)
				res := byID(snap)
				assert.Equal(t, tc.want, res["github.com/acme/web"].Attributes["has_security_policy"], api)
				assert.Contains(t, res["github.com/acme/api"].Unknown["has_security_policy"], "only public repositories", api)
				snaps[i] = encode(t, snap)
			}
			assert.Equal(t, string(snaps[0]), string(snaps[1]), "REST and GraphQL snapshots")
		})
	}
}

// TestSecurityPolicyUnreadable: a refused listing (REST) or field
// (GraphQL) leaves has_security_policy unknown with the reason, never
// false.
func TestSecurityPolicyUnreadable(t *testing.T) {
	t.Parallel()
	rest, _, _ := collectVia(t, githubtest.Acme(), githubtest.Faults{Forbidden: map[string]string{"/repos/acme/web/contents/": "contents=read"}}, ghc.APIREST)
	web := byID(rest)["github.com/acme/web"]
	assert.NotContains(t, web.Attributes, "has_security_policy")
	assert.Contains(t, web.Unknown["has_security_policy"], "needs contents:read")

	gql, _, _ := collectVia(t, githubtest.Acme(), githubtest.Faults{GraphQLFieldErrors: map[string]string{"web:Repository.isSecurityPolicyEnabled": "FORBIDDEN"}}, ghc.APIGraphQL)
	web = byID(gql)["github.com/acme/web"]
	assert.NotContains(t, web.Attributes, "has_security_policy")
	assert.Contains(t, web.Unknown["has_security_policy"], "FORBIDDEN")
}

// TestDeployKeysCounted: through GraphQL a repository without deploy keys
// costs no REST request for them; one with keys is read through REST
// (the snapshot's id and last_used are REST's).
func TestDeployKeysCounted(t *testing.T) {
	t.Parallel()
	snap, _, srv := collectVia(t, githubtest.Acme(), githubtest.Faults{}, ghc.APIGraphQL)
	assert.Equal(t, 1, srv.PathCount("/repos/acme/api/keys"), "api has a key")
	assert.Zero(t, srv.PathCount("/repos/acme/web/keys"), "web has none")
	keys := byID(snap)["github.com/acme/web"].Attributes["deploy_keys"]
	require.NotNil(t, keys, "known: none")
	assert.Len(t, keys, 0)
	assert.Len(t, byID(snap)["github.com/acme/api"].Attributes["deploy_keys"], 1)

	// The count refused: REST says what the keys are.
	snap, _, srv = collectVia(t, githubtest.Acme(), githubtest.Faults{GraphQLFieldErrors: map[string]string{"web:Repository.deployKeys": "FORBIDDEN"}}, ghc.APIGraphQL)
	assert.Equal(t, 1, srv.PathCount("/repos/acme/web/keys"))
	keys = byID(snap)["github.com/acme/web"].Attributes["deploy_keys"]
	require.NotNil(t, keys)
	assert.Len(t, keys, 0)
}
