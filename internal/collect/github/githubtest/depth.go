package githubtest

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// wrappedList names the field GitHub wraps a list's items in
// ({"total_count": n, "<field>": [...]}) for the paths that do; "" for a
// bare array.
func wrappedList(path string) string {
	switch {
	case strings.HasSuffix(path, "/actions/runner-groups"):
		return "runner_groups"
	case strings.HasSuffix(path, "/actions/secrets"):
		return "secrets"
	case strings.HasSuffix(path, "/settings/immutable-releases/repositories"), strings.HasSuffix(path, "/actions/permissions/repositories"):
		return "repositories"
	}
	return ""
}

// orgDepthRoute serves the organisation endpoints of runner groups,
// Actions secrets and SAML credential authorizations.
func (s *Server) orgDepthRoute(rest []string) (int, []byte, []any, bool) {
	org := s.org
	if status, body, items, ok := s.orgInheritRoute(rest); ok {
		return status, body, items, true
	}
	if status, body, items, ok := s.teamsRoute(rest); ok {
		return status, body, items, true
	}
	switch strings.Join(rest, "/") {
	case "actions/runner-groups":
		example := object("openapi/actions__list-self-hosted-runner-groups-for-org.json")["runner_groups"].([]any)
		if org.RunnerGroups == nil {
			return http.StatusOK, nil, example, true
		}
		tmpl, _ := json.Marshal(example[0])
		items := []any{}
		for _, g := range org.RunnerGroups {
			var t map[string]any
			_ = json.Unmarshal(tmpl, &t)
			items = append(items, merge(t, g))
		}
		return http.StatusOK, nil, items, true
	case "actions/secrets":
		return http.StatusOK, nil, secrets("openapi/actions__list-org-secrets.json", org.Secrets), true
	case "credential-authorizations":
		if !org.SAML {
			status, body, items := notFound()
			return status, body, items, true
		}
		items := []any{}
		tmpl, _ := json.Marshal(first("openapi/orgs__list-saml-sso-authorizations.json"))
		for i, c := range org.Credentials {
			var t map[string]any
			_ = json.Unmarshal(tmpl, &t)
			t["login"], t["credential_id"] = c.Login, i+1
			t["credential_accessed_at"] = stamp(c.AccessedAt)
			t["credential_authorized_at"] = stamp(c.AccessedAt.Add(-24 * time.Hour))
			items = append(items, t)
		}
		return http.StatusOK, nil, items, true
	}
	return 0, nil, nil, false
}

// repoDepthRoute serves a repository's Actions secrets, code scanning
// default setup and immutable-releases state.
func (s *Server) repoDepthRoute(repo *Repo, joined string) (int, []byte, []any, bool) {
	switch joined {
	case "actions/secrets":
		return http.StatusOK, nil, secrets("openapi/actions__list-repo-secrets.json", repo.Secrets), true
	case "code-scanning/default-setup":
		state := repo.DefaultSetup
		if forced := s.defaultSetupEnforced(repo); forced != "" {
			state = forced
		}
		if state == "" {
			state = "not-configured"
		}
		o := object("openapi/code-scanning__get-default-setup.json")
		o["state"] = state
		status, body, items := ok(o)
		return status, body, items, true
	case "immutable-releases":
		enforced := s.immutableEnforced(repo)
		if !repo.ImmutableReleases && !enforced {
			status, body, items := notFound()
			return status, body, items, true
		}
		o := object("openapi/repos__check-immutable-releases.json")
		o["enabled"], o["enforced_by_owner"] = true, enforced
		status, body, items := ok(o)
		return status, body, items, true
	}
	return 0, nil, nil, false
}

// repoDepthFields sets the repository-list fields a Repo names.
func repoDepthFields(t map[string]any, repo Repo) {
	delete(t, "allow_forking")
	delete(t, "delete_branch_on_merge")
	if repo.AllowForking != nil {
		t["allow_forking"] = *repo.AllowForking
	}
	if repo.DeleteBranchOnMerge != nil {
		t["delete_branch_on_merge"] = *repo.DeleteBranchOnMerge
	}
}

func secrets(file string, list []Secret) []any {
	items := []any{}
	tmpl, _ := json.Marshal(object(file)["secrets"].([]any)[0])
	for _, sc := range list {
		var t map[string]any
		_ = json.Unmarshal(tmpl, &t)
		t["name"] = sc.Name
		t["created_at"] = stamp(sc.UpdatedAt.Add(-30 * 24 * time.Hour))
		t["updated_at"] = stamp(sc.UpdatedAt)
		delete(t, "visibility")
		delete(t, "selected_repositories_url")
		if sc.Visibility != "" {
			t["visibility"] = sc.Visibility
		}
		items = append(items, t)
	}
	return items
}

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }
