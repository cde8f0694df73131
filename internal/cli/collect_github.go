package cli

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	ghc "github.com/rampart-audit/rampart/internal/collect/github"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/model"
	"github.com/rampart-audit/rampart/internal/pipeline"
)

// Environment read by the GitHub collector. GITHUB_API_URL is what GitHub
// Actions sets, so a workflow on GitHub Enterprise Server needs no flag.
const (
	envGitHubToken     = "GITHUB_TOKEN"
	envGitHubAPIURL    = "GITHUB_API_URL"
	envGitHubAppID     = "RAMPART_GITHUB_APP_ID"
	envGitHubInstallID = "RAMPART_GITHUB_INSTALLATION_ID"
	envGitHubAppKey    = "RAMPART_GITHUB_APP_PRIVATE_KEY_FILE"
	envGitHubCacheDir  = "RAMPART_GITHUB_CACHE_DIR"
)

type githubFlags struct {
	orgs           []string
	output         string
	workspace      string
	url            string
	concurrency    int
	cacheDir       string
	noCache        bool
	maxRateWait    time.Duration
	appID          int64
	installationID int64
	privateKey     string
	quiet          bool
}

func newCollectGitHubCommand(p Params) *cobra.Command {
	var f githubFlags
	cmd := &cobra.Command{
		Use:   "github [WORKSPACE]",
		Short: "Collect GitHub organizations, members and repositories into an evidence snapshot",
		Long: `Collect github.organization, github.member and github.repository resources
through the GitHub REST API and write them to an evidence snapshot.

Organizations come from --org (repeatable); without it, from the github
blocks of the workspace's systems (their repos globs narrow the repositories).

Authentication: GITHUB_TOKEN (classic or fine-grained), or a GitHub App
(--app-id, --installation-id, --private-key, or RAMPART_GITHUB_APP_ID,
RAMPART_GITHUB_INSTALLATION_ID, RAMPART_GITHUB_APP_PRIVATE_KEY_FILE).
GitHub Enterprise Server: --github-url https://ghe.example.com (or GITHUB_API_URL).

A permission the credentials lack is recorded in the snapshot, never
treated as a pass. When the rate limit's reset is further away than
--max-rate-wait, or the run is interrupted, the snapshot collected so far is
written and marked incomplete.

Exit codes: 0 complete snapshot written; 2 usage or workspace error;
3 collection failed, or the snapshot written is incomplete.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCollectGitHub(cmd, p, f, args)
		},
	}
	fl := cmd.Flags()
	fl.StringArrayVar(&f.orgs, "org", nil, "organization to collect (repeatable); default: the workspace systems' organizations")
	fl.StringVarP(&f.output, "output", "o", "", "snapshot file to write (required)")
	fl.StringVar(&f.workspace, "workspace", "", "workspace folder whose systems name the organizations (or pass it as the argument)")
	fl.StringVar(&f.url, "github-url", "", "GitHub Enterprise Server URL or API root (default https://api.github.com, or GITHUB_API_URL)")
	fl.IntVar(&f.concurrency, "concurrency", ghc.DefaultConcurrency, "requests in flight at most")
	fl.StringVar(&f.cacheDir, "cache-dir", "", "ETag cache folder (default RAMPART_GITHUB_CACHE_DIR, else <user cache dir>/rampart/github)")
	fl.BoolVar(&f.noCache, "no-cache", false, "do not use or update the ETag cache")
	fl.DurationVar(&f.maxRateWait, "max-rate-wait", 15*time.Minute, "longest wait for a rate-limit reset before writing an incomplete snapshot")
	fl.Int64Var(&f.appID, "app-id", 0, "GitHub App ID (with --installation-id and --private-key)")
	fl.Int64Var(&f.installationID, "installation-id", 0, "GitHub App installation ID")
	fl.StringVar(&f.privateKey, "private-key", "", "GitHub App private key file (PEM)")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "no progress output")
	return cmd
}

func runCollectGitHub(cmd *cobra.Command, p Params, f githubFlags, args []string) error {
	if f.output == "" {
		return usageError("collect github: -o FILE is required")
	}
	if f.concurrency < 1 || f.concurrency > 100 {
		return usageError("--concurrency %d: want 1–100 (GitHub limits concurrent requests to 100)", f.concurrency)
	}
	if len(args) == 1 && f.workspace != "" && args[0] != f.workspace {
		return usageError("workspace given twice: %q and --workspace %q", args[0], f.workspace)
	}
	if len(args) == 1 {
		f.workspace = args[0]
	}
	var targets []ghc.Target
	for _, o := range f.orgs {
		if o == "" {
			return usageError("--org: empty organization name")
		}
		targets = append(targets, ghc.Target{Org: o})
	}
	if len(targets) == 0 {
		if f.workspace == "" {
			f.workspace = "."
		}
		var l loadFlags
		in, err := l.load(cmd, p, f.workspace)
		if err != nil {
			return err
		}
		targets = githubTargets(in.Workspace)
		if len(targets) == 0 {
			return usageError("no GitHub organizations: pass --org, or add a github { org = \"…\" } block to a system in %s", f.workspace)
		}
	}
	cfg, err := githubConfig(p, targets, f)
	if err != nil {
		return usageError("%v", err)
	}
	var progress *ghc.Progress
	if !f.quiet {
		progress = ghc.NewProgress(p.Stderr, p.IsTerminal)
		cfg.Progress, cfg.Log = progress, progress
	}
	snap, stats, err := ghc.Collect(cmd.Context(), cfg)
	if progress != nil {
		progress.Finish()
	}
	if err != nil {
		return exitWith(pipeline.ExitNotEvaluated, fmt.Errorf("collect github: %w", err))
	}
	if err := evidence.WriteFile(f.output, snap); err != nil {
		return exitWith(pipeline.ExitNotEvaluated, fmt.Errorf("write snapshot: %w", err))
	}
	if !f.quiet {
		fmt.Fprintf(p.Stderr, "wrote %s: %d resources, %d not collected; %d requests, %d answered 304 from the cache\n",
			f.output, len(snap.Resources), len(snap.NotCollected), stats.Requests.Load(), stats.NotModified.Load())
	}
	if snap.Incomplete {
		return exitWith(pipeline.ExitNotEvaluated, fmt.Errorf("snapshot %s is incomplete: %s", f.output, snap.IncompleteReason))
	}
	return nil
}

// githubConfig resolves flags and environment into a collector config.
func githubConfig(p Params, targets []ghc.Target, f githubFlags) (ghc.Config, error) {
	cfg := ghc.Config{
		Targets: targets, BaseURL: f.url, Concurrency: f.concurrency, MaxRateWait: f.maxRateWait,
		Auth: ghc.Auth{AppID: f.appID, InstallationID: f.installationID, PrivateKeyFile: f.privateKey},
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = p.Getenv(envGitHubAPIURL)
	}
	if _, err := ghc.APIURL(cfg.BaseURL); err != nil {
		return cfg, err
	}
	for _, e := range []struct {
		name string
		dst  *int64
	}{{envGitHubAppID, &cfg.Auth.AppID}, {envGitHubInstallID, &cfg.Auth.InstallationID}} {
		if v := p.Getenv(e.name); v != "" && *e.dst == 0 {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n <= 0 {
				return cfg, fmt.Errorf("%s: %q is not a positive number", e.name, v)
			}
			*e.dst = n
		}
	}
	if cfg.Auth.PrivateKeyFile == "" {
		cfg.Auth.PrivateKeyFile = p.Getenv(envGitHubAppKey)
	}
	// An App configured explicitly wins over a token in the environment.
	if cfg.Auth.AppID == 0 && cfg.Auth.InstallationID == 0 && cfg.Auth.PrivateKeyFile == "" {
		cfg.Auth.Token = p.Getenv(envGitHubToken)
		if cfg.Auth.Token == "" {
			return cfg, errors.New("no GitHub credentials: set GITHUB_TOKEN, or --app-id, --installation-id and --private-key")
		}
	}
	if !f.noCache {
		dir := f.cacheDir
		if dir == "" {
			dir = p.Getenv(envGitHubCacheDir)
		}
		if dir == "" {
			d, err := ghc.DefaultCacheDir()
			if err != nil {
				return cfg, fmt.Errorf("%w (pass --cache-dir or --no-cache)", err)
			}
			dir = d
		}
		cfg.CacheDir = dir
	}
	return cfg, nil
}

// githubTargets are the organisations the workspace's systems claim; a
// system claiming the whole organisation makes every repository a target.
func githubTargets(ws *model.Workspace) []ghc.Target {
	repos := map[string][]string{}
	whole := map[string]bool{}
	for _, s := range ws.Systems {
		for _, g := range s.GitHub {
			if len(g.Repos) == 0 {
				whole[g.Org] = true
			}
			repos[g.Org] = append(repos[g.Org], g.Repos...)
		}
	}
	orgs := make([]string, 0, len(repos))
	for o := range repos {
		orgs = append(orgs, o)
	}
	sort.Strings(orgs)
	out := make([]ghc.Target, 0, len(orgs))
	for _, o := range orgs {
		t := ghc.Target{Org: o}
		if !whole[o] {
			t.Repos = repos[o]
		}
		out = append(out, t)
	}
	return out
}

// collectGitHub is the `audit --collect github` collector: organisations
// from the workspace, credentials and endpoint from the environment.
func collectGitHub(ctx context.Context, p Params, ws *model.Workspace) (*evidence.Snapshot, error) {
	targets := githubTargets(ws)
	if len(targets) == 0 {
		return nil, errors.New("no system of the workspace has a github block naming an organization")
	}
	cfg, err := githubConfig(p, targets, githubFlags{concurrency: ghc.DefaultConcurrency, maxRateWait: 15 * time.Minute})
	if err != nil {
		return nil, err
	}
	progress := ghc.NewProgress(p.Stderr, p.IsTerminal)
	cfg.Progress, cfg.Log = progress, progress
	snap, _, err := ghc.Collect(ctx, cfg)
	progress.Finish()
	return snap, err
}
