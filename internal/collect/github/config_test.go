package github_test

import (
	"testing"
	"time"

	"github.com/spf13/pflag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ghc "github.com/rampart-audit/rampart/internal/collect/github"
	"github.com/rampart-audit/rampart/internal/model"
)

func TestWorkspaceTargets(t *testing.T) {
	t.Parallel()
	sys := func(sel ...model.GitHubSelector) *model.System { return &model.System{GitHub: sel} }
	for _, tc := range []struct {
		name string
		ws   *model.Workspace
		want []ghc.Target
	}{
		{"no workspace", nil, []ghc.Target(nil)},
		{"no github blocks", &model.Workspace{Systems: []*model.System{{ID: "web"}}}, []ghc.Target{}},
		{"organisations sorted, globs joined", &model.Workspace{Systems: []*model.System{
			sys(model.GitHubSelector{Org: "zeta", Repos: []string{"api"}}),
			sys(model.GitHubSelector{Org: "acme", Repos: []string{"api"}}, model.GitHubSelector{Org: "acme", Repos: []string{"leg*"}}),
		}}, []ghc.Target{{Org: "acme", Repos: []string{"api", "leg*"}}, {Org: "zeta", Repos: []string{"api"}}}},
		{"a whole-organisation claim makes every repository a target", &model.Workspace{Systems: []*model.System{
			sys(model.GitHubSelector{Org: "acme", Repos: []string{"api"}}), sys(model.GitHubSelector{Org: "acme"}),
		}}, []ghc.Target{{Org: "acme"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, ghc.WorkspaceTargets(tc.ws))
		})
	}
}

const envToken = "ghp_ENVCONFIGSECRET0123456789abcdefghij"

func TestEnvConfig(t *testing.T) {
	t.Parallel()
	defaults := ghc.Flags{Concurrency: ghc.DefaultConcurrency, MaxRateWait: ghc.DefaultMaxRateWait}
	flags := func(edit func(*ghc.Flags)) ghc.Flags { f := defaults; edit(&f); return f }
	for _, tc := range []struct {
		name    string
		env     map[string]string
		flags   ghc.Flags
		want    func(t *testing.T, cfg ghc.Config)
		wantErr string
	}{
		{name: "GITHUB_TOKENS is a pool", env: map[string]string{"GITHUB_TOKENS": "t1, t2,,t3", "GITHUB_TOKEN": "ignored"}, flags: defaults,
			want: func(t *testing.T, cfg ghc.Config) {
				assert.Equal(t, "t1", cfg.Auth.Token)
				assert.Equal(t, []ghc.Auth{{Token: "t1"}, {Token: "t2"}, {Token: "t3"}}, cfg.Credentials)
			}},
		{name: "--token repeated wins over the environment", env: map[string]string{"GITHUB_TOKENS": "e1,e2"}, flags: flags(func(f *ghc.Flags) { f.Tokens = []string{"f1", "f2"} }),
			want: func(t *testing.T, cfg ghc.Config) {
				assert.Equal(t, []ghc.Auth{{Token: "f1"}, {Token: "f2"}}, cfg.Credentials)
			}},
		{name: "one token is no pool", env: map[string]string{"GITHUB_TOKEN": envToken}, flags: defaults,
			want: func(t *testing.T, cfg ghc.Config) { assert.Nil(t, cfg.Credentials) }},
		{name: "several App installations", env: map[string]string{"RAMPART_GITHUB_APP_ID": "7", "RAMPART_GITHUB_INSTALLATION_ID": "9,10", "RAMPART_GITHUB_APP_PRIVATE_KEY_FILE": "/k.pem"}, flags: defaults,
			want: func(t *testing.T, cfg ghc.Config) {
				assert.Equal(t, ghc.Auth{AppID: 7, InstallationID: 9, PrivateKeyFile: "/k.pem"}, cfg.Auth)
				assert.Equal(t, []ghc.Auth{{AppID: 7, InstallationID: 9, PrivateKeyFile: "/k.pem"}, {AppID: 7, InstallationID: 10, PrivateKeyFile: "/k.pem"}}, cfg.Credentials)
			}},
		{name: "an empty --token", env: map[string]string{}, flags: flags(func(f *ghc.Flags) { f.Tokens = []string{"a", ""} }),
			wantErr: "--token: empty token"},
		{name: "--api defaults to graphql", env: map[string]string{"GITHUB_TOKEN": envToken}, flags: defaults,
			want: func(t *testing.T, cfg ghc.Config) { assert.Equal(t, ghc.APIGraphQL, cfg.API) }},
		{name: "--api rest", env: map[string]string{"GITHUB_TOKEN": envToken}, flags: flags(func(f *ghc.Flags) { f.API = "rest" }),
			want: func(t *testing.T, cfg ghc.Config) { assert.Equal(t, ghc.APIREST, cfg.API) }},
		{name: "--api unknown", env: map[string]string{"GITHUB_TOKEN": envToken}, flags: flags(func(f *ghc.Flags) { f.API = "soap" }),
			wantErr: `--api "soap": want graphql or rest`},
		{name: "token and cache dir from the environment",
			env: map[string]string{"GITHUB_TOKEN": envToken, "RAMPART_GITHUB_CACHE_DIR": "/cache"}, flags: defaults,
			want: func(t *testing.T, cfg ghc.Config) {
				assert.Equal(t, envToken, cfg.Auth.Token)
				assert.Equal(t, "/cache", cfg.CacheDir)
				assert.Equal(t, ghc.DefaultConcurrency, cfg.Concurrency)
				assert.Equal(t, 15*time.Minute, cfg.MaxRateWait)
				assert.Empty(t, cfg.BaseURL)
			}},
		{name: "flags win over the environment",
			env:   map[string]string{"GITHUB_TOKEN": envToken, "RAMPART_GITHUB_CACHE_DIR": "/cache", "GITHUB_API_URL": "https://env.example.com"},
			flags: flags(func(f *ghc.Flags) { f.CacheDir, f.URL = "/flag", "https://ghe.example.com" }),
			want: func(t *testing.T, cfg ghc.Config) {
				assert.Equal(t, "/flag", cfg.CacheDir)
				assert.Equal(t, "https://ghe.example.com", cfg.BaseURL)
			}},
		{name: "GITHUB_API_URL", env: map[string]string{"GITHUB_TOKEN": envToken, "GITHUB_API_URL": "https://ghe.example.com/api/v3"},
			flags: flags(func(f *ghc.Flags) { f.NoCache = true }),
			want: func(t *testing.T, cfg ghc.Config) {
				assert.Equal(t, "https://ghe.example.com/api/v3", cfg.BaseURL)
				assert.Empty(t, cfg.CacheDir, "--no-cache")
			}},
		{name: "an App in the environment wins over a token",
			env:   map[string]string{"GITHUB_TOKEN": envToken, "RAMPART_GITHUB_APP_ID": "7", "RAMPART_GITHUB_INSTALLATION_ID": "9", "RAMPART_GITHUB_APP_PRIVATE_KEY_FILE": "/k.pem"},
			flags: flags(func(f *ghc.Flags) { f.NoCache = true }),
			want: func(t *testing.T, cfg ghc.Config) {
				assert.Equal(t, ghc.Auth{AppID: 7, InstallationID: 9, PrivateKeyFile: "/k.pem"}, cfg.Auth)
			}},
		{name: "App flags win over the environment's",
			env:   map[string]string{"RAMPART_GITHUB_APP_ID": "7", "RAMPART_GITHUB_INSTALLATION_ID": "9"},
			flags: flags(func(f *ghc.Flags) { f.NoCache, f.AppID, f.InstallationID, f.PrivateKey = true, 1, 2, "/f.pem" }),
			want: func(t *testing.T, cfg ghc.Config) {
				assert.Equal(t, ghc.Auth{AppID: 1, InstallationID: 2, PrivateKeyFile: "/f.pem"}, cfg.Auth)
			}},
		{name: "no credentials", env: map[string]string{}, flags: defaults,
			wantErr: "no GitHub credentials: set GITHUB_TOKEN, or --app-id, --installation-id and --private-key"},
		{name: "App ID not a number", env: map[string]string{"RAMPART_GITHUB_APP_ID": "x"}, flags: defaults,
			wantErr: `RAMPART_GITHUB_APP_ID: "x" is not a positive number`},
		{name: "installation ID negative", env: map[string]string{"RAMPART_GITHUB_INSTALLATION_ID": "-3"}, flags: defaults,
			wantErr: `RAMPART_GITHUB_INSTALLATION_ID: "-3" is not a positive number`},
		{name: "not an absolute URL", env: map[string]string{"GITHUB_TOKEN": envToken}, flags: flags(func(f *ghc.Flags) { f.URL = "ghe.example.com" }),
			wantErr: `GitHub URL "ghe.example.com": want an absolute URL like https://ghe.example.com`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cfg, err := ghc.EnvConfig(func(k string) string { return tc.env[k] }, tc.flags)
			if tc.wantErr != "" {
				require.EqualError(t, err, tc.wantErr)
				assert.NotContains(t, err.Error(), envToken)
				return
			}
			require.NoError(t, err)
			assert.Empty(t, cfg.Targets, "targets come from Targets, not the environment")
			tc.want(t, cfg)
		})
	}
}

// TestCollectorArgsAndTargets: the checks of `rampart collect github` and
// where its organisations come from: --org, else the workspace (the
// argument, --workspace, else the current folder).
func TestCollectorArgsAndTargets(t *testing.T) {
	t.Parallel()
	acme := &model.Workspace{Systems: []*model.System{{GitHub: []model.GitHubSelector{{Org: "acme"}}}}}
	empty := &model.Workspace{}
	for _, tc := range []struct {
		name        string
		flags       []string
		arg         string
		ws          *model.Workspace
		wantDir     string
		wantErr     string
		wantTargets []ghc.Target
		wantTgtErr  string
	}{
		{name: "the current folder by default", ws: acme, wantDir: ".", wantTargets: []ghc.Target{{Org: "acme"}}},
		{name: "the argument", arg: "ws", ws: acme, wantDir: "ws", wantTargets: []ghc.Target{{Org: "acme"}}},
		{name: "--workspace", flags: []string{"--workspace", "ws"}, ws: acme, wantDir: "ws", wantTargets: []ghc.Target{{Org: "acme"}}},
		{name: "the same workspace twice", flags: []string{"--workspace", "ws"}, arg: "ws", ws: acme, wantDir: "ws", wantTargets: []ghc.Target{{Org: "acme"}}},
		{name: "two workspaces", flags: []string{"--workspace", "a"}, arg: "b", wantErr: `workspace given twice: "b" and --workspace "a"`},
		{name: "--org reads no workspace", flags: []string{"--org", "acme", "--org", "beta"}, arg: "ws",
			wantTargets: []ghc.Target{{Org: "acme"}, {Org: "beta"}}},
		{name: "empty --org", flags: []string{"--org", ""}, wantErr: "--org: empty organization name"},
		{name: "concurrency 0", flags: []string{"--concurrency", "0"}, wantErr: "--concurrency 0: want 1–100 (GitHub limits concurrent requests to 100)"},
		{name: "concurrency 101", flags: []string{"--concurrency", "101"}, wantErr: "--concurrency 101: want 1–100 (GitHub limits concurrent requests to 100)"},
		{name: "no organisations in the workspace", arg: "ws", ws: empty, wantDir: "ws",
			wantTgtErr: `no GitHub organizations: pass --org, or add a github { org = "…" } block to a system in ws`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := ghc.NewCollector()
			fs := pflag.NewFlagSet("github", pflag.ContinueOnError)
			c.Flags(fs)
			require.NoError(t, fs.Parse(tc.flags))
			dir, err := c.Args(tc.arg)
			if tc.wantErr != "" {
				assert.EqualError(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.wantDir, dir)
			ws := tc.ws
			if dir == "" {
				ws = nil
			}
			err = c.Targets(ws)
			if tc.wantTgtErr != "" {
				assert.EqualError(t, err, tc.wantTgtErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.wantTargets, ghc.TargetsOf(c))
		})
	}

	// audit --collect github: no Args, the audit's workspace; no --org to suggest.
	c := ghc.NewCollector()
	c.Flags(pflag.NewFlagSet("github", pflag.ContinueOnError))
	assert.EqualError(t, c.Targets(empty), "no system of the workspace has a github block naming an organization")
	require.NoError(t, c.Targets(acme))
	assert.Equal(t, []ghc.Target{{Org: "acme"}}, ghc.TargetsOf(c))
}
