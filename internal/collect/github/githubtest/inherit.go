package githubtest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// CodeSecurityConfig is an organisation's code security configuration and
// the repositories it is attached to (name → attachment status:
// attached, enforced, attaching, failed, …).
type CodeSecurityConfig struct {
	ID           int64
	Name         string
	DefaultSetup string // code_scanning_default_setup: enabled, disabled, not_set
	Enforcement  string // enforced, unenforced
	Repos        map[string]string
}

// orgInheritRoute serves the organisation policies repositories inherit:
// the immutable-releases policy and its selected repositories, the code
// security configurations and their repositories, and the repositories
// selected for Actions.
func (s *Server) orgInheritRoute(rest []string) (int, []byte, []any, bool) {
	org := s.org
	joined := strings.Join(rest, "/")
	switch {
	case joined == "settings/immutable-releases":
		pol := org.ImmutableReleases
		if pol == "" {
			pol = "none"
		}
		o := object("openapi/orgs__get-immutable-releases-settings.json")
		o["enforced_repositories"] = pol
		status, body, items := ok(o)
		return status, body, items, true
	case joined == "settings/immutable-releases/repositories":
		return http.StatusOK, nil, s.repoItems(org.ImmutableSelected), true
	case joined == "actions/permissions/repositories":
		return http.StatusOK, nil, s.repoItems(org.ActionsSelected), true
	case joined == "code-security/configurations":
		tmpl, _ := json.Marshal(first("openapi/code-security__get-configurations-for-org.json"))
		items := []any{}
		for _, c := range org.CodeSecurity {
			var t map[string]any
			_ = json.Unmarshal(tmpl, &t)
			t["id"], t["name"], t["target_type"] = c.ID, c.Name, "organization"
			t["code_scanning_default_setup"], t["enforcement"] = c.DefaultSetup, c.Enforcement
			items = append(items, t)
		}
		return http.StatusOK, nil, items, true
	case len(rest) == 4 && rest[0] == "code-security" && rest[1] == "configurations" && rest[3] == "repositories":
		for _, c := range org.CodeSecurity {
			if strconv.FormatInt(c.ID, 10) != rest[2] {
				continue
			}
			items := []any{}
			names := slices.Sorted(func(yield func(string) bool) {
				for n := range c.Repos {
					if !yield(n) {
						return
					}
				}
			})
			for i, repo := range s.repoItems(names) {
				items = append(items, map[string]any{"status": c.Repos[names[i]], "repository": repo})
			}
			return http.StatusOK, nil, items, true
		}
		status, body, items := notFound()
		return status, body, items, true
	}
	return 0, nil, nil, false
}

// repoItems are the organisation's repositories of these names as GitHub's
// simple-repository objects.
func (s *Server) repoItems(names []string) []any {
	tmpl, _ := json.Marshal(first("openapi/repos__list-for-org.json"))
	items := []any{}
	for _, n := range names {
		for _, repo := range s.org.Repos {
			if repo.Name == n {
				var t map[string]any
				_ = json.Unmarshal(tmpl, &t)
				items = append(items, s.repoObject(t, repo))
			}
		}
	}
	return items
}

// Effective settings: what GitHub answers for a repository whose
// organisation's policy fixes a setting, whatever the repository itself
// was set to (the collector's inherit.go relies on the same rules).

func (s *Server) immutableEnforced(repo *Repo) bool {
	return s.org.ImmutableReleases == "all" || (s.org.ImmutableReleases == "selected" && slices.Contains(s.org.ImmutableSelected, repo.Name))
}

// defaultSetupEnforced is the default-setup state an enforced
// configuration in force on the repository fixes ("" when none does).
func (s *Server) defaultSetupEnforced(repo *Repo) string {
	for _, c := range s.org.CodeSecurity {
		st := c.Repos[repo.Name]
		if c.Enforcement != "enforced" || (st != "attached" && st != "enforced") {
			continue
		}
		switch c.DefaultSetup {
		case "enabled":
			return "configured"
		case "disabled":
			return "not-configured"
		}
	}
	return ""
}

func (s *Server) actionsDisabledByOrg(repo *Repo) bool {
	switch s.org.Actions["enabled_repositories"] {
	case "none":
		return true
	case "selected":
		return !slices.Contains(s.org.ActionsSelected, repo.Name)
	}
	return false
}

// workflowForced is the repository's workflow permissions when the
// organisation's read-only token and no-approval choice bind it (nil: the
// repository's own).
func (s *Server) workflowForced() map[string]any {
	if s.org.Workflow["default_workflow_permissions"] == "read" && s.org.Workflow["can_approve_pull_request_reviews"] == false {
		return map[string]any{"default_workflow_permissions": "read", "can_approve_pull_request_reviews": false}
	}
	return nil
}
