package github_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ghc "github.com/rampart-audit/rampart/internal/collect/github"
	"github.com/rampart-audit/rampart/internal/collect/github/githubtest"
	"github.com/rampart-audit/rampart/internal/evidence"
)

// TestCollectedListsWhatWasRead: an organisation read to the end is listed
// with the types no gap names; a listing that was denied, repositories
// limited by patterns, an organisation that could not be read and a run
// stopped by the rate limit are not.
func TestCollectedListsWhatWasRead(t *testing.T) {
	t.Parallel()
	acme := evidence.Scope{Platform: "github", Org: "acme"}
	for _, tc := range []struct {
		name    string
		faults  githubtest.Faults
		targets []ghc.Target
		want    []evidence.Collected
	}{
		{"every type of the organisation", githubtest.Faults{Token: token}, nil,
			[]evidence.Collected{evidence.CollectedScope(acme, ghc.TypeOrganization, ghc.TypeMember, ghc.TypeRepository, ghc.TypeWorkflow)}},
		{"members denied", githubtest.Faults{Token: token, Forbidden: map[string]string{"/orgs/acme/members": "members=read"}}, nil,
			[]evidence.Collected{evidence.CollectedScope(acme, ghc.TypeOrganization, ghc.TypeRepository, ghc.TypeWorkflow)}},
		{"repositories limited by patterns prove nothing about the others", githubtest.Faults{Token: token},
			[]ghc.Target{{Org: "acme", Repos: []string{"a*"}}},
			[]evidence.Collected{evidence.CollectedScope(acme, ghc.TypeOrganization, ghc.TypeMember)}},
		{"one organisation named twice is one scope", githubtest.Faults{Token: token},
			[]ghc.Target{{Org: "acme", Repos: []string{"a*"}}, {Org: "acme"}},
			[]evidence.Collected{evidence.CollectedScope(acme, ghc.TypeOrganization, ghc.TypeMember, ghc.TypeRepository, ghc.TypeWorkflow)}},
		{"an organisation that does not exist", githubtest.Faults{Token: token}, []ghc.Target{{Org: "nope"}},
			[]evidence.Collected{evidence.CollectedScope(evidence.Scope{Platform: "github", Org: "nope"})}},
		{"rate limit exhausted: the organisation did not finish", githubtest.Faults{Token: token, Quota: 30, QuotaReset: time.Now().Add(2 * time.Hour)}, nil,
			[]evidence.Collected{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := githubtest.New(githubtest.Acme(), tc.faults)
			defer srv.Close()
			cfg := config(t, srv, &sleeps{})
			if tc.targets != nil {
				cfg.Targets = tc.targets
			}
			snap, _, err := ghc.Collect(context.Background(), cfg)
			require.NoError(t, err)
			assert.Equal(t, tc.want, snap.Collected)
		})
	}
}
