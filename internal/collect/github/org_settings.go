package github

import (
	"context"
	"errors"
	"net/http"
	"time"

	gh "github.com/google/go-github/v60/github"
)

// orgFull is GET /orgs/{org} with the member-privilege fields go-github v60
// does not decode (they are in GitHub's organization-full schema and its
// documented example; absent for tokens that may not see them).
type orgFull struct {
	gh.Organization
	MembersCanDeleteRepos                *bool `json:"members_can_delete_repositories,omitempty"`
	MembersCanChangeRepoVisibility       *bool `json:"members_can_change_repo_visibility,omitempty"`
	MembersCanInviteOutsideCollaborators *bool `json:"members_can_invite_outside_collaborators,omitempty"`
}

// getOrg reads the organisation: one request, as go-github's
// Organizations.Get, decoding the fields it leaves out.
func (r *run) getOrg(ctx context.Context, org string) (*orgFull, error) {
	req, err := r.c.NewRequest(http.MethodGet, "orgs/"+esc(org), nil)
	if err != nil {
		return nil, err
	}
	var o orgFull
	if _, err := r.c.Do(ctx, req, &o); err != nil {
		return nil, err
	}
	return &o, nil
}

// depthState is what the organisation-level requests for runner groups,
// Actions secrets and SAML credential authorizations found.
type depthState struct {
	full *orgFull

	runnerGroups    []*gh.RunnerGroup
	runnerGroupsGap *gap
	secrets         []*gh.Secret
	secretsGap      *gap

	// creds are the SAML credential authorizations; credsNotFound is set
	// when GitHub answered 404 (no SAML, or a token that may not see it).
	creds         []credentialAuthorization
	credsGap      *gap
	credsNotFound bool
}

// credentialAuthorization is what Rampart keeps of an entry of
// GET /orgs/{org}/credential-authorizations: who and when. The entry also
// carries the token's last eight characters, which is never decoded.
type credentialAuthorization struct {
	Login        string        `json:"login"`
	AuthorizedAt gh.Timestamp  `json:"credential_authorized_at"`
	AccessedAt   *gh.Timestamp `json:"credential_accessed_at"`
}

// orgDepth adds the organisation-level requests of the depth controls to
// orgWide's group: three lists, once per organisation, none per repository.
func (r *run) orgDepth(ctx context.Context, step func(func() error), org string, st *orgState) {
	p := "orgs/" + esc(org) + "/"
	d := &st.depth
	step(func() (err error) {
		d.runnerGroups, err = listIn[*gh.RunnerGroup](ctx, r, p+"actions/runner-groups", nil, "runner_groups")
		d.runnerGroupsGap, err = classify(ctx, err, needOrgRunners)
		return err
	})
	step(func() (err error) {
		d.secrets, err = listIn[*gh.Secret](ctx, r, p+"actions/secrets", nil, "secrets")
		d.secretsGap, err = classify(ctx, err, needOrgSecrets)
		return err
	})
	step(func() (err error) {
		var err0 error
		d.creds, err0 = list[credentialAuthorization](ctx, r, p+"credential-authorizations", nil)
		var er *gh.ErrorResponse
		if errors.As(err0, &er) && er.Response != nil && er.Response.StatusCode == http.StatusNotFound {
			d.credsNotFound = true
		}
		d.credsGap, err = classify(ctx, err0, needOrgOwner)
		return err
	})
}

// ownerProven reports whether the token is an organisation owner's: only
// owners may filter members by 2FA, so an answered filter proves it.
func (st *orgState) ownerProven() bool { return st.no2FAGap == nil }

// orgDepthAttrs sets the organisation attributes of the depth controls.
func (r *run) orgDepthAttrs(a *attrs, st *orgState) {
	d := &st.depth
	ownerOnly := "not returned to this token: needs " + needOrgOwner.String()
	o := st.org
	opt(a, "is_verified", o.IsVerified, "not returned")
	opt(a, "members_can_create_internal_repositories", o.MembersCanCreateInternalRepos, ownerOnly+" (or not an Enterprise Cloud organization)")
	opt(a, "members_can_fork_private_repositories", o.MembersCanForkPrivateRepos, ownerOnly)
	if f := d.full; f != nil {
		opt(a, "members_can_delete_repositories", f.MembersCanDeleteRepos, ownerOnly)
		opt(a, "members_can_change_repo_visibility", f.MembersCanChangeRepoVisibility, ownerOnly)
		opt(a, "members_can_invite_outside_collaborators", f.MembersCanInviteOutsideCollaborators, ownerOnly)
	}

	if d.runnerGroupsGap != nil {
		r.miss(a, "runner_groups", d.runnerGroupsGap)
	} else {
		list := make([]map[string]any, 0, len(d.runnerGroups))
		for _, g := range d.runnerGroups {
			list = append(list, map[string]any{
				"id": g.GetID(), "name": g.GetName(), "visibility": g.GetVisibility(), "default": g.GetDefault(),
				"allows_public_repositories": g.GetAllowsPublicRepositories(), "restricted_to_workflows": g.GetRestrictedToWorkflows(),
			})
		}
		a.set("runner_groups", list)
	}
	if d.secretsGap != nil {
		r.miss(a, "actions_secrets", d.secretsGap)
	} else {
		a.set("actions_secrets", secretList(d.secrets, true))
	}

	switch {
	case d.credsGap == nil:
		a.set("saml_sso_enabled", true)
	case d.credsNotFound && st.ownerProven():
		// An owner is told 404 only when the organisation has no SAML.
		a.set("saml_sso_enabled", false)
	case d.credsNotFound:
		a.miss("saml_sso_enabled", "GET credential-authorizations answered 404, which GitHub also answers a token that is not an owner's: needs "+needOrgOwner.String())
	default:
		r.miss(a, "saml_sso_enabled", d.credsGap)
	}
}

// secretList is Actions secrets' metadata: never a value (the API has none
// to give), and for organisation secrets their visibility.
func secretList(secrets []*gh.Secret, org bool) []map[string]any {
	out := make([]map[string]any, 0, len(secrets))
	for _, s := range secrets {
		v := map[string]any{"name": s.Name, "created_at": utc(s.CreatedAt), "updated_at": utc(s.UpdatedAt)}
		if org {
			v["visibility"] = s.Visibility
		}
		out = append(out, v)
	}
	return out
}

// lastActive is, per login, the latest time any of their SAML-authorized
// credentials was used (or, never used, authorized).
func (d *depthState) lastActive() map[string]time.Time {
	out := map[string]time.Time{}
	for _, c := range d.creds {
		t := c.AuthorizedAt.Time
		if c.AccessedAt != nil && c.AccessedAt.After(t) {
			t = c.AccessedAt.Time
		}
		if t.After(out[c.Login]) {
			out[c.Login] = t
		}
	}
	return out
}

// memberActivity sets a member's last_active_at, or why it is unknown.
func (r *run) memberActivity(a *attrs, login string, outside bool, st *orgState, active map[string]time.Time) {
	d := &st.depth
	switch {
	case outside:
		a.miss("last_active_at", "outside collaborators have no SAML credential authorizations in the organization: GitHub's API shows no activity of theirs")
	case d.credsNotFound:
		a.miss("last_active_at", "GitHub's API shows member activity only through SAML credential authorizations, and this organization has none to read (no SAML single sign-on, or not an owner's token: "+needOrgOwner.String()+")")
	case d.credsGap != nil:
		r.miss(a, "last_active_at", d.credsGap)
	default:
		t, ok := active[login]
		if !ok {
			a.miss("last_active_at", "no SAML-authorized credential: GitHub's API shows no other activity of a member")
			return
		}
		a.set("last_active_at", t.UTC().Format(time.RFC3339))
	}
}
