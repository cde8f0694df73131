package github

import (
	"context"
	"strconv"

	gh "github.com/google/go-github/v60/github"
)

// inheritState is what the organisation's own policies decide for its
// repositories, read once per organisation so that a repository whose
// setting the organisation fixes costs no request for it. Each decision
// is only ever taken from a value GitHub enforces on the repository (the
// repository cannot loosen it); where the organisation leaves the choice
// to the repository, or its policy could not be read, the repository is
// asked, as before. A repository whose value was decided this way names
// the policy in its `inherited` attribute (path → where the value comes
// from), so an auditor sees that the value was not read from it.
type inheritState struct {
	// immutable is enforced_repositories of the organisation's
	// immutable-releases policy ("" when unreadable); immutableRepos the
	// repositories it selects when "selected" (nil when unreadable).
	immutable      string
	immutableRepos map[string]bool

	// defaultSetup maps a repository to the code scanning default-setup
	// state an enforced code security configuration attached to it fixes
	// ("configured" / "not-configured"), and the configuration's name.
	defaultSetup map[string]inherited

	// actionsSelected are the repositories enabled for Actions when the
	// organisation enables only selected ones (nil: unreadable or not
	// "selected").
	actionsSelected map[string]bool
}

// inherited is one value an organisation policy decides, and the policy.
type inherited struct {
	value any
	from  string
}

// orgInherit adds the organisation-level requests of the policies
// repositories inherit to orgWide's group. A refused or failed request
// leaves its part undecided (every repository is asked), never a guess;
// the organisation's own attributes do not depend on these requests.
func (r *run) orgInherit(ctx context.Context, step func(func() error), org string, st *orgState) {
	p := "orgs/" + esc(org) + "/"
	in := &st.inherit
	step(func() error {
		var pol struct {
			EnforcedRepositories string `json:"enforced_repositories"`
		}
		req, err := r.c.NewRequest("GET", p+"settings/immutable-releases", nil)
		if err != nil {
			return err
		}
		_, err = r.c.Do(ctx, req, &pol)
		if gp, err := classify(ctx, err, needOrgAdmin); err != nil || gp != nil {
			return err // refused or failed: every repository is asked
		}
		if pol.EnforcedRepositories != "selected" {
			in.immutable = pol.EnforcedRepositories
			return nil
		}
		repos, err := listIn[*gh.Repository](ctx, r, p+"settings/immutable-releases/repositories", nil, "repositories")
		if gp, err := classify(ctx, err, needOrgAdmin); err != nil || gp != nil {
			return err
		}
		in.immutable, in.immutableRepos = "selected", repoNames(repos)
		return nil
	})
	step(func() error {
		configs, err := list[codeSecurityConfiguration](ctx, r, p+"code-security/configurations", nil)
		if gp, err := classify(ctx, err, needOrgAdmin); err != nil || gp != nil {
			return err
		}
		decided := map[string]inherited{}
		for _, c := range configs {
			state, ok := map[string]string{"enabled": "configured", "disabled": "not-configured"}[c.CodeScanningDefaultSetup]
			if c.Enforcement != "enforced" || !ok {
				continue // the repository may choose: ask it
			}
			attached, err := list[codeSecurityAttachment](ctx, r, p+"code-security/configurations/"+strconv.FormatInt(c.ID, 10)+"/repositories", nil)
			if gp, err := classify(ctx, err, needOrgAdmin); err != nil || gp != nil {
				return err // a configuration's repositories unreadable: decide none
			}
			for _, at := range attached {
				// attaching, failed, updating, detached, removed: not (yet)
				// in force on the repository.
				if at.Status == "attached" || at.Status == "enforced" {
					decided[at.Repository.GetName()] = inherited{state, "organization code security configuration " + strconv.Quote(c.Name) + " (enforced, code scanning default setup " + c.CodeScanningDefaultSetup + ")"}
				}
			}
		}
		in.defaultSetup = decided
		return nil
	})
}

// codeSecurityConfiguration is what Rampart reads of an entry of
// GET /orgs/{org}/code-security/configurations.
type codeSecurityConfiguration struct {
	ID                       int64  `json:"id"`
	Name                     string `json:"name"`
	CodeScanningDefaultSetup string `json:"code_scanning_default_setup"`
	Enforcement              string `json:"enforcement"`
}

// codeSecurityAttachment is an entry of a configuration's repositories.
type codeSecurityAttachment struct {
	Status     string         `json:"status"`
	Repository *gh.Repository `json:"repository"`
}

func repoNames(repos []*gh.Repository) map[string]bool {
	m := make(map[string]bool, len(repos))
	for _, r := range repos {
		m[r.GetName()] = true
	}
	return m
}

// inherit sets path from an organisation policy and records the policy
// under inherited, keyed by the whole dotted path.
func inherit(a *attrs, path string, v inherited) {
	a.set(path, v.value)
	m, ok := a.m["inherited"].(map[string]any)
	if !ok {
		m = map[string]any{}
		a.m["inherited"] = m
	}
	m[path] = v.from
}

// actionsSelectedList reads the repositories enabled for Actions when the
// organisation's policy selects them (orgWide's Actions step); refused or
// failed, no repository's Actions state is decided by the organisation.
func (r *run) actionsSelectedList(ctx context.Context, org string, st *orgState) error {
	if st.actionsGap != nil || st.actions.GetEnabledRepositories() != "selected" {
		return nil
	}
	repos, err := listIn[*gh.Repository](ctx, r, "orgs/"+esc(org)+"/actions/permissions/repositories", nil, "repositories")
	if gp, err := classify(ctx, err, needOrgAdmin); err != nil || gp != nil {
		return err
	}
	st.inherit.actionsSelected = repoNames(repos)
	return nil
}

// immutableReleases is the organisation's decision for a repository's
// immutable releases: enforced on it by the policy ("all", or "selected"
// naming it), else none (the repository decides for itself).
func (in *inheritState) immutableReleases(name string) (inherited, bool) {
	switch {
	case in.immutable == "all":
		return inherited{true, "organization immutable releases policy: enforced on all repositories"}, true
	case in.immutable == "selected" && in.immutableRepos[name]:
		return inherited{true, "organization immutable releases policy: enforced on selected repositories, this one among them"}, true
	}
	return inherited{}, false
}

// actionsDisabled reports whether the organisation's Actions policy
// disables Actions for the repository (no repository can enable what the
// organisation disables).
func (st *orgState) actionsDisabled(name string) (inherited, bool) {
	if st.actionsGap != nil || st.actions == nil {
		return inherited{}, false
	}
	switch st.actions.GetEnabledRepositories() {
	case "none":
		return inherited{false, "organization Actions policy: Actions disabled for all repositories"}, true
	case "selected":
		if sel := st.inherit.actionsSelected; sel != nil && !sel[name] {
			return inherited{false, "organization Actions policy: Actions enabled for selected repositories, not this one"}, true
		}
	}
	return inherited{}, false
}

// workflowRestricted reports whether the organisation's workflow
// permissions fix the repository's: GitHub disables the permissive options
// in a repository whose organisation chose read-only GITHUB_TOKENs and
// forbids Actions to approve pull requests, so both repository values are
// then the organisation's. Any other organisation value leaves the choice
// to the repository.
func (st *orgState) workflowRestricted() (perm, approve inherited, ok bool) {
	if st.workflowGap != nil || st.workflow == nil {
		return inherited{}, inherited{}, false
	}
	if st.workflow.GetDefaultWorkflowPermissions() != "read" || st.workflow.CanApprovePullRequestReviews == nil || *st.workflow.CanApprovePullRequestReviews {
		return inherited{}, inherited{}, false
	}
	from := "organization workflow permissions: read-only GITHUB_TOKEN and no pull request approvals by Actions, which repositories cannot loosen"
	return inherited{"read", from}, inherited{false, from}, true
}
