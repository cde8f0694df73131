package githubtest

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

type routed struct {
	status int
	body   []byte
	items  []any
}

// route answers a GET. List endpoints return items (paginated by the
// caller); others a body. Built answers are memoised: the org is fixed.
func (s *Server) route(r *http.Request, path string) (int, []byte, []any) {
	if r.Method != http.MethodGet {
		return http.StatusMethodNotAllowed, []byte(`{"message":"the stand-in serves GET only"}`), nil
	}
	key := path + "?" + r.URL.Query().Get("role") + "&" + r.URL.Query().Get("filter") + "&" + r.URL.Query().Get("affiliation")
	if v, ok := s.memo.Load(key); ok {
		rt := v.(routed)
		return rt.status, rt.body, rt.items
	}
	status, body, items := s.build(r, path)
	s.memo.Store(key, routed{status, body, items})
	return status, body, items
}

func notFound() (int, []byte, []any) {
	return http.StatusNotFound, []byte(`{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}`), nil
}

func ok(v any) (int, []byte, []any) {
	b, _ := json.Marshal(v)
	return http.StatusOK, b, nil
}

func (s *Server) build(r *http.Request, path string) (int, []byte, []any) {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	org := s.org
	switch {
	case len(parts) >= 2 && parts[0] == "orgs":
		if parts[1] != org.Login {
			return notFound()
		}
		return s.orgRoute(r, parts[2:])
	case len(parts) >= 3 && parts[0] == "repos":
		if parts[1] != org.Login {
			return notFound()
		}
		for i := range org.Repos {
			if org.Repos[i].Name == parts[2] {
				return s.repoRoute(&org.Repos[i], parts[3:])
			}
		}
		return notFound()
	}
	return notFound()
}

func (s *Server) orgRoute(r *http.Request, rest []string) (int, []byte, []any) {
	org := s.org
	if status, body, items, ok := s.orgDepthRoute(rest); ok {
		return status, body, items
	}
	switch strings.Join(rest, "/") {
	case "":
		o := object("openapi/orgs__get.json")
		o["login"] = org.Login
		for k, v := range org.Settings {
			if v == nil {
				delete(o, k)
			} else {
				o[k] = v
			}
		}
		return ok(o)
	case "members":
		var logins []string
		switch {
		case r.URL.Query().Get("filter") == "2fa_disabled":
			logins = org.No2FA
		case r.URL.Query().Get("role") == "admin":
			logins = org.Owners
		default:
			logins = org.Members
		}
		return http.StatusOK, nil, users("openapi/orgs__list-members.json", logins)
	case "outside_collaborators":
		logins := org.Outside
		if r.URL.Query().Get("filter") == "2fa_disabled" {
			logins = org.OutsideNo2FA
		}
		return http.StatusOK, nil, users("openapi/orgs__list-outside-collaborators.json", logins)
	case "hooks":
		return http.StatusOK, nil, hooks("openapi/orgs__list-webhooks.json", org.Hooks)
	case "rulesets":
		items := []any{}
		for _, rs := range org.Rulesets {
			t := first("openapi/repos__get-org-rulesets.json")
			t["id"], t["name"], t["source"] = rs.ID, rs.Name, org.Login
			items = append(items, t)
		}
		return http.StatusOK, nil, items
	case "actions/permissions":
		return ok(merge(object("openapi/actions__get-github-actions-permissions-organization.json"), org.Actions))
	case "actions/permissions/workflow":
		return ok(merge(object("openapi/actions__get-github-actions-default-workflow-permissions-organization.json"), org.Workflow))
	case "repos":
		items := make([]any, 0, len(org.Repos))
		tmpl, _ := json.Marshal(first("openapi/repos__list-for-org.json"))
		for _, repo := range org.Repos {
			var t map[string]any
			_ = json.Unmarshal(tmpl, &t)
			items = append(items, s.repoObject(t, repo))
		}
		return http.StatusOK, nil, items
	case "dependabot/alerts":
		return http.StatusOK, nil, s.alerts("openapi/dependabot__list-alerts-for-org.json", org.Dependabot, func(t map[string]any, a Alert) {
			t["state"] = "open"
			t["security_advisory"].(map[string]any)["severity"] = a.Severity
			t["security_vulnerability"].(map[string]any)["severity"] = a.Severity
		})
	case "code-scanning/alerts":
		return http.StatusOK, nil, s.alerts("openapi/code-scanning__list-alerts-for-org.json", org.CodeScanning, func(t map[string]any, a Alert) {
			t["state"] = "open"
			t["rule"].(map[string]any)["security_severity_level"] = a.Severity
		})
	case "secret-scanning/alerts":
		return http.StatusOK, nil, s.alerts("openapi/secret-scanning__list-alerts-for-org.json", org.SecretScanning, func(t map[string]any, a Alert) {
			t["state"], t["resolution"], t["secret_type"] = "open", nil, a.Severity
			t["secret"] = "ghp_leakedSecretValueFromTheAlert"
		})
	}
	if len(rest) == 2 && rest[0] == "rulesets" {
		for _, rs := range org.Rulesets {
			if strconv.FormatInt(rs.ID, 10) == rest[1] {
				t := first("openapi/repos__get-org-rulesets.json")
				t["id"], t["name"], t["source"], t["target"] = rs.ID, rs.Name, org.Login, "branch"
				if rs.BypassActors != nil {
					t["bypass_actors"] = rs.BypassActors
				}
				return ok(t)
			}
		}
	}
	return notFound()
}

func (s *Server) repoObject(t map[string]any, repo Repo) map[string]any {
	t["name"] = repo.Name
	t["full_name"] = s.org.Login + "/" + repo.Name
	t["owner"].(map[string]any)["login"] = s.org.Login
	t["visibility"] = repo.Visibility
	t["private"] = repo.Visibility != "public"
	t["archived"], t["fork"] = repo.Archived, repo.Fork
	if repo.DefaultBranch == "" {
		delete(t, "default_branch")
	} else {
		t["default_branch"] = repo.DefaultBranch
	}
	repoDepthFields(t, repo)
	if repo.SecurityAndAnalysis == nil {
		delete(t, "security_and_analysis")
	} else {
		sa := map[string]any{}
		for k, v := range repo.SecurityAndAnalysis {
			sa[k] = map[string]any{"status": v}
		}
		t["security_and_analysis"] = sa
	}
	return t
}

func (s *Server) alerts(file string, alerts []Alert, shape func(map[string]any, Alert)) []any {
	items := []any{}
	tmpl, _ := json.Marshal(first(file))
	for _, a := range alerts {
		var t map[string]any
		_ = json.Unmarshal(tmpl, &t)
		t["number"] = a.Number
		t["created_at"] = a.CreatedAt.UTC().Format("2006-01-02T15:04:05Z")
		repo := t["repository"].(map[string]any)
		repo["name"], repo["full_name"] = a.Repo, s.org.Login+"/"+a.Repo
		shape(t, a)
		items = append(items, t)
	}
	return items
}

func (s *Server) repoRoute(repo *Repo, rest []string) (int, []byte, []any) {
	joined := strings.Join(rest, "/")
	if status, body, items, ok := s.repoDepthRoute(repo, joined); ok {
		return status, body, items
	}
	switch {
	case joined == "":
		return ok(s.repoObject(object("openapi/repos__get.json"), *repo))
	case len(rest) == 3 && rest[0] == "branches" && rest[2] == "protection":
		if rest[1] != repo.DefaultBranch {
			return notFound()
		}
		if repo.Protection == nil {
			// GitHub's recorded answer for an unprotected branch.
			f := object("fixtures/branch-not-protected.json")
			b, _ := json.Marshal(f["body"])
			return http.StatusNotFound, b, nil
		}
		if _, ex := repo.Protection["$example"]; ex {
			return ok(object("openapi/repos__get-branch-protection.json"))
		}
		if _, rec := repo.Protection["$recorded"]; rec {
			return ok(object("fixtures/branch-protection-recorded.json")["body"])
		}
		return ok(repo.Protection)
	case len(rest) == 3 && rest[0] == "rules" && rest[1] == "branches":
		items := make([]any, 0, len(repo.Rules))
		for _, rule := range repo.Rules {
			items = append(items, rule)
		}
		return http.StatusOK, nil, items
	case len(rest) == 2 && rest[0] == "rulesets":
		id, _ := strconv.ParseInt(rest[1], 10, 64)
		actors, found := repo.RepoRulesets[id]
		if !found {
			return notFound()
		}
		t := first("openapi/repos__get-org-rulesets.json")
		t["id"], t["source_type"], t["source"], t["target"] = id, "Repository", s.org.Login+"/"+repo.Name, "branch"
		if actors != nil {
			t["bypass_actors"] = actors
		}
		return ok(t)
	case len(rest) >= 1 && rest[0] == "contents":
		return s.contentsRoute(repo, rest[1:])
	case joined == "codeowners/errors":
		if !repo.HasCodeowners {
			return notFound()
		}
		return ok(object("openapi/repos__codeowners-errors.json"))
	case joined == "vulnerability-alerts":
		if repo.VulnAlerts {
			return http.StatusNoContent, nil, nil
		}
		return notFound()
	case joined == "collaborators":
		items := []any{}
		tmpl, _ := json.Marshal(first("openapi/repos__list-collaborators.json"))
		for _, c := range repo.Collaborators {
			var t map[string]any
			_ = json.Unmarshal(tmpl, &t)
			t["login"], t["role_name"] = c.Login, c.Permission
			p := map[string]bool{}
			for _, k := range []string{"pull", "triage", "push", "maintain", "admin"} {
				p[k] = rank(c.Permission) >= rank(k)
			}
			t["permissions"] = p
			items = append(items, t)
		}
		return http.StatusOK, nil, items
	case joined == "keys":
		items := []any{}
		for _, k := range repo.DeployKeys {
			t := first("openapi/repos__list-deploy-keys.json")
			t["id"], t["title"], t["read_only"] = k.ID, k.Title, k.ReadOnly
			items = append(items, t)
		}
		return http.StatusOK, nil, items
	case joined == "hooks":
		return http.StatusOK, nil, hooks("openapi/repos__list-webhooks.json", repo.Hooks)
	case joined == "actions/permissions":
		o := merge(object("openapi/actions__get-github-actions-permissions-repository.json"), repo.Actions)
		if s.actionsDisabledByOrg(repo) {
			o = map[string]any{"enabled": false}
		}
		return ok(o)
	case joined == "actions/permissions/workflow":
		o := merge(object("openapi/actions__get-github-actions-default-workflow-permissions-repository.json"), repo.Workflow)
		return ok(merge(o, s.workflowForced()))
	}
	return notFound()
}

func rank(p string) int {
	switch p {
	case "admin":
		return 5
	case "maintain":
		return 4
	case "push", "write":
		return 3
	case "triage":
		return 2
	case "pull", "read":
		return 1
	}
	return 0
}

func users(file string, logins []string) []any {
	items := []any{}
	for i, l := range logins {
		t := first(file)
		t["login"], t["id"] = l, i+1
		items = append(items, t)
	}
	return items
}

func hooks(file string, hs []Hook) []any {
	items := []any{}
	for _, h := range hs {
		t := first(file)
		cfg := t["config"].(map[string]any)
		t["id"] = h.ID
		cfg["url"] = h.URL
		cfg["insecure_ssl"] = map[bool]string{true: "1", false: "0"}[h.InsecureSSL]
		delete(cfg, "secret")
		if h.Secret {
			cfg["secret"] = "********" // GitHub never returns the secret itself
		}
		items = append(items, t)
	}
	return items
}

func merge(base, over map[string]any) map[string]any {
	for k, v := range over {
		if v == nil {
			delete(base, k)
		} else {
			base[k] = v
		}
	}
	return base
}
