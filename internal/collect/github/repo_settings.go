package github

import (
	"context"
	"errors"
	"net/http"

	gh "github.com/google/go-github/v60/github"
)

// archivedSkip is the reason an archived repository's setting is not
// read: every control of it (GH-SECRET-003, GH-REPO-031, GH-REPO-032)
// passes archived repositories over, and an archived repository runs no
// workflow and publishes no release, so the request would buy nothing.
const archivedSkip = "not read: the repository is archived, and the controls of this setting do not apply to archived repositories"

// repositoryDepth sets the repository attributes of the depth controls:
// two from the organisation's repository list (free) and three
// per-repository requests, each through the ETag cache, unless the
// organisation's policy decides the value (inherit.go) or the repository
// is archived (docs/github.md, "What it costs per repository").
func (r *run) repositoryDepth(ctx context.Context, a *attrs, owner, name string, repo *gh.Repository, st *orgState) error {
	listed := "not in the organization's repository list for this token"
	opt(a, "allow_forking", repo.AllowForking, listed)
	opt(a, "delete_branch_on_merge", repo.DeleteBranchOnMerge, listed+" (GitHub returns it to repository admins)")

	archived := repo.Archived != nil && *repo.Archived
	p := "repos/" + esc(owner) + "/" + esc(name) + "/"
	if archived {
		a.miss("actions_secrets", archivedSkip)
	} else {
		secrets, err := listIn[*gh.Secret](ctx, r, p+"actions/secrets", nil, "secrets")
		gp, err := classify(ctx, err, needRepoSecrets)
		if err != nil {
			return err
		}
		if gp != nil {
			r.miss(a, "actions_secrets", gp)
		} else {
			a.set("actions_secrets", secretList(secrets, false))
		}
	}

	setup, setupInherited := st.inherit.defaultSetup[name]
	switch {
	case repo.GetDefaultBranch() == "":
		a.miss("code_scanning_default_setup", "the repository is empty: nothing to scan")
	case archived:
		a.miss("code_scanning_default_setup", archivedSkip)
	case setupInherited:
		inherit(a, "code_scanning_default_setup", setup)
	default:
		setup, _, err := r.c.CodeScanning.GetDefaultSetupConfiguration(ctx, esc(owner), esc(name))
		gp, err := classify(ctx, err, needCodeScanning)
		switch {
		case err != nil:
			return err
		case gp != nil:
			r.miss(a, "code_scanning_default_setup", gp)
		default:
			opt(a, "code_scanning_default_setup", setup.State, "not returned")
		}
	}

	if archived {
		a.miss("immutable_releases", archivedSkip)
		return nil
	}
	if v, ok := st.inherit.immutableReleases(name); ok {
		inherit(a, "immutable_releases", v)
		return nil
	}
	// 200 {"enabled": …}; 404 when immutable releases are off (the
	// repository itself was just listed, so it is not a visibility 404).
	var imm struct {
		Enabled *bool `json:"enabled"`
	}
	req, err := r.c.NewRequest(http.MethodGet, p+"immutable-releases", nil)
	if err != nil {
		return err
	}
	_, err = r.c.Do(ctx, req, &imm)
	var er *gh.ErrorResponse
	switch {
	case err == nil:
		opt(a, "immutable_releases", imm.Enabled, "not returned")
	case errors.As(err, &er) && er.Response != nil && er.Response.StatusCode == http.StatusNotFound:
		a.set("immutable_releases", false)
	default:
		gp, err := classify(ctx, err, needRepoAdmin)
		if err != nil {
			return err
		}
		r.miss(a, "immutable_releases", gp)
	}
	return nil
}
