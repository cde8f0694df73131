package github_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ghc "github.com/rampart-audit/rampart/internal/collect/github"
	"github.com/rampart-audit/rampart/internal/collect/github/githubtest"
)

// The depth attributes: runner groups, Actions secrets (metadata only),
// member activity from SAML credential authorizations, the member
// privileges go-github does not decode, and the repository settings.
func TestDepthAttributes(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(githubtest.Acme(), githubtest.Faults{Token: token})
	defer srv.Close()
	cfg := config(t, srv, &sleeps{})
	snap, _, err := ghc.Collect(context.Background(), cfg)
	require.NoError(t, err)
	res := byID(snap)

	org := res["github.com/acme"].Attributes
	assert.Equal(t, true, org["members_can_delete_repositories"], "decoded beside go-github's Organization")
	assert.Equal(t, true, org["saml_sso_enabled"], "credential-authorizations answered 200")
	groups := org["runner_groups"].([]map[string]any)
	require.Len(t, groups, 3, "GitHub's example groups")
	assert.Equal(t, "all", groups[0]["visibility"])
	secrets := org["actions_secrets"].([]map[string]any)
	require.Len(t, secrets, 2)
	assert.Equal(t, map[string]any{"name": "DEPLOY_TOKEN", "created_at": "2024-12-11T09:00:00Z", "updated_at": "2025-01-10T09:00:00Z", "visibility": "all"}, secrets[0])

	assert.Equal(t, "2025-06-01T09:00:00Z", res["github.com/acme/members/bob"].Attributes["last_active_at"])
	dev := res["github.com/acme/members/dev001"]
	_, has := dev.Attributes["last_active_at"]
	assert.False(t, has, "no credential: activity unknown, never old or recent")
	assert.Contains(t, dev.Unknown["last_active_at"], "no SAML-authorized credential")

	api := res["github.com/acme/api"]
	assert.Equal(t, false, api.Attributes["allow_forking"])
	assert.Equal(t, "configured", api.Attributes["code_scanning_default_setup"])
	assert.Equal(t, true, api.Attributes["immutable_releases"])
	web := res["github.com/acme/web"]
	assert.Equal(t, false, web.Attributes["immutable_releases"], "404 is immutable releases off")
	assert.Contains(t, res["github.com/acme/docs"].Unknown["delete_branch_on_merge"], "repository list", "absent from the list: unknown")
	bp := web.Attributes["default_branch_protection"].(map[string]any)
	assert.Equal(t, false, bp["dismissal_restricted"])
	assert.Equal(t, false, bp["restricts_pushes"])

	// Credential authorizations carry each token's last eight characters:
	// never kept in the snapshot, never cached.
	assert.NotContains(t, string(encode(t, snap)), "token_last_eight")
	require.NoError(t, filepath.WalkDir(cfg.CacheDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		assert.False(t, strings.Contains(string(b), "token_last_eight"), "cached credential authorizations in %s", path)
		return nil
	}))
}

// SAML SSO is knowable from a 404 only when the token is proven an owner's
// (its 2FA member filter was answered); otherwise unknown, never false.
// Member activity is unknown either way.
func TestSAMLFromCredentialAuthorizations(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		faults map[string]string
		want   any // nil: unknown
		reason string
	}{
		{"owner token, no SAML", nil, false, ""},
		{"not an owner", map[string]string{"/orgs/acme/members": "members=read"}, nil, "not an owner's"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			o := githubtest.Acme()
			o.SAML = false
			srv := githubtest.New(o, githubtest.Faults{Token: token, Forbidden: tc.faults})
			defer srv.Close()
			snap, _, err := ghc.Collect(context.Background(), config(t, srv, &sleeps{}))
			require.NoError(t, err)
			org := byID(snap)["github.com/acme"]
			got, has := org.Attributes["saml_sso_enabled"]
			if tc.want == nil {
				assert.False(t, has)
				assert.Contains(t, org.Unknown["saml_sso_enabled"], tc.reason)
			} else {
				assert.Equal(t, tc.want, got)
			}
			if alice, ok := byID(snap)["github.com/acme/members/alice"]; ok {
				assert.Contains(t, alice.Unknown["last_active_at"], "only through SAML credential authorizations")
			}
		})
	}
}

// A refused runner-group or secrets list leaves the attribute unknown with
// the permission that would fix it; the snapshot stays complete.
func TestDepthPermissions(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(githubtest.Acme(), githubtest.Faults{Token: token, Forbidden: map[string]string{
		"/orgs/acme/actions/runner-groups":   "organization_self_hosted_runners=read",
		"/orgs/acme/actions/secrets":         "organization_secrets=read",
		"/repos/acme/api/actions/secrets":    "secrets=read",
		"/repos/acme/api/immutable-releases": "administration=read",
	}})
	defer srv.Close()
	snap, _, err := ghc.Collect(context.Background(), config(t, srv, &sleeps{}))
	require.NoError(t, err)
	assert.False(t, snap.Incomplete, snap.IncompleteReason)
	org := byID(snap)["github.com/acme"]
	assert.Contains(t, org.Unknown["runner_groups"], "organization_self_hosted_runners:read")
	assert.Contains(t, org.Unknown["actions_secrets"], "organization_secrets:read")
	api := byID(snap)["github.com/acme/api"]
	assert.Contains(t, api.Unknown["actions_secrets"], "secrets:read")
	assert.Contains(t, api.Unknown["immutable_releases"], "403")
	_, has := api.Attributes["immutable_releases"]
	assert.False(t, has, "a refusal is not 'off'")
}
