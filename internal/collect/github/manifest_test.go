package github_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ghc "github.com/rampart-audit/rampart/internal/collect/github"
)

// appPermission is the GitHub App manifest key of each fine-grained
// permission the collector can name in a refusal.
var appPermission = map[string]string{
	"administration:read":                   "administration",
	"contents:read":                         "contents",
	"metadata:read":                         "metadata",
	"webhooks:read":                         "repository_hooks",
	"secrets:read":                          "secrets",
	"code scanning alerts:read":             "security_events",
	"secret scanning alerts:read":           "secret_scanning_alerts",
	"dependabot alerts:read":                "vulnerability_alerts",
	"organization members:read":             "members",
	"organization administration:read":      "organization_administration",
	"organization webhooks:read":            "organization_hooks",
	"organization secrets:read":             "organization_secrets",
	"organization self-hosted runners:read": "organization_self_hosted_runners",
}

// TestAppManifest: app-manifest.json asks read access for every
// permission the collector can need and nothing more, never write, and
// docs/github.md shows the file as it is.
func TestAppManifest(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("app-manifest.json")
	require.NoError(t, err)
	var m struct {
		DefaultPermissions map[string]string `json:"default_permissions"`
		DefaultEvents      []string          `json:"default_events"`
	}
	require.NoError(t, json.Unmarshal(raw, &m))
	want := map[string]string{}
	for _, p := range ghc.NeedPermissions() {
		key, ok := appPermission[p]
		require.True(t, ok, "fine-grained permission %q has no GitHub App manifest key in this test", p)
		want[key] = "read"
	}
	assert.Equal(t, want, m.DefaultPermissions, "the manifest asks exactly the permissions the collector needs, read-only")
	assert.Empty(t, m.DefaultEvents, "Rampart reads; it subscribes to no webhook event")

	doc, err := os.ReadFile("../../../docs/github.md")
	require.NoError(t, err)
	assert.Contains(t, string(doc), "```json\n"+strings.TrimSpace(string(raw))+"\n```", "docs/github.md shows app-manifest.json verbatim")
	for p := range want {
		assert.Contains(t, string(doc), "`"+p+"`", "docs/github.md's permissions table names the App permission %s", p)
	}
}
