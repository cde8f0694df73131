package githubtest

import (
	"encoding/json"
	"net/http"
	"slices"
)

// Team is an organisation team: its direct members, its parent's slug
// ("" for a top-level team) and its repository permissions (name →
// admin, maintain, push, triage, pull).
type Team struct {
	Slug    string
	Parent  string
	Members []string
	Repos   map[string]string
}

// teamsRoute serves GET /orgs/{o}/teams, …/teams/{slug}/repos and
// …/teams/{slug}/members; a team's members include its child teams'
// members, as GitHub documents.
func (s *Server) teamsRoute(rest []string) (int, []byte, []any, bool) {
	org := s.org
	switch {
	case len(rest) == 1 && rest[0] == "teams":
		tmpl, _ := json.Marshal(first("openapi/teams__list.json"))
		items := []any{}
		for i, tm := range org.Teams {
			var t map[string]any
			_ = json.Unmarshal(tmpl, &t)
			t["id"], t["slug"], t["name"] = 100+i, tm.Slug, tm.Slug
			t["parent"] = nil
			if tm.Parent != "" {
				t["parent"] = map[string]any{"slug": tm.Parent, "name": tm.Parent}
			}
			items = append(items, t)
		}
		return http.StatusOK, nil, items, true
	case len(rest) == 3 && rest[0] == "teams" && (rest[2] == "repos" || rest[2] == "members"):
		i := slices.IndexFunc(org.Teams, func(t Team) bool { return t.Slug == rest[1] })
		if i < 0 {
			status, body, items := notFound()
			return status, body, items, true
		}
		if rest[2] == "members" {
			return http.StatusOK, nil, users("openapi/teams__list-members-in-org.json", s.teamMembers(rest[1])), true
		}
		tmpl, _ := json.Marshal(first("openapi/teams__list-repos-in-org.json"))
		items := []any{}
		for _, name := range slices.Sorted(func(yield func(string) bool) {
			for n := range org.Teams[i].Repos {
				if !yield(n) {
					return
				}
			}
		}) {
			for _, repo := range org.Repos {
				if repo.Name != name {
					continue
				}
				var t map[string]any
				_ = json.Unmarshal(tmpl, &t)
				t = s.repoObject(t, repo)
				perm := org.Teams[i].Repos[name]
				p := map[string]bool{}
				for _, k := range []string{"pull", "triage", "push", "maintain", "admin"} {
					p[k] = rank(perm) >= rank(k)
				}
				t["permissions"], t["role_name"] = p, perm
				items = append(items, t)
			}
		}
		return http.StatusOK, nil, items, true
	}
	return 0, nil, nil, false
}

// teamMembers are slug's members and, recursively, its child teams'.
func (s *Server) teamMembers(slug string) []string {
	var out []string
	for _, t := range s.org.Teams {
		if t.Slug == slug {
			out = append(out, t.Members...)
		}
		if t.Parent == slug {
			out = append(out, s.teamMembers(t.Slug)...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
