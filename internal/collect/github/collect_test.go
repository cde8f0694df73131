package github_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ghc "github.com/rampart-audit/rampart/internal/collect/github"
	"github.com/rampart-audit/rampart/internal/collect/github/githubtest"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/golden"
)

const token = "ghp_TESTTOKEN0123456789abcdefghijklmnopq"

var fixedNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// sleeps records waits instead of sleeping, so retries cost no test time.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	return ctx.Err()
}

func config(t *testing.T, srv *githubtest.Server, sl *sleeps) ghc.Config {
	t.Helper()
	return ghc.Config{
		Targets:     []ghc.Target{{Org: "acme"}},
		Auth:        ghc.Auth{Token: token},
		BaseURL:     srv.URL,
		Concurrency: 4,
		CacheDir:    t.TempDir(),
		MaxRateWait: time.Minute,
		Now:         func() time.Time { return fixedNow },
		Sleep:       sl.sleep,
		Backoff:     time.Millisecond,
	}
}

func byID(s *evidence.Snapshot) map[string]evidence.Resource {
	m := map[string]evidence.Resource{}
	for _, r := range s.Resources {
		m[r.ID] = r
	}
	return m
}

func encode(t *testing.T, s *evidence.Snapshot) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, evidence.Encode(&b, s))
	return b.Bytes()
}

// TestCollectAcme checks the whole normalised snapshot against a golden
// file, with the injected secondary limit and 5xx retried away.
func TestCollectAcme(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(githubtest.Acme(), githubtest.Faults{
		Token:        token,
		Secondary:    map[string]int{"/orgs/acme/members": 1},
		ServerErrors: map[string]int{"/repos/acme/web/hooks": 2},
		Forbidden:    map[string]string{"/repos/acme/legacy/branches/main/protection": "administration=read"},
	})
	defer srv.Close()
	sl := &sleeps{}
	var log bytes.Buffer
	cfg := config(t, srv, sl)
	cfg.API = ghc.APIREST // the REST path's golden; graphql_test.go compares GraphQL with it
	cfg.Log = &log
	snap, stats, err := ghc.Collect(context.Background(), cfg)
	require.NoError(t, err)
	got := encode(t, snap)

	goldenPath := filepath.Join("testdata", "golden", "acme.json")
	if golden.Update() {
		require.NoError(t, os.MkdirAll(filepath.Dir(goldenPath), 0o755))
		require.NoError(t, os.WriteFile(goldenPath, got, 0o644))
	}
	want, err := os.ReadFile(goldenPath)
	require.NoError(t, err)
	assert.JSONEq(t, string(want), string(got))

	assert.False(t, snap.Incomplete, snap.IncompleteReason)
	assert.GreaterOrEqual(t, stats.Retries.Load(), int64(3), "1 secondary limit + 2 × 502 retried")
	assert.Contains(t, log.String(), "secondary rate limit on /api/v3/orgs/acme/members: waiting 1s")
	assert.GreaterOrEqual(t, srv.PathCount("/orgs/acme/members"), 5, "150 members: 2 pages + the retried one + owners + 2FA filter")

	res := byID(snap)
	api := res["github.com/acme/api"].Attributes["default_branch_protection"].(map[string]any)
	// Strictest wins: the org ruleset's 2 reviews and force-push block beat classic's 1 and allow.
	assert.Equal(t, 2, api["required_approving_review_count"])
	assert.Equal(t, false, api["allow_force_pushes"])
	assert.Equal(t, true, api["dismiss_stale_reviews"])
	assert.Equal(t, true, api["enforce_admins"], "the org ruleset has no bypass actors")
	assert.Equal(t, false, api["allow_deletions"])

	web := res["github.com/acme/web"]
	assert.Equal(t, false, web.Attributes["default_branch_protection"].(map[string]any)["protected"], "404 Branch not protected is data")
	assert.Contains(t, web.Unknown["security_and_analysis"], "administration:read")
	assert.Contains(t, web.Unknown["dependabot_alerts"], "Dependabot alerts are not enabled")

	legacy := res["github.com/acme/legacy"]
	lp := legacy.Attributes["default_branch_protection"].(map[string]any)
	assert.Equal(t, true, lp["protected"], "the repository ruleset protects it even though classic protection is unreadable")
	assert.Equal(t, false, lp["allow_deletions"])
	assert.Contains(t, legacy.Unknown["default_branch_protection.allow_force_pushes"], "403")
	assert.Contains(t, legacy.Unknown["default_branch_protection.allow_force_pushes"], "administration:read")
	_, known := lp["allow_force_pushes"]
	assert.False(t, known, "unknown attributes are absent, never false")
}

// TestWarmRunIsAnswered304 re-runs with the same cache: nearly every
// request is conditional and answered 304, and the snapshot is the same.
func TestWarmRunIsAnswered304(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(githubtest.Acme(), githubtest.Faults{Token: token})
	defer srv.Close()
	cfg := config(t, srv, &sleeps{})
	cold, coldStats, err := ghc.Collect(context.Background(), cfg)
	require.NoError(t, err)
	warm, warmStats, err := ghc.Collect(context.Background(), cfg)
	require.NoError(t, err)
	assert.Equal(t, encode(t, cold), encode(t, warm))
	assert.Equal(t, coldStats.Requests.Load(), warmStats.Requests.Load())
	share := float64(warmStats.NotModified.Load()) / float64(warmStats.Requests.Load())
	// Secret scanning alerts are never cached (they carry the secret), and
	// 404/204 answers have no ETag.
	assert.GreaterOrEqual(t, share, 0.6, "warm 304 share %.2f", share)
	assert.Zero(t, coldStats.NotModified.Load())

	// The cache holds neither the token nor the leaked secret of an alert.
	require.NoError(t, filepath.WalkDir(cfg.CacheDir, func(p string, d fs.DirEntry, err error) error {
		require.NoError(t, err)
		if d.IsDir() {
			return nil
		}
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		assert.NotContains(t, string(b), token)
		assert.NotContains(t, string(b), "ghp_leakedSecretValueFromTheAlert")
		info, err := d.Info()
		require.NoError(t, err)
		assert.Equal(t, fs.FileMode(0o600), info.Mode().Perm())
		return nil
	}))
}

func TestRateLimitExhaustedStopsWithPartialSnapshot(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(githubtest.Acme(), githubtest.Faults{
		Token: token, Quota: 30, QuotaReset: time.Now().Add(2 * time.Hour),
	})
	defer srv.Close()
	cfg := config(t, srv, &sleeps{})
	snap, _, err := ghc.Collect(context.Background(), cfg)
	require.NoError(t, err)
	assert.True(t, snap.Incomplete)
	assert.Contains(t, snap.IncompleteReason, "rate limit exhausted")
	assert.Contains(t, snap.IncompleteReason, "--max-rate-wait")
	var stopped int
	for _, n := range snap.NotCollected {
		if n.ResourceType == ghc.TypeRepository && strings.Contains(n.Reason, "collection stopped") {
			stopped++
		}
	}
	assert.Positive(t, stopped, "the repositories it never reached are listed")
	assert.Less(t, len(snap.Resources), 156, "not everything was collected")
}

func TestRateLimitWaitsForReset(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(githubtest.Acme(), githubtest.Faults{
		Token: token, Quota: 25, QuotaReset: time.Now().Add(1500 * time.Millisecond), QuotaRefill: 10000,
	})
	defer srv.Close()
	cfg := config(t, srv, nil)
	// Real clock and waiting: the stand-in refills when its reset passes.
	cfg.Sleep, cfg.Now = nil, nil
	var log bytes.Buffer
	cfg.Log = &log
	snap, stats, err := ghc.Collect(context.Background(), cfg)
	require.NoError(t, err)
	assert.False(t, snap.Incomplete, snap.IncompleteReason)
	assert.Positive(t, stats.RateWaits.Load())
	assert.Contains(t, log.String(), "rate limit:")
	assert.Contains(t, log.String(), "waiting")
}

func TestUnauthorizedFailsWithoutLeakingTheToken(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(githubtest.Acme(), githubtest.Faults{Token: "ghp_theRightOne"})
	defer srv.Close()
	var log bytes.Buffer
	cfg := config(t, srv, &sleeps{})
	cfg.Log = &log
	snap, _, err := ghc.Collect(context.Background(), cfg)
	require.ErrorIs(t, err, ghc.ErrUnauthorized)
	assert.Nil(t, snap)
	assert.NotContains(t, err.Error(), token)
	assert.NotContains(t, log.String(), token)
}

func TestTokenNeverInSnapshotOrLog(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(githubtest.Acme(), githubtest.Faults{
		Token: token, ServerErrors: map[string]int{"/repos/acme/api/keys": 99},
		Forbidden: map[string]string{"/orgs/acme/hooks": "organization_hooks=read"},
	})
	defer srv.Close()
	var log bytes.Buffer
	cfg := config(t, srv, &sleeps{})
	cfg.Log = &log
	snap, _, err := ghc.Collect(context.Background(), cfg)
	require.NoError(t, err)
	out := string(encode(t, snap))
	for _, secret := range []string{token, "s3cr3t", "ghp_leakedSecretValueFromTheAlert", "********"} {
		assert.NotContains(t, out, secret)
		assert.NotContains(t, log.String(), secret)
	}
	// A 5xx that outlasts the retries is not a pass: the attribute is
	// unknown and the snapshot incomplete.
	api := byID(snap)["github.com/acme/api"]
	assert.Contains(t, api.Unknown["deploy_keys"], "502")
	assert.True(t, snap.Incomplete)
	org := byID(snap)["github.com/acme"]
	assert.Contains(t, org.Unknown["webhooks"], "organization_hooks:read")
}

func TestMissingPermissionsAreNotCollected(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(githubtest.Acme(), githubtest.Faults{
		Token: token,
		Forbidden: map[string]string{
			"/orgs/acme/dependabot/alerts": "vulnerability_alerts=read",
			"/orgs/acme/members":           "members=read",
			"/repos/acme/*":                "administration=read",
		},
	})
	defer srv.Close()
	cfg := config(t, srv, &sleeps{})
	cfg.API = ghc.APIREST // REST refusals; GraphQL's are TestGraphQLFieldErrors
	snap, _, err := ghc.Collect(context.Background(), cfg)
	require.NoError(t, err)
	assert.False(t, snap.Incomplete, "permissions are data, not failures: %s", snap.IncompleteReason)
	var member *evidence.NotCollected
	for i, n := range snap.NotCollected {
		if n.ResourceType == ghc.TypeMember && n.ScopeID == "github.com/acme" {
			member = &snap.NotCollected[i]
		}
	}
	require.NotNil(t, member)
	assert.Contains(t, member.MissingPermission, "members:read")
	assert.Contains(t, member.Reason, "403")
	api := byID(snap)["github.com/acme/api"]
	assert.Contains(t, api.Unknown["dependabot_alerts"], "vulnerability_alerts:read")
	assert.Contains(t, api.Unknown["default_branch_protection.protected"], "administration:read")
	assert.Contains(t, api.Unknown["deploy_keys"], "administration:read")
	_, has := api.Attributes["default_branch_protection"].(map[string]any)["protected"]
	assert.False(t, has)
	org := byID(snap)["github.com/acme"]
	assert.Contains(t, org.Unknown["owners"], "members:read")
}

// cancelAfter cancels the collection once n requests have gone out.
type cancelAfter struct {
	n      int64
	count  atomic.Int64
	cancel context.CancelFunc
}

func (c *cancelAfter) RoundTrip(r *http.Request) (*http.Response, error) {
	if c.count.Add(1) == c.n {
		c.cancel()
	}
	return http.DefaultTransport.RoundTrip(r)
}

func TestCancelWritesPartialSnapshot(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(githubtest.Large(50), githubtest.Faults{Token: token})
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cfg := config(t, srv, &sleeps{})
	cfg.Transport = &cancelAfter{n: 80, cancel: cancel}
	snap, _, err := ghc.Collect(ctx, cfg)
	// The partial-result rule of internal/collect: the snapshot so far and
	// the cancellation, as the AWS collector returns them.
	require.ErrorIs(t, err, context.Canceled)
	require.NotNil(t, snap)
	assert.True(t, snap.Incomplete)
	assert.Equal(t, "collection cancelled", snap.IncompleteReason)
	assert.NotEmpty(t, snap.NotCollected)
	// Promptly: it did not go on to read all 50 repositories.
	assert.Less(t, srv.Requests(), int64(200))
	// What it wrote is a valid snapshot.
	_, err = evidence.Decode(encode(t, snap))
	require.NoError(t, err)
}

func TestRepoGlobs(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(githubtest.Acme(), githubtest.Faults{Token: token})
	defer srv.Close()
	cfg := config(t, srv, &sleeps{})
	cfg.Targets = []ghc.Target{{Org: "acme", Repos: []string{"a*", "web"}}}
	snap, _, err := ghc.Collect(context.Background(), cfg)
	require.NoError(t, err)
	var repos []string
	for _, r := range snap.Resources {
		if r.Type == ghc.TypeRepository {
			repos = append(repos, r.Scope.Repo)
		}
	}
	assert.Equal(t, []string{"api", "web"}, repos)
}

func TestUnknownOrgIsNotCollected(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(githubtest.Acme(), githubtest.Faults{Token: token})
	defer srv.Close()
	cfg := config(t, srv, &sleeps{})
	cfg.Targets = []ghc.Target{{Org: "nope"}}
	snap, _, err := ghc.Collect(context.Background(), cfg)
	require.NoError(t, err)
	assert.Empty(t, snap.Resources)
	require.Len(t, snap.NotCollected, 4, "organization, members, repositories, workflows")
	assert.Contains(t, snap.NotCollected[0].Reason, "organization nope does not exist or is not visible to these credentials (404)")
}

func TestAPIURL(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want, err string }{
		{"", "https://api.github.com/", ""},
		{"https://api.github.com", "https://api.github.com/", ""},
		{"https://ghe.example.com", "https://ghe.example.com/api/v3/", ""},
		{"https://ghe.example.com/api/v3", "https://ghe.example.com/api/v3/", ""},
		{"ghe.example.com", "", "absolute URL"},
		{"ftp://ghe.example.com", "", "scheme"},
		{"https://user:pw@ghe.example.com", "", "credentials"},
	} {
		u, err := ghc.APIURL(tc.in)
		if tc.err != "" {
			require.ErrorContains(t, err, tc.err, tc.in)
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, tc.want, u.String())
	}
}

func TestNoCredentials(t *testing.T) {
	t.Parallel()
	_, _, err := ghc.Collect(context.Background(), ghc.Config{Targets: []ghc.Target{{Org: "acme"}}})
	require.ErrorContains(t, err, "GITHUB_TOKEN")
	_, _, err = ghc.Collect(context.Background(), ghc.Config{Targets: []ghc.Target{{Org: "acme"}}, Auth: ghc.Auth{AppID: 1}})
	require.ErrorContains(t, err, "installation ID")
}

func TestProgressPlainLines(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(githubtest.Large(20), githubtest.Faults{Token: token})
	defer srv.Close()
	var out bytes.Buffer
	p := ghc.NewProgress(&out, false)
	cfg := config(t, srv, &sleeps{})
	cfg.Progress, cfg.Log = p, p
	_, _, err := ghc.Collect(context.Background(), cfg)
	require.NoError(t, err)
	p.Finish()
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	assert.Contains(t, lines[len(lines)-1], "20/20 repositories")
	assert.NotContains(t, out.String(), "\r", "no terminal control codes in CI logs")
}

func TestGitHubAppAuthentication(t *testing.T) {
	t.Parallel()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	keyFile := filepath.Join(t.TempDir(), "app.pem")
	require.NoError(t, os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}), 0o600))
	const installToken = "ghs_installationTOKEN0123456789"
	srv := githubtest.New(githubtest.Acme(), githubtest.Faults{Token: installToken, AppInstallation: 42, AppKey: &key.PublicKey})
	defer srv.Close()
	var log bytes.Buffer
	cfg := config(t, srv, &sleeps{})
	cfg.Auth = ghc.Auth{AppID: 7, InstallationID: 42, PrivateKeyFile: keyFile}
	cfg.Log = &log
	snap, _, err := ghc.Collect(context.Background(), cfg)
	require.NoError(t, err)
	assert.False(t, snap.Incomplete, snap.IncompleteReason)
	assert.Contains(t, byID(snap), "github.com/acme/api")
	assert.NotContains(t, string(encode(t, snap)), installToken)
	assert.NotContains(t, log.String(), installToken)

	// A key that is not the App's is refused by GitHub: 401, nothing collected.
	other, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(other)}), 0o600))
	cfg.CacheDir = t.TempDir()
	_, _, err = ghc.Collect(context.Background(), cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "401")

	cfg.Auth.PrivateKeyFile = filepath.Join(t.TempDir(), "missing.pem")
	_, _, err = ghc.Collect(context.Background(), cfg)
	require.ErrorContains(t, err, "missing.pem")
}

func TestSecondaryLimitWithoutRetryAfterWaitsAMinute(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(githubtest.Acme(), githubtest.Faults{Token: token, Secondary: map[string]int{"/orgs/acme/hooks": 2}, RetryAfter: -1})
	defer srv.Close()
	sl := &sleeps{}
	snap, stats, err := ghc.Collect(context.Background(), config(t, srv, sl))
	require.NoError(t, err)
	assert.False(t, snap.Incomplete, snap.IncompleteReason)
	assert.Equal(t, int64(2), stats.RateWaits.Load())
	// GitHub's guidance: at least a minute, then exponentially longer.
	assert.Contains(t, sl.d, time.Minute)
	assert.Contains(t, sl.d, 2*time.Minute)
}

func TestSecondaryLimitThatNeverEndsStopsTheRun(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(githubtest.Acme(), githubtest.Faults{Token: token, Secondary: map[string]int{"/repos/acme/api/keys": 100}})
	defer srv.Close()
	snap, _, err := ghc.Collect(context.Background(), config(t, srv, &sleeps{}))
	require.NoError(t, err)
	assert.True(t, snap.Incomplete)
	assert.Contains(t, snap.IncompleteReason, "secondary rate limit")
}

func TestDamagedCacheEntryIsRefetched(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(githubtest.Acme(), githubtest.Faults{Token: token})
	defer srv.Close()
	cfg := config(t, srv, &sleeps{})
	first, _, err := ghc.Collect(context.Background(), cfg)
	require.NoError(t, err)
	n := 0
	require.NoError(t, filepath.WalkDir(cfg.CacheDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
			return os.WriteFile(p, []byte("{not json"), 0o600)
		}
		return err
	}))
	require.Positive(t, n)
	second, stats, err := ghc.Collect(context.Background(), cfg)
	require.NoError(t, err)
	assert.Zero(t, stats.NotModified.Load(), "damaged entries are not used")
	assert.Equal(t, encode(t, first), encode(t, second))
}

func TestCursorPaginatedAlerts(t *testing.T) {
	t.Parallel()
	org := githubtest.Acme()
	org.Dependabot = nil
	for i := 1; i <= 250; i++ {
		org.Dependabot = append(org.Dependabot, githubtest.Alert{Repo: "api", Number: i, Severity: "medium", CreatedAt: fixedNow.Add(-time.Hour)})
	}
	srv := githubtest.New(org, githubtest.Faults{Token: token})
	defer srv.Close()
	snap, _, err := ghc.Collect(context.Background(), config(t, srv, &sleeps{}))
	require.NoError(t, err)
	alerts := byID(snap)["github.com/acme/api"].Attributes["dependabot_alerts"].([]map[string]any)
	assert.Len(t, alerts, 250)
	assert.Equal(t, 3, srv.PathCount("/orgs/acme/dependabot/alerts"), "three pages of 100 by ?after= cursor")
}

// TestRecordedBranchProtection reads a protection body GitHub really sent
// (recorded by @octokit/fixtures), not only the documented example.
func TestRecordedBranchProtection(t *testing.T) {
	t.Parallel()
	org := githubtest.Acme()
	org.Repos = []githubtest.Repo{{Name: "svc", DefaultBranch: "main", Visibility: "private", Protection: githubtest.UseRecorded}}
	srv := githubtest.New(org, githubtest.Faults{Token: token})
	defer srv.Close()
	snap, _, err := ghc.Collect(context.Background(), config(t, srv, &sleeps{}))
	require.NoError(t, err)
	p := byID(snap)["github.com/acme/svc"].Attributes["default_branch_protection"].(map[string]any)
	want := map[string]any{
		"protected": true, "sources": []string{"branch_protection"}, "required_approving_review_count": 1,
		"dismiss_stale_reviews": true, "require_code_owner_reviews": false, "enforce_admins": true,
		"allow_force_pushes": false, "allow_deletions": false, "required_signatures": false,
		"required_status_checks": []string{"foo/bar"}, "required_status_checks_enabled": true, "required_status_checks_strict": true,
	}
	for k, v := range want {
		assert.Equal(t, v, p[k], k)
	}
}
