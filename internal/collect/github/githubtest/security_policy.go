package githubtest

import (
	"errors"
	"path"
	"strconv"
	"strings"
)

// The repository's security policy (Repo.SecurityPolicy) through GraphQL
// (isSecurityPolicyEnabled, securityPolicyUrl: GitHub's own resolution,
// the organisation's public .github repository as the default) and the
// contents API's folder listings the REST path reads.

// policyRepo is the repository whose SECURITY.md applies to repo: its
// own, else the organisation's public .github repository's; nil for none.
func (s *Server) policyRepo(repo *Repo) *Repo {
	if repo.SecurityPolicy != "" {
		return repo
	}
	for i := range s.org.Repos {
		if d := &s.org.Repos[i]; d.Name == ".github" && d.Visibility == "public" && d.SecurityPolicy != "" {
			return d
		}
	}
	return nil
}

func (r *repoResolver) IsSecurityPolicyEnabled() (*bool, error) {
	if err := r.fail("Repository.isSecurityPolicyEnabled"); err != nil {
		return nil, err
	}
	v := r.s.policyRepo(r.r) != nil
	return &v, nil
}

func (r *repoResolver) SecurityPolicyUrl() *uri {
	p := r.s.policyRepo(r.r)
	if p == nil {
		return nil
	}
	u := uri("https://github.com/" + r.s.org.Login + "/" + p.Name + "/security/policy")
	return &u
}

// uri is GraphQL's URI scalar.
type uri string

func (uri) ImplementsGraphQLType(name string) bool { return name == "URI" }
func (u *uri) UnmarshalGraphQL(in any) error {
	s, ok := in.(string)
	if !ok {
		return errors.New("URI must be a string")
	}
	*u = uri(s)
	return nil
}
func (u uri) MarshalJSON() ([]byte, error) { return []byte(strconv.Quote(string(u))), nil }

func (r *repoResolver) DeployKeys(args pageArgs) (*deployKeyConnResolver, error) {
	if err := r.fail("Repository.deployKeys"); err != nil {
		return nil, err
	}
	start, end := window(args, len(r.r.DeployKeys))
	return &deployKeyConnResolver{p: pageInfo{start, end, len(r.r.DeployKeys)}}, nil
}

type deployKeyConnResolver struct{ p pageInfo }

func (c *deployKeyConnResolver) PageInfo() pageInfo { return c.p }
func (c *deployKeyConnResolver) TotalCount() int32  { return int32(c.p.n) }

// policyListing is the contents API's listing of dir ("" the root) as far
// as the security policy and the workflows are concerned: the SECURITY.md
// file where Repo.SecurityPolicy puts it, and the folders on its way.
// ok is false when the folder does not exist.
func (s *Server) policyListing(repo *Repo, dir string) ([]any, bool) {
	tmpl := example("openapi/repos__get-content.directory.json").([]any)[0].(map[string]any)
	var entries []any
	add := func(name, typ string) {
		e := clone(tmpl)
		p := path.Join(dir, name)
		e["name"], e["path"], e["type"] = name, p, typ
		e["url"] = "https://api.github.com/repos/" + s.org.Login + "/" + repo.Name + "/contents/" + p
		delete(e, "content")
		delete(e, "encoding")
		entries = append(entries, e)
	}
	policyDir, policyFile := path.Split(repo.SecurityPolicy)
	policyDir = strings.TrimSuffix(policyDir, "/")
	switch dir {
	case "":
		add("README.md", "file")
		if repo.Workflows != nil || policyDir == ".github" {
			add(".github", "dir")
		}
		if policyDir == "docs" {
			add("docs", "dir")
		}
	case ".github":
		if repo.Workflows == nil && policyDir != ".github" {
			return nil, false
		}
		if repo.Workflows != nil {
			add("workflows", "dir")
		}
	case "docs":
		if policyDir != "docs" {
			return nil, false
		}
	default:
		return nil, false
	}
	if repo.SecurityPolicy != "" && policyDir == dir {
		add(policyFile, "file")
	}
	return entries, true
}
