package github

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bradleyfalzon/ghinstallation/v2"
)

// A pool of credentials (several tokens, or several GitHub App
// installations): each has its own primary budgets (REST requests and
// GraphQL points, from its answers' X-RateLimit-* headers). Every request
// goes out on the credential with the most of the budget it needs left;
// the collector waits for a reset (within --max-rate-wait) only when every
// credential is down to its reserve, and then for the earliest reset.

// credential is one identity of the pool. label names it in progress and
// logs: never the token.
type credential struct {
	label    string
	identity string
	rt       http.RoundTripper
}

type bucket struct {
	remaining int64 // -1 unknown: not asked yet, or reset since
	reset     time.Time
}

type pool struct {
	creds []credential
	now   func() time.Time

	mu   sync.Mutex
	core []bucket
	gql  []bucket
	// used counts the units each credential was charged: REST answers
	// other than 304, and GraphQL points.
	used []atomic.Int64
}

func newPool(creds []credential, now func() time.Time) *pool {
	p := &pool{creds: creds, now: now, core: make([]bucket, len(creds)), gql: make([]bucket, len(creds)), used: make([]atomic.Int64, len(creds))}
	for i := range creds {
		p.core[i].remaining, p.gql[i].remaining = -1, -1
	}
	return p
}

// identity keys the ETag cache: one credential keeps the key it always had.
func (p *pool) identity() string {
	ids := make([]string, 0, len(p.creds))
	for _, c := range p.creds {
		ids = append(ids, c.identity)
	}
	sort.Strings(ids)
	return strings.Join(ids, "+")
}

func (p *pool) buckets(graphQL bool) []bucket {
	if graphQL {
		return p.gql
	}
	return p.core
}

// pick chooses the credential for the next request: the one with the most
// left above reserve (unknown counts as most: it has not been asked). When
// none has more than reserve, it returns the earliest reset to wait for.
func (p *pool) pick(graphQL bool, reserve int64) (idx int, waitUntil time.Time, left int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	bs := p.buckets(graphQL)
	now := p.now()
	best, bestRem := -1, int64(-2)
	for i, b := range bs {
		rem := b.remaining
		if rem >= 0 && !b.reset.IsZero() && now.After(b.reset.Add(time.Second)) {
			rem = -1 // its window has passed: the budget is back
		}
		switch {
		case rem < 0:
			return i, time.Time{}, -1
		case rem > reserve && rem > bestRem:
			best, bestRem = i, rem
		}
	}
	if best >= 0 {
		return best, time.Time{}, bestRem
	}
	earliest := 0
	for i, b := range bs {
		if b.reset.Before(bs[earliest].reset) {
			earliest = i
		}
	}
	return earliest, bs[earliest].reset, bs[earliest].remaining
}

// forget marks a credential's budget unknown after its reset was waited for.
func (p *pool) forget(idx int, graphQL bool, reset time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if b := &p.buckets(graphQL)[idx]; !b.reset.After(reset) {
		b.remaining = -1
	}
}

func (p *pool) observe(idx int, resp *http.Response) (int64, int64, bool) {
	rem, err1 := strconv.ParseInt(resp.Header.Get("X-RateLimit-Remaining"), 10, 64)
	reset, err2 := strconv.ParseInt(resp.Header.Get("X-RateLimit-Reset"), 10, 64)
	if err1 != nil || err2 != nil || idx < 0 || idx >= len(p.creds) {
		return 0, 0, false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	graphQL := resp.Header.Get("X-RateLimit-Resource") == "graphql"
	p.buckets(graphQL)[idx] = bucket{remaining: rem, reset: time.Unix(reset, 0)}
	return rem, reset, !graphQL
}

// CredentialUse is what one credential of the pool spent and has left.
type CredentialUse struct {
	Label       string
	Used        int64
	RESTLeft    int64 // -1 unknown
	GraphQLLeft int64 // -1 unknown
}

func (p *pool) uses() []CredentialUse {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]CredentialUse, len(p.creds))
	for i, c := range p.creds {
		out[i] = CredentialUse{Label: c.label, Used: p.used[i].Load(), RESTLeft: p.core[i].remaining, GraphQLLeft: p.gql[i].remaining}
	}
	return out
}

type credKey struct{}

func withCredential(ctx context.Context, idx int) context.Context {
	return context.WithValue(ctx, credKey{}, idx)
}

func credentialOf(ctx context.Context) int {
	if i, ok := ctx.Value(credKey{}).(int); ok {
		return i
	}
	return -1
}

// poolAuth is the bottom of the stack: it sends each request with the
// credential the limiter picked, and charges REST answers to it (it sees
// the real 304s, which cost nothing).
type poolAuth struct{ p *pool }

func (a poolAuth) RoundTrip(req *http.Request) (*http.Response, error) {
	idx := credentialOf(req.Context())
	if idx < 0 {
		idx = 0 // a request the limiter did not route: GitHub App token refresh goes through ghinstallation itself
	}
	resp, err := a.p.creds[idx].rt.RoundTrip(req)
	if err == nil && resp.StatusCode != http.StatusNotModified && !isGraphQL(req) {
		a.p.used[idx].Add(1)
	}
	return resp, err
}

// credentials builds the pool's identities from the configured auths.
func credentials(auths []Auth, base http.RoundTripper, api string) ([]credential, error) {
	var out []credential
	tokens, apps := 0, 0
	for _, a := range auths {
		switch {
		case a.Token != "":
			tokens++
			out = append(out, credential{label: "token " + strconv.Itoa(tokens), identity: "token:" + hashString(a.Token), rt: bearer{next: base, token: a.Token}})
		case a.AppID != 0 || a.InstallationID != 0 || a.PrivateKeyFile != "":
			if a.AppID == 0 || a.InstallationID == 0 || a.PrivateKeyFile == "" {
				return nil, errors.New("GitHub App authentication needs the app ID, the installation ID and the private key file")
			}
			itr, err := ghinstallation.NewKeyFromFile(base, a.AppID, a.InstallationID, a.PrivateKeyFile)
			if err != nil {
				return nil, fmt.Errorf("GitHub App key %s: %w", a.PrivateKeyFile, err)
			}
			itr.BaseURL = strings.TrimSuffix(api, "/")
			apps++
			out = append(out, credential{label: fmt.Sprintf("app %d/%d", a.AppID, a.InstallationID), identity: fmt.Sprintf("app:%d/%d", a.AppID, a.InstallationID), rt: itr})
		}
	}
	if len(out) == 0 {
		return nil, errors.New("no GitHub credentials: set GITHUB_TOKEN, or the GitHub App ID, installation ID and private key file")
	}
	return out, nil
}

// poolAuths is every credential of cfg: Credentials when set, else Auth.
func poolAuths(cfg Config) []Auth {
	if len(cfg.Credentials) > 0 {
		return cfg.Credentials
	}
	return []Auth{cfg.Auth}
}

// secrets are the tokens of cfg, kept out of every message.
func secrets(cfg Config) []string {
	var out []string
	for _, a := range poolAuths(cfg) {
		if a.Token != "" {
			out = append(out, a.Token)
		}
	}
	return out
}

func redactAll(s string, secrets []string) string {
	for _, sec := range secrets {
		s = redact(s, sec)
	}
	return s
}
