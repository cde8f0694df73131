// Package github is the live GitHub collector: it reads organisations,
// their members and repositories through the GraphQL API (what it serves,
// 100 repositories a query: graphql*.go) and the REST API (go-github: the
// rest, or everything with --api rest), over a pool of credentials
// (pool.go), and hands the engine an evidence.Snapshot of
// github.organization, github.member, github.repository and github.workflow
// resources, with every attribute it could not read named in the
// resource's unknown map (or the snapshot's not_collected list) together
// with the permission that was missing.
//
// It is built to survive large organisations: pagination everywhere,
// bounded concurrency, the primary rate limit read from response headers
// (wait for the reset, or stop and return what was collected marked
// incomplete), secondary limits and 5xx retried with backoff, and ETag
// conditional requests kept in an on-disk cache.
package github

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	gh "github.com/google/go-github/v60/github"
)

// Target is one organisation to collect, optionally narrowed to
// repositories whose names match any of Repos (globs; empty means all).
type Target struct {
	Org   string
	Repos []string
	// Shard, when set, collects one slice of the repositories (shard.go).
	Shard RepoShard
}

// Auth is how the collector authenticates: a token, or a GitHub App
// installation. The zero value is anonymous, which is refused.
type Auth struct {
	Token string
	// GitHub App: all three set.
	AppID          int64
	InstallationID int64
	PrivateKeyFile string
}

// Config describes one collection.
type Config struct {
	Targets []Target
	Auth    Auth
	// Credentials, when set, is a pool used instead of Auth (pool.go):
	// several tokens or GitHub App installations, each with its own budget.
	Credentials []Auth
	// BaseURL is the REST API root; empty means https://api.github.com/.
	// A GitHub Enterprise Server host ("https://ghe.example.com") gets
	// /api/v3/ appended.
	BaseURL string
	// Concurrency bounds requests in flight; <= 0 means DefaultConcurrency.
	Concurrency int
	// CacheDir keeps ETags between runs; empty disables the cache.
	CacheDir string
	// MaxRateWait is the longest the collector waits for a primary rate
	// limit reset before it stops and returns an incomplete snapshot.
	MaxRateWait time.Duration
	// Log receives plain progress lines (rate-limit waits, organisations
	// done); nil discards them.
	Log io.Writer
	// Progress, when set, is told about every repository done.
	Progress *Progress

	// API selects what reads the repositories: APIGraphQL (the default,
	// graphql_repos.go) or APIREST (every attribute through REST).
	API API

	// MaxPages bounds the pages of one list; <= 0 means DefaultMaxPages.
	// A list still going at the limit is recorded as not collected.
	MaxPages int

	// For tests: clock, sleep, retry backoff base and base transport.
	Now       func() time.Time
	Sleep     func(ctx context.Context, d time.Duration) error
	Backoff   time.Duration
	Transport http.RoundTripper
}

// DefaultConcurrency keeps well under GitHub's documented limit of 100
// concurrent requests, which triggers secondary limits.
const DefaultConcurrency = 8

// DefaultCacheDir is <user cache dir>/rampart/github.
func DefaultCacheDir() (string, error) {
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("find user cache dir: %w", err)
	}
	return filepath.Join(d, "rampart", "github"), nil
}

// options are Config resolved to concrete values.
type options struct {
	concurrency int
	maxRateWait time.Duration
	maxRetries  int
	maxPages    int
	api         API
	graphQLURL  string
	// restGroups are the GraphQL groups this server cannot answer (its
	// schema lacks the field): read through REST. Set while the
	// repository pages are read, one page after another, before the
	// workers of a page start; read by them afterwards.
	restGroups [groupCount]bool
	backoff    time.Duration
	now        func() time.Time
	sleep      func(ctx context.Context, d time.Duration) error
	logf       func(format string, args ...any)
}

func resolve(cfg Config) *options {
	o := &options{concurrency: cfg.Concurrency, maxRateWait: cfg.MaxRateWait, maxRetries: 4, backoff: cfg.Backoff, now: cfg.Now, sleep: cfg.Sleep}
	if o.concurrency <= 0 {
		o.concurrency = DefaultConcurrency
	}
	o.api = cfg.API
	if o.api == "" {
		o.api = APIGraphQL
	}
	o.maxPages = cfg.MaxPages
	if o.maxPages <= 0 {
		o.maxPages = DefaultMaxPages
	}
	if o.backoff <= 0 {
		o.backoff = time.Second
	}
	if o.now == nil {
		o.now = time.Now
	}
	if o.sleep == nil {
		o.sleep = sleepCtx
	}
	log := cfg.Log
	if log == nil {
		log = io.Discard
	}
	var mu sync.Mutex // workers log concurrently; the writer need not be safe
	o.logf = func(format string, args ...any) {
		// Library errors could echo a request; the secret never leaves.
		line := redactAll(fmt.Sprintf(format, args...), secrets(cfg))
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintln(log, line)
	}
	return o
}

// APIURL turns a --github-url value into the REST API root.
func APIURL(raw string) (*url.URL, error) {
	if raw == "" {
		raw = "https://api.github.com/"
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return nil, fmt.Errorf("GitHub URL %q: want an absolute URL like https://ghe.example.com", raw)
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return nil, fmt.Errorf("GitHub URL %q: scheme must be https (or http)", raw)
	}
	if u.User != nil {
		return nil, errors.New("GitHub URL must not carry credentials; use GITHUB_TOKEN")
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	if u.Host != "api.github.com" && u.Path == "/" {
		u.Path = "/api/v3/" // GitHub Enterprise Server serves the API under /api/v3
	}
	return u, nil
}

// client builds the go-github client over the transport stack:
// go-github → limiter (rate limits, retries) → ETag cache → counter → auth → network.
func client(cfg Config, o *options, stats *Stats) (*gh.Client, error) {
	api, err := APIURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	base := cfg.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	creds, err := credentials(poolAuths(cfg), base, api.String())
	if err != nil {
		return nil, err
	}
	p := newPool(creds, o.now)
	stats.pool.Store(p)
	var rt http.RoundTripper = counter{next: poolAuth{p: p}, stats: stats}
	if cfg.CacheDir != "" {
		c, err := newETagCache(rt, cfg.CacheDir, p.identity()+"@"+api.String(), stats)
		if err != nil {
			return nil, err
		}
		rt = c
	}
	rt = newLimiter(rt, o, stats, p)
	o.graphQLURL = GraphQLURL(api)
	c := gh.NewClient(&http.Client{Transport: rt})
	c.BaseURL = api
	c.UserAgent = "rampart-github-collector"
	return c, nil
}

func hashString(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}
