package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/collect/github/githubtest"
)

const ghToken2 = "ghp_CLITESTSECONDTOKEN0123456789abcdefgh"

var collectedAt = regexp.MustCompile(`"collected_at": "[^"]*"`)

// TestCollectGitHubAPIs: the default (GraphQL) and --api rest write the
// same snapshot; the summary line says what GraphQL cost; a pool of two
// tokens from GITHUB_TOKENS shows each by label, never by value.
func TestCollectGitHubAPIs(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(githubtest.Acme(), githubtest.Faults{Token: ghToken, MoreTokens: []string{ghToken2}})
	defer srv.Close()
	dir := t.TempDir()
	collect := func(env map[string]string, name string, extra ...string) (result, []byte) {
		out := filepath.Join(dir, name)
		r := runGH(t, env, append([]string{"collect", "github", "--org", "acme", "-o", out}, extra...)...)
		require.Equal(t, 0, r.code, r.stderr)
		data, err := os.ReadFile(out)
		require.NoError(t, err)
		// the collection time is the only difference between two runs
		return r, collectedAt.ReplaceAll(data, []byte(`"collected_at": "T"`))
	}
	gql, gqlSnap := collect(ghEnv(t, srv), "graphql.json")
	rest, restSnap := collect(ghEnv(t, srv), "rest.json", "--api", "rest")
	assert.Equal(t, string(restSnap), string(gqlSnap))
	assert.Contains(t, gql.stderr, "of them GraphQL")
	assert.NotContains(t, rest.stderr, "GraphQL")

	env := ghEnv(t, srv)
	delete(env, "GITHUB_TOKEN")
	env["GITHUB_TOKENS"] = ghToken + "," + ghToken2
	pool, poolSnap := collect(env, "pool.json")
	assert.Equal(t, string(gqlSnap), string(poolSnap))
	assert.Contains(t, pool.stderr, "token 1: ")
	assert.Contains(t, pool.stderr, "token 2: ")
	for _, s := range []string{pool.stderr, pool.stdout, string(poolSnap)} {
		assert.NotContains(t, s, ghToken)
		assert.NotContains(t, s, ghToken2)
	}

	r := runGH(t, ghEnv(t, srv), "collect", "github", "--org", "acme", "-o", filepath.Join(dir, "x.json"), "--api", "soap")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, `--api "soap": want graphql or rest`)
}
