package github_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	ghc "github.com/rampart-audit/rampart/internal/collect/github"
	"github.com/rampart-audit/rampart/internal/collect/github/githubtest"
)

// TestTeamAdmins: a repository's admins include the members of its admin
// teams and of their child teams; a team list the token may not read, or
// a token not proven an owner's (secret teams are hidden from others),
// leaves admins unknown with the reason, never a shorter list.
func TestTeamAdmins(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		faults  githubtest.Faults
		want    []string // api's admins; nil: unknown
		because string
	}{
		{"nested teams counted", githubtest.Faults{}, []string{"alice", "contractor", "dev001", "dev002"}, ""},
		{"team list refused", githubtest.Faults{Forbidden: map[string]string{"/orgs/acme/teams": "members=read"}}, nil, "admins through teams: 403"},
		{"team members refused", githubtest.Faults{Forbidden: map[string]string{"/orgs/acme/teams/platform/members": "members=read"}}, nil, "members of team platform"},
		{"not an owner", githubtest.Faults{Forbidden: map[string]string{"/orgs/acme/members": "members=read"}}, nil, "not proven an owner"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			for _, api := range []ghc.API{ghc.APIREST, ghc.APIGraphQL} {
				snap, _, srv := collectVia(t, githubtest.Acme(), tc.faults, api)
				api := byID(snap)["github.com/acme/api"]
				if tc.want != nil {
					assert.Equal(t, tc.want, api.Attributes["admins"])
					assert.Equal(t, []string{"platform"}, api.Attributes["admin_teams"])
					assert.Equal(t, 1, srv.PathCount("/orgs/acme/teams"), "the team list once, not per repository")
					assert.Zero(t, srv.PathCount("/orgs/acme/teams/docs-writers/members"), "a team that administers nothing: its members are not asked")
					continue
				}
				assert.NotContains(t, api.Attributes, "admins")
				assert.Contains(t, api.Unknown["admins"], tc.because)
			}
		})
	}
}
