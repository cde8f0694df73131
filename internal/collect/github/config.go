package github

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/model"
)

// CollectorName is the name the collector goes by in snapshots and the CLI.
const CollectorName = "github"

// Environment read by the collector. GITHUB_API_URL is what GitHub Actions
// sets, so a workflow on GitHub Enterprise Server needs no flag.
const (
	EnvToken = "GITHUB_TOKEN"
	// EnvTokens is a comma-separated pool of tokens (pool.go).
	EnvTokens    = "GITHUB_TOKENS"
	EnvAPIURL    = "GITHUB_API_URL"
	EnvAppID     = "RAMPART_GITHUB_APP_ID"
	EnvInstallID = "RAMPART_GITHUB_INSTALLATION_ID"
	EnvAppKey    = "RAMPART_GITHUB_APP_PRIVATE_KEY_FILE"
	EnvCacheDir  = "RAMPART_GITHUB_CACHE_DIR"
)

// DefaultMaxRateWait is the --max-rate-wait default.
const DefaultMaxRateWait = 15 * time.Minute

const (
	short = "Collect GitHub organizations, members and repositories into an evidence snapshot"
	// longRest follows the list of types, which the registry gives (Help).
	longRest = `Organizations come from --org (repeatable); without it, from the github
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
3 collection failed, or the snapshot written is incomplete.`
)

// Flags are the settings of `rampart collect github` (and their defaults
// those of `audit --collect github`).
type Flags struct {
	Orgs           []string
	Workspace      string
	URL            string
	Concurrency    int
	CacheDir       string
	NoCache        bool
	MaxRateWait    time.Duration
	AppID          int64
	InstallationID int64
	PrivateKey     string
	// API is "graphql" (default) or "rest" (every attribute through REST).
	API string
	// Tokens (--token, repeatable) and more App installations of AppID
	// (--installation-id, repeatable) make a pool of credentials.
	Tokens          []string
	InstallationIDs []int64
}

// Collector is the GitHub collector as the commands run it (the contract
// in internal/collect): flags, workspace organisations and the environment
// in, one snapshot out. One value serves one run.
type Collector struct {
	flags Flags
	// workspace is the folder Args chose, named in Targets' error.
	workspace string

	targets []Target
	cfg     Config
	stats   *Stats
}

// NewCollector returns a collector with the flags' defaults.
func NewCollector() *Collector {
	return &Collector{flags: Flags{Concurrency: DefaultConcurrency, MaxRateWait: DefaultMaxRateWait}}
}

// Name is the collector's name in the commands and in snapshots.
func (c *Collector) Name() string { return CollectorName }

// Help describes `rampart collect github`.
func (c *Collector) Help() (string, string) {
	return short, evidence.CollectorHelp(CollectorName, "Collect ", " resources through the GitHub REST API and write them to an evidence snapshot.") + "\n\n" + longRest
}

// Flags registers the flags of `rampart collect github`.
func (c *Collector) Flags(fl *pflag.FlagSet) {
	f := &c.flags
	fl.StringArrayVar(&f.Orgs, "org", nil, "organization to collect (repeatable); default: the workspace systems' organizations")
	fl.StringVar(&f.Workspace, "workspace", "", "workspace folder whose systems name the organizations (or pass it as the argument)")
	fl.StringVar(&f.URL, "github-url", "", "GitHub Enterprise Server URL or API root (default https://api.github.com, or GITHUB_API_URL)")
	fl.IntVar(&f.Concurrency, "concurrency", DefaultConcurrency, "requests in flight at most")
	fl.StringVar(&f.CacheDir, "cache-dir", "", "ETag cache folder (default RAMPART_GITHUB_CACHE_DIR, else <user cache dir>/rampart/github)")
	fl.BoolVar(&f.NoCache, "no-cache", false, "do not use or update the ETag cache")
	fl.DurationVar(&f.MaxRateWait, "max-rate-wait", DefaultMaxRateWait, "longest wait for a rate-limit reset before writing an incomplete snapshot")
	fl.Int64Var(&f.AppID, "app-id", 0, "GitHub App ID (with --installation-id and --private-key)")
	fl.Int64SliceVar(&f.InstallationIDs, "installation-id", nil, "GitHub App installation ID (repeatable: a pool of installations, each with its own budget)")
	fl.StringArrayVar(&f.Tokens, "token", nil, "GitHub token (repeatable: a pool, each with its own budget; prefer GITHUB_TOKENS, a command line is visible to other users)")
	fl.StringVar(&f.PrivateKey, "private-key", "", "GitHub App private key file (PEM)")
	fl.StringVar(&f.API, "api", string(APIGraphQL), "graphql: batch what GitHub's GraphQL API serves, REST for the rest; rest: every attribute through REST (GitHub Enterprise Server without GraphQL)")
}

// Args checks the flags. The workspace (the argument, --workspace, else
// the current folder) is read only when no --org names the organisations.
func (c *Collector) Args(arg string) (string, error) {
	f := &c.flags
	if f.Concurrency < 1 || f.Concurrency > 100 {
		return "", fmt.Errorf("--concurrency %d: want 1–100 (GitHub limits concurrent requests to 100)", f.Concurrency)
	}
	if _, err := ParseAPI(f.API); err != nil {
		return "", err
	}
	if arg != "" && f.Workspace != "" && arg != f.Workspace {
		return "", fmt.Errorf("workspace given twice: %q and --workspace %q", arg, f.Workspace)
	}
	if slices.Contains(f.Orgs, "") {
		return "", errors.New("--org: empty organization name")
	}
	if len(f.Orgs) > 0 {
		return "", nil
	}
	c.workspace = f.Workspace
	if arg != "" {
		c.workspace = arg
	}
	if c.workspace == "" {
		c.workspace = "."
	}
	return c.workspace, nil
}

// Targets are the --org organisations, else those the workspace's systems
// claim.
func (c *Collector) Targets(ws *model.Workspace) error {
	c.targets = nil
	for _, o := range c.flags.Orgs {
		c.targets = append(c.targets, Target{Org: o})
	}
	if len(c.targets) > 0 {
		return nil
	}
	c.targets = WorkspaceTargets(ws)
	switch {
	case len(c.targets) > 0:
		return nil
	case c.workspace != "": // rampart collect github, where --org is the other way
		return fmt.Errorf("no GitHub organizations: pass --org, or add a github { org = \"…\" } block to a system in %s", c.workspace)
	default:
		return errors.New("no system of the workspace has a github block naming an organization")
	}
}

// WorkspaceTargets are the organisations the systems of ws claim, sorted;
// a system claiming the whole organisation makes every repository a target.
func WorkspaceTargets(ws *model.Workspace) []Target {
	if ws == nil {
		return nil
	}
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
	out := make([]Target, 0, len(repos))
	for _, o := range slices.Sorted(maps.Keys(repos)) {
		t := Target{Org: o}
		if !whole[o] {
			t.Repos = repos[o]
		}
		out = append(out, t)
	}
	return out
}

// Config resolves the flags and the environment. now is not used: the
// collector's clock also times rate-limit resets against the server's
// headers, so it stays the real one.
func (c *Collector) Config(env func(string) string, _ func() time.Time) error {
	cfg, err := EnvConfig(env, c.flags)
	c.cfg = cfg
	return err
}

// EnvConfig resolves flags and environment into a Config without Targets.
// Flags win over the environment; an App configured in either wins over a
// token. Errors name variables, never their values' secrets.
func EnvConfig(env func(string) string, f Flags) (Config, error) {
	api, err := ParseAPI(f.API)
	if err != nil {
		return Config{}, err
	}
	cfg := Config{
		BaseURL: f.URL, Concurrency: f.Concurrency, MaxRateWait: f.MaxRateWait, API: api,
		Auth: Auth{AppID: f.AppID, InstallationID: f.InstallationID, PrivateKeyFile: f.PrivateKey},
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = env(EnvAPIURL)
	}
	if _, err := APIURL(cfg.BaseURL); err != nil {
		return cfg, err
	}
	ids := f.InstallationIDs
	if f.InstallationID != 0 {
		ids = append([]int64{f.InstallationID}, ids...)
	}
	if v := env(EnvAppID); v != "" && cfg.Auth.AppID == 0 {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return cfg, fmt.Errorf("%s: %q is not a positive number", EnvAppID, v)
		}
		cfg.Auth.AppID = n
	}
	if v := env(EnvInstallID); v != "" && len(ids) == 0 {
		for _, part := range strings.Split(v, ",") {
			n, err := strconv.ParseInt(strings.TrimSpace(part), 10, 64)
			if err != nil || n <= 0 {
				return cfg, fmt.Errorf("%s: %q is not a positive number", EnvInstallID, part)
			}
			ids = append(ids, n)
		}
	}
	if len(ids) > 0 {
		cfg.Auth.InstallationID = ids[0]
	}
	if cfg.Auth.PrivateKeyFile == "" {
		cfg.Auth.PrivateKeyFile = env(EnvAppKey)
	}
	if cfg.Auth.AppID == 0 && cfg.Auth.InstallationID == 0 && cfg.Auth.PrivateKeyFile == "" {
		tokens := slices.Clone(f.Tokens)
		if len(tokens) == 0 {
			for _, t := range strings.Split(env(EnvTokens), ",") {
				if t = strings.TrimSpace(t); t != "" {
					tokens = append(tokens, t)
				}
			}
		}
		if len(tokens) == 0 && env(EnvToken) != "" {
			tokens = []string{env(EnvToken)}
		}
		if slices.Contains(tokens, "") {
			return cfg, errors.New("--token: empty token")
		}
		if len(tokens) == 0 {
			return cfg, errors.New("no GitHub credentials: set GITHUB_TOKEN, or --app-id, --installation-id and --private-key")
		}
		cfg.Auth.Token = tokens[0]
		if len(tokens) > 1 {
			for _, t := range tokens {
				cfg.Credentials = append(cfg.Credentials, Auth{Token: t})
			}
		}
	} else if len(ids) > 1 {
		for _, id := range ids {
			cfg.Credentials = append(cfg.Credentials, Auth{AppID: cfg.Auth.AppID, InstallationID: id, PrivateKeyFile: cfg.Auth.PrivateKeyFile})
		}
	}
	if !f.NoCache {
		dir := f.CacheDir
		if dir == "" {
			dir = env(EnvCacheDir)
		}
		if dir == "" {
			d, err := DefaultCacheDir()
			if err != nil {
				return cfg, fmt.Errorf("%w (pass --cache-dir or --no-cache)", err)
			}
			dir = d
		}
		cfg.CacheDir = dir
	}
	return cfg, nil
}

// Collect collects the targets, with a progress line on log. It obeys the
// partial-result rule of internal/collect as the package's Collect does.
func (c *Collector) Collect(ctx context.Context, log io.Writer, terminal bool) (*evidence.Snapshot, error) {
	cfg := c.cfg
	cfg.Targets = c.targets
	var progress *Progress
	if log != nil {
		progress = NewProgress(log, terminal)
		cfg.Progress, cfg.Log = progress, progress
	}
	snap, stats, err := Collect(ctx, cfg)
	if progress != nil {
		progress.Finish()
	}
	c.stats = stats
	return snap, err
}

// Traffic is the requests sent (retries included) and the rate-limit
// waits of the last Collect, for `rampart serve`'s metrics (collect.Traffic).
func (c *Collector) Traffic() (requests, throttles int64) {
	if c.stats == nil {
		return 0, 0
	}
	return c.stats.Requests.Load(), c.stats.RateWaits.Load()
}

// Summary is the request count and the share the ETag cache answered.
func (c *Collector) Summary() string {
	if c.stats == nil {
		return ""
	}
	s := c.stats
	line := fmt.Sprintf("; %d requests, %d answered 304 from the cache", s.Requests.Load(), s.NotModified.Load())
	if g := s.GraphQLRequests.Load(); g > 0 {
		line += fmt.Sprintf(", %d of them GraphQL (%d points); %d quota units", g, s.GraphQLPoints.Load(), s.Units())
	}
	return line
}
