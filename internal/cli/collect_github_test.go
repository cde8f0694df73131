package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/collect/github/githubtest"
	"github.com/rampart-audit/rampart/internal/evidence"
)

const ghToken = "ghp_CLITESTTOKEN0123456789abcdefghijklmn"

// runGH runs the CLI with an environment (GITHUB_TOKEN and friends).
func runGH(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, Params{
		Stdout: &out, Stderr: &errb, Now: func() time.Time { return fixedNow },
		Getenv: func(k string) string { return env[k] },
	})
	return result{code, out.String(), errb.String()}
}

func ghEnv(t *testing.T, srv *githubtest.Server) map[string]string {
	return map[string]string{"GITHUB_TOKEN": ghToken, "GITHUB_API_URL": srv.URL, "RAMPART_GITHUB_CACHE_DIR": t.TempDir()}
}

func TestCollectGitHubWritesSnapshot(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(githubtest.Acme(), githubtest.Faults{Token: ghToken})
	defer srv.Close()
	out := filepath.Join(t.TempDir(), "snap.json")
	r := runGH(t, map[string]string{"GITHUB_TOKEN": ghToken}, "collect", "github", "--org", "acme", "-o", out,
		"--github-url", srv.URL, "--cache-dir", t.TempDir(), "--concurrency", "3")
	require.Equal(t, 0, r.code, r.stderr)
	snap, err := evidence.LoadFile(out)
	require.NoError(t, err)
	assert.False(t, snap.Incomplete)
	assert.Len(t, snap.Resources, 1+151+5+3, "org, 150 members and 1 outside collaborator, 5 repositories, 3 workflow files")
	assert.Contains(t, r.stderr, "5/5 repositories")
	assert.Contains(t, r.stderr, "wrote "+out)
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	for _, s := range []string{string(data), r.stdout, r.stderr} {
		assert.NotContains(t, s, ghToken)
	}
}

func TestCollectGitHubQuietAndTerminal(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(githubtest.Acme(), githubtest.Faults{Token: ghToken})
	defer srv.Close()
	r := runGH(t, ghEnv(t, srv), "collect", "github", "--org", "acme", "-o", filepath.Join(t.TempDir(), "s.json"), "--quiet")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Empty(t, r.stderr)

	var errb bytes.Buffer
	code := Run(context.Background(), []string{"collect", "github", "--org", "acme", "-o", filepath.Join(t.TempDir(), "s.json")},
		Params{Stdout: &bytes.Buffer{}, Stderr: &errb, IsTerminal: true, Getenv: func(k string) string { return ghEnv(t, srv)[k] }})
	require.Equal(t, 0, code, errb.String())
	assert.Contains(t, errb.String(), "\r\x1b[K", "a redrawn status line on a terminal")
}

func TestCollectGitHubUsageErrors(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(githubtest.Acme(), githubtest.Faults{Token: ghToken})
	defer srv.Close()
	dir := t.TempDir()
	out := filepath.Join(dir, "s.json")
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"no output", ghEnv(t, srv), []string{"--org", "acme"}, "-o FILE is required"},
		{"no token", map[string]string{"GITHUB_API_URL": srv.URL}, []string{"--org", "acme", "-o", out, "--no-cache"}, "no GitHub credentials"},
		{"bad url", ghEnv(t, srv), []string{"--org", "acme", "-o", out, "--github-url", "ghe.example.com"}, "absolute URL"},
		{"bad concurrency", ghEnv(t, srv), []string{"--org", "acme", "-o", out, "--concurrency", "0"}, "--concurrency 0"},
		{"bad app id", map[string]string{"RAMPART_GITHUB_APP_ID": "x"}, []string{"--org", "acme", "-o", out, "--no-cache"}, "RAMPART_GITHUB_APP_ID"},
		{"app without key", ghEnv(t, srv), []string{"--org", "acme", "-o", out, "--app-id", "1"}, "installation ID"},
		{"no orgs in workspace", ghEnv(t, srv), []string{"-o", out, writeWorkspace(t, "")}, "no GitHub organizations"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runGH(t, tc.env, append([]string{"collect", "github"}, tc.args...)...)
			assert.Contains(t, r.stderr, tc.want)
			if tc.name == "app without key" {
				assert.Equal(t, 3, r.code, r.stderr)
			} else {
				assert.Equal(t, 2, r.code, r.stderr)
			}
		})
	}
	_, err := os.Stat(out)
	assert.True(t, os.IsNotExist(err), "no snapshot on usage errors")
}

func TestCollectGitHubUnauthorizedWritesNothing(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(githubtest.Acme(), githubtest.Faults{Token: "ghp_other"})
	defer srv.Close()
	out := filepath.Join(t.TempDir(), "s.json")
	r := runGH(t, ghEnv(t, srv), "collect", "github", "--org", "acme", "-o", out)
	assert.Equal(t, 3, r.code)
	assert.Contains(t, r.stderr, "401")
	assert.NotContains(t, r.stderr, ghToken)
	_, err := os.Stat(out)
	assert.True(t, os.IsNotExist(err))
}

func TestCollectGitHubRateLimitWritesIncomplete(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(githubtest.Acme(), githubtest.Faults{Token: ghToken, Quota: 40, QuotaReset: time.Now().Add(3 * time.Hour)})
	defer srv.Close()
	out := filepath.Join(t.TempDir(), "s.json")
	r := runGH(t, ghEnv(t, srv), "collect", "github", "--org", "acme", "-o", out, "--max-rate-wait", "1m")
	assert.Equal(t, 3, r.code, r.stderr)
	assert.Contains(t, r.stderr, "is incomplete")
	snap, err := evidence.LoadFile(out)
	require.NoError(t, err)
	assert.True(t, snap.Incomplete)
	assert.Contains(t, snap.IncompleteReason, "rate limit")
}

// writeWorkspace writes a workspace whose one system claims the acme
// repositories matching repos (no github block when repos is empty).
func writeWorkspace(t *testing.T, repos string) string {
	dir := t.TempDir()
	gh := ""
	if repos != "" {
		gh = "\n  github {\n    org   = \"acme\"\n    repos = [" + repos + "]\n  }"
	}
	writeFile(t, dir, "workspace.hcl", `system "payments" {
  owner          = "ann"
  classification = "confidential"`+gh+`
}

person "ann" {
  roles  = ["employee", "developer"]
  github = "alice"
}
`)
	return dir
}

func TestCollectGitHubFromWorkspaceSystems(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(githubtest.Acme(), githubtest.Faults{Token: ghToken})
	defer srv.Close()
	out := filepath.Join(t.TempDir(), "s.json")
	r := runGH(t, ghEnv(t, srv), "collect", "github", "--workspace", writeWorkspace(t, `"api", "leg*"`), "-o", out)
	require.Equal(t, 0, r.code, r.stderr)
	snap, err := evidence.LoadFile(out)
	require.NoError(t, err)
	var repos []string
	for _, res := range snap.Resources {
		if res.Type == "github.repository" {
			repos = append(repos, res.Scope.Repo)
		}
	}
	assert.Equal(t, []string{"api", "legacy"}, repos)
}

func TestAuditCollectGitHub(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(githubtest.Acme(), githubtest.Faults{Token: ghToken})
	defer srv.Close()
	ws := writeWorkspace(t, `"*"`)
	r := runGH(t, ghEnv(t, srv), "audit", ws, "--collect", "github", "--format", "json")
	// Exit 3: several controls are not_evaluated (the empty repository,
	// security settings this token may not read), which never counts as clean.
	assert.Equal(t, 3, r.code, r.stderr)
	var rep struct {
		Findings []struct {
			ControlID string `json:"control_id"`
			Status    string `json:"status"`
			Message   string `json:"message"`
			Resource  struct {
				ID     string `json:"id"`
				System string `json:"system"`
			} `json:"resource"`
		} `json:"findings"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep), r.stdout)
	status := map[string]string{}
	for _, f := range rep.Findings {
		status[f.ControlID+" "+f.Resource.ID] = f.Status
		if f.Resource.ID == "github.com/acme/api" {
			assert.Equal(t, "payments", f.Resource.System)
		}
	}
	assert.Equal(t, "fail", status["GH-ORG-001 github.com/acme"], "the org does not require 2FA")
	assert.Equal(t, "fail", status["GH-REPO-001 github.com/acme/web"], "404 Branch not protected is a failure, not an error")
	assert.Equal(t, "pass", status["GH-REPO-002 github.com/acme/api"], "2 reviews from the org ruleset satisfy a confidential system")
	assert.Equal(t, "not_evaluated", status["GH-REPO-001 github.com/acme/empty"])
	assert.NotContains(t, r.stdout, ghToken)
	assert.NotContains(t, r.stderr, ghToken)
}
