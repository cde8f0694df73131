package github

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"

	gh "github.com/google/go-github/v60/github"
)

// notPublicSkip is why a private or internal repository's security policy
// is not read: GH-REPO-033 asks it of public repositories only (who may
// report a vulnerability matters where anyone can find one).
const notPublicSkip = "not read: only public repositories are asked for a security policy"

// policyDirs are where GitHub looks for a repository's SECURITY.md, in
// its order: the root, docs/, .github/.
var policyDirs = []string{"", "docs", ".github"}

// restSecurityPolicy is the REST reading of GraphQL's
// isSecurityPolicyEnabled: a SECURITY.md (any case) in the repository's
// root, docs/ or .github/, else in the organisation's public .github
// repository, GitHub's default for every repository without its own.
// Folder listings (one to three requests, each through the ETag cache),
// not one request per candidate file: a listing names the file in
// whatever case it was committed.
func (r *run) restSecurityPolicy(ctx context.Context, a *attrs, owner, name string, st *orgState) error {
	found, gp, err := r.hasPolicyFile(ctx, owner, name)
	switch {
	case err != nil:
		return err
	case gp != nil:
		r.miss(a, "has_security_policy", gp)
		return nil
	case found:
		a.set("has_security_policy", true)
		return nil
	}
	found, gp, err = st.orgPolicy.read(ctx, r, owner, st)
	switch {
	case err != nil:
		return err
	case gp != nil:
		r.miss(a, "has_security_policy", &gap{reason: "the organization's default security policy (its .github repository): " + gp.reason, permission: gp.permission, failure: gp.failure})
	default:
		a.set("has_security_policy", found)
	}
	return nil
}

// hasPolicyFile lists the repository's root, and docs/ and .github/ when
// the root has them, for a SECURITY.md.
func (r *run) hasPolicyFile(ctx context.Context, owner, name string) (bool, *gap, error) {
	dirs := map[string]bool{"": true}
	for _, dir := range policyDirs {
		if !dirs[dir] {
			continue
		}
		_, entries, _, err := r.c.Repositories.GetContents(ctx, esc(owner), esc(name), dir, nil)
		var er *gh.ErrorResponse
		if errors.As(err, &er) && er.Response != nil && er.Response.StatusCode == http.StatusNotFound {
			continue // an empty repository, or no such folder
		}
		if gp, err := classify(ctx, err, needContents); err != nil || gp != nil {
			return false, gp, err
		}
		for _, e := range entries {
			n := strings.ToLower(e.GetName())
			if e.GetType() == "file" && n == "security.md" {
				return true, nil, nil
			}
			if dir == "" && e.GetType() == "dir" && (n == "docs" || n == ".github") {
				dirs[e.GetName()] = true
				dirs[n] = true
			}
		}
	}
	return false, nil, nil
}

// orgPolicy is whether the organisation's public .github repository has a
// SECURITY.md: read once, by the first repository that needs it.
type orgPolicy struct {
	mu    sync.Mutex
	done  bool
	found bool
	gap   *gap
}

func (p *orgPolicy) read(ctx context.Context, r *run, owner string, st *orgState) (bool, *gap, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.done {
		return p.found, p.gap, nil
	}
	public := false
	for _, repo := range st.repos {
		if repo.GetName() == ".github" && repo.GetVisibility() == "public" {
			public = true
		}
	}
	if public {
		found, gp, err := r.hasPolicyFile(ctx, owner, ".github")
		if err != nil {
			return false, nil, err // not remembered: the next repository asks again
		}
		p.found, p.gap = found, gp
	}
	p.done = true
	return p.found, p.gap, nil
}
