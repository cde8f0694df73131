package cli

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCollectGitHubUnreachableSaysWhy: with no server to reach (a closed
// local port, no real network), the exit-3 line names the first failed
// request's error instead of only "1 request failed". It waits out the
// collector's retries (about 15 s of back-off).
func TestCollectGitHubUnreachableSaysWhy(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	out := filepath.Join(t.TempDir(), "snap.json")
	r := runGH(t, map[string]string{"GITHUB_TOKEN": ghToken, "RAMPART_GITHUB_CACHE_DIR": t.TempDir()},
		"collect", "github", "--org", "acme", "-o", out, "--github-url", "http://"+addr, "-q")
	assert.Equal(t, 3, r.code, r.stderr)
	assert.Contains(t, r.stderr, "1 GitHub request(s) failed after retries (the first: request failed: Get \"http://"+addr+"/api/v3/orgs/acme\": dial tcp "+addr+": connect: connection refused)")
}

// TestCollectAWSWithoutCredentials: no credentials anywhere in the chain is
// found before the first call: exit 2, one line, no snapshot. Not parallel:
// the SDK reads the process environment, which is cleared of AWS keys here.
func TestCollectAWSWithoutCredentials(t *testing.T) {
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE",
		"AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"} {
		t.Setenv(k, "")
	}
	dir := t.TempDir()
	empty := writeFile(t, dir, "empty", "")
	env := map[string]string{"AWS_EC2_METADATA_DISABLED": "true", "AWS_CONFIG_FILE": empty, "AWS_SHARED_CREDENTIALS_FILE": empty, "AWS_REGION": "eu-west-1"}
	out := filepath.Join(dir, "snap.json")
	r := runGH(t, env, "collect", "aws", "-o", out)
	assert.Equal(t, 2, r.code, r.stderr)
	lines := strings.Split(strings.TrimRight(r.stderr, "\n"), "\n")
	require.Len(t, lines, 1, "one line:\n%s", r.stderr)
	assert.True(t, strings.HasPrefix(lines[0], "rampart: no usable AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, pass --profile (or AWS_PROFILE)"), lines[0])
	assert.Less(t, len(lines[0]), 600)
	_, err := os.Stat(out)
	assert.True(t, os.IsNotExist(err), "no snapshot of nothing is written")

	audit := runGH(t, env, "audit", "testdata/small", "--collect", "aws")
	assert.Equal(t, 2, audit.code, audit.stderr)
	assert.Contains(t, audit.stderr, "no usable AWS credentials")
}
