package github_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ghc "github.com/rampart-audit/rampart/internal/collect/github"
	"github.com/rampart-audit/rampart/internal/collect/github/githubtest"
	"github.com/rampart-audit/rampart/internal/evidence"
)

// collectWithin collects with a deadline, so that a collector that loops
// on pagination fails the test instead of hanging it.
func collectWithin(t *testing.T, cfg ghc.Config) *evidence.Snapshot {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	snap, _, err := ghc.Collect(ctx, cfg)
	require.NoError(t, err)
	require.NoError(t, ctx.Err(), "the collection must end on its own")
	return snap
}

func notCollected(snap *evidence.Snapshot, typ, scopeID string) *evidence.NotCollected {
	for i, n := range snap.NotCollected {
		if n.ResourceType == typ && n.ScopeID == scopeID {
			return &snap.NotCollected[i]
		}
	}
	return nil
}

func members(snap *evidence.Snapshot) map[string]evidence.Resource {
	m := map[string]evidence.Resource{}
	for _, r := range snap.Resources {
		if r.Type == ghc.TypeMember && r.Attributes["outside_collaborator"] == false {
			m[r.Attributes["login"].(string)] = r
		}
	}
	return m
}

// TestPaginationLoopIsBounded: the last page of the member lists links back
// to the first (as ?page=1). The collector must stop at the first URL it
// has already read, record the members as not collected, and mark the
// snapshot incomplete. 7 requests: all members (first page, page 2, page=1
// — the first page again under its own URL — then page 2 is a repeat),
// owners and 2FA-disabled members (one page each, then page=1).
func TestPaginationLoopIsBounded(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(githubtest.Acme(), githubtest.Faults{Token: token, LoopPages: map[string]bool{"/orgs/acme/members": true}})
	defer srv.Close()
	snap := collectWithin(t, config(t, srv, &sleeps{}))
	assert.Equal(t, 7, srv.PathCount("/orgs/acme/members"), "each list stops at the first page it has already read")
	assert.True(t, snap.Incomplete)
	gap := notCollected(snap, ghc.TypeMember, "github.com/acme")
	require.NotNil(t, gap, "the members are not collected: %+v", snap.NotCollected)
	assert.Contains(t, gap.Reason, "pagination loops")
	assert.Contains(t, gap.Reason, "orgs/acme/members")
	assert.Empty(t, members(snap), "no member from a list that never ended")
	org := byID(snap)["github.com/acme"]
	assert.Contains(t, org.Unknown["owners"], "pagination loops")
	assert.NotContains(t, org.Attributes, "owners")
}

// TestPageLimit: a list whose every page links to a new next page ends at
// the page limit, as not collected.
func TestPageLimit(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(githubtest.Acme(), githubtest.Faults{Token: token, EndlessPages: map[string]bool{"/orgs/acme/hooks": true}})
	defer srv.Close()
	cfg := config(t, srv, &sleeps{})
	cfg.MaxPages = 25
	snap := collectWithin(t, cfg)
	assert.Equal(t, 25, srv.PathCount("/orgs/acme/hooks"))
	assert.True(t, snap.Incomplete)
	org := byID(snap)["github.com/acme"]
	assert.NotContains(t, org.Attributes, "webhooks")
	assert.Contains(t, org.Unknown["webhooks"], "page limit reached: still a next page after 25 pages")
}

// TestSinceLinksAreFollowed: 151 members paged with ?since= links, which
// go-github reads no page number from. The 151st, on the second page, has
// 2FA disabled: it must be in the snapshot with its failure.
func TestSinceLinksAreFollowed(t *testing.T) {
	t.Parallel()
	org := githubtest.Acme()
	org.Members = append(org.Members, "late-joiner")
	org.No2FA = append(org.No2FA, "late-joiner")
	srv := githubtest.New(org, githubtest.Faults{Token: token, SincePages: map[string]bool{"/orgs/acme/members": true}})
	defer srv.Close()
	snap := collectWithin(t, config(t, srv, &sleeps{}))
	assert.False(t, snap.Incomplete, snap.IncompleteReason)
	m := members(snap)
	assert.Len(t, m, 151, "no member dropped")
	require.Contains(t, m, "late-joiner")
	assert.Equal(t, true, m["late-joiner"].Attributes["two_factor_disabled"])
}

// TestUnfollowableNextLink: a next link that is not a URL, or leads to
// another host, ends the list as not collected. The other host never sees
// a request (the token would go with it).
func TestUnfollowableNextLink(t *testing.T) {
	t.Parallel()
	var evilHits atomic.Int64
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		evilHits.Add(1)
		_, _ = w.Write([]byte("[]"))
	}))
	defer evil.Close()
	for _, tc := range []struct{ name, link, want string }{
		{"malformed URL", "http://[::1/orgs/acme/members?page=2", "is not a URL"},
		{"another host", evil.URL + "/orgs/acme/members?page=2", "is outside the API"},
		{"outside the API path", "/elsewhere/members?page=2", "is outside the API"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := githubtest.New(githubtest.Acme(), githubtest.Faults{Token: token, NextLink: map[string]string{"/orgs/acme/members": tc.link}})
			defer srv.Close()
			cfg := config(t, srv, &sleeps{})
			cfg.BaseURL = srv.URL + "/api/v3/"
			snap := collectWithin(t, cfg)
			assert.True(t, snap.Incomplete)
			gap := notCollected(snap, ghc.TypeMember, "github.com/acme")
			require.NotNil(t, gap, "%+v", snap.NotCollected)
			assert.Contains(t, gap.Reason, "next page link cannot be followed")
			assert.Contains(t, gap.Reason, tc.want)
			assert.Empty(t, members(snap))
		})
	}
	assert.Zero(t, evilHits.Load(), "no request left the API host")
}

// TestEmptyAndTruncatedBodies: a 200 without its JSON document, or with
// half of it, is a failure: the list or object is not collected, never an
// empty list or an organization without settings.
func TestEmptyAndTruncatedBodies(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		faults githubtest.Faults
		check  func(t *testing.T, snap *evidence.Snapshot)
	}{
		{"empty member list", githubtest.Faults{EmptyBody: map[string]int{"/orgs/acme/members": 100}}, func(t *testing.T, snap *evidence.Snapshot) {
			gap := notCollected(snap, ghc.TypeMember, "github.com/acme")
			require.NotNil(t, gap)
			assert.Contains(t, gap.Reason, "GitHub answered 200 with an empty body after 5 attempts")
			assert.Empty(t, members(snap))
		}},
		{"truncated member list", githubtest.Faults{Truncated: map[string]int{"/orgs/acme/members": 100}}, func(t *testing.T, snap *evidence.Snapshot) {
			gap := notCollected(snap, ghc.TypeMember, "github.com/acme")
			require.NotNil(t, gap)
			assert.Contains(t, gap.Reason, "list orgs/acme/members, page 1: unexpected EOF")
			assert.Empty(t, members(snap))
		}},
		{"empty organization", githubtest.Faults{EmptyBody: map[string]int{"/orgs/acme": 100}}, func(t *testing.T, snap *evidence.Snapshot) {
			assert.NotContains(t, byID(snap), "github.com/acme")
			gap := notCollected(snap, ghc.TypeOrganization, "github.com/acme")
			require.NotNil(t, gap)
			assert.Contains(t, gap.Reason, "empty body")
		}},
		{"truncated repository webhooks", githubtest.Faults{Truncated: map[string]int{"/repos/acme/api/hooks": 100}}, func(t *testing.T, snap *evidence.Snapshot) {
			api := byID(snap)["github.com/acme/api"]
			assert.NotContains(t, api.Attributes, "webhooks")
			assert.Contains(t, api.Unknown["webhooks"], "unexpected EOF")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.faults.Token = token
			srv := githubtest.New(githubtest.Acme(), tc.faults)
			defer srv.Close()
			snap := collectWithin(t, config(t, srv, &sleeps{}))
			assert.True(t, snap.Incomplete, "a broken answer marks the snapshot incomplete")
			tc.check(t, snap)
		})
	}
}

// TestBrokenBodiesAreRetriedAndNeverCached: one empty answer is retried
// away; a truncated answer is not kept in the ETag cache, where its ETag
// would have it served again on every later run.
func TestBrokenBodiesAreRetriedAndNeverCached(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(githubtest.Acme(), githubtest.Faults{Token: token,
		EmptyBody: map[string]int{"/orgs/acme/outside_collaborators": 1},
		Truncated: map[string]int{"/orgs/acme/hooks": 1},
	})
	defer srv.Close()
	cfg := config(t, srv, &sleeps{})
	first := collectWithin(t, cfg)
	assert.Contains(t, byID(first)["github.com/acme/members/contractor"].Attributes, "login", "the empty answer was retried")
	assert.Contains(t, byID(first)["github.com/acme"].Unknown["webhooks"], "unexpected EOF")

	second := collectWithin(t, cfg) // same cache directory, the fault used up
	assert.False(t, second.Incomplete, second.IncompleteReason)
	assert.Contains(t, byID(second)["github.com/acme"].Attributes, "webhooks")
}
