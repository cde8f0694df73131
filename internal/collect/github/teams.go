package github

import (
	"context"
	"slices"

	gh "github.com/google/go-github/v60/github"
)

// teamAdmins is, per repository, who is its administrator through a team:
// the organisation's teams with admin permission on it and their members
// (GitHub lists a team's members with its child teams' members, so nested
// teams are counted). Read once per organisation — the team list, then
// each team's repositories and members, 1 + 2 × teams requests (more for
// lists over 100), none per repository.
type teamAdmins struct {
	teams   map[string][]string // repository → slugs of its admin teams
	members map[string][]string // slug → members, child teams included
	gap     *gap                // the teams could not all be read
}

func (r *run) orgTeams(ctx context.Context, step func(func() error), org string, st *orgState) {
	p := "orgs/" + esc(org) + "/teams"
	ta := &st.teamAdmins
	step(func() error {
		teams, err := list[*gh.Team](ctx, r, p, nil)
		if gp, err := classify(ctx, err, needOrgRead); err != nil || gp != nil {
			ta.gap = gp
			return err
		}
		ta.teams, ta.members = map[string][]string{}, map[string][]string{}
		for _, t := range teams {
			slug := t.GetSlug()
			repos, err := list[*gh.Repository](ctx, r, p+"/"+esc(slug)+"/repos", nil)
			gp, err := classify(ctx, err, needOrgRead)
			if err != nil {
				return err
			}
			if gp != nil {
				ta.gap = &gap{reason: "repositories of team " + slug + ": " + gp.reason, permission: gp.permission, failure: gp.failure}
				return nil
			}
			admin := false
			for _, repo := range repos {
				if repo.GetPermissions()["admin"] {
					ta.teams[repo.GetName()] = append(ta.teams[repo.GetName()], slug)
					admin = true
				}
			}
			if !admin {
				continue // its members are no repository's admins through it
			}
			members, err := list[*gh.User](ctx, r, p+"/"+esc(slug)+"/members", nil)
			gp, err = classify(ctx, err, needOrgRead)
			if err != nil {
				return err
			}
			if gp != nil {
				ta.gap = &gap{reason: "members of team " + slug + ": " + gp.reason, permission: gp.permission, failure: gp.failure}
				return nil
			}
			ta.members[slug] = logins(members)
		}
		return nil
	})
}

// setAdmins sets the repository's administrators: its direct collaborators
// with admin permission and the members of its admin teams (admin_teams),
// each login once. Organisation owners, administrators of every
// repository, are GH-ORG-007's and not listed. Unknown when either source
// is.
func (r *run) setAdmins(a *attrs, name string, st *orgState) {
	ta := &st.teamAdmins
	collabs, ok := a.m["collaborators"].([]map[string]any)
	switch {
	case !ok:
		a.miss("admins", "the direct collaborators are unknown: "+a.unknown["collaborators"])
		return
	case ta.gap != nil:
		r.miss(a, "admins", &gap{reason: "admins through teams: " + ta.gap.reason, permission: ta.gap.permission, failure: ta.gap.failure})
		return
	case st.no2FAGap != nil:
		// Secret teams are listed to owners only: without proof that the
		// token is an owner's (its 2FA member list was answered), a missing
		// admin team would read as no admin.
		a.miss("admins", "admins through teams: secret teams are visible to organization owners only, and this token is not proven an owner's: needs "+needOrgOwner.String())
		return
	}
	var admins []string
	for _, c := range collabs {
		if c["permission"] == "admin" {
			admins = append(admins, c["login"].(string))
		}
	}
	teams := slices.Clone(ta.teams[name])
	slices.Sort(teams)
	for _, slug := range teams {
		admins = append(admins, ta.members[slug]...)
	}
	slices.Sort(admins)
	a.set("admins", nonNil(slices.Compact(admins)))
	a.set("admin_teams", nonNil(teams))
}
