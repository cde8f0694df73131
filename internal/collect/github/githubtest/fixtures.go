package githubtest

import (
	"fmt"
	"time"
)

// Acme is the organisation most tests use: one repository per situation
// the collector must tell apart.
func Acme() Org {
	created := time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC)
	members := []string{"alice", "bob"}
	for i := 0; i < 148; i++ { // 150 members: two pages of 100
		members = append(members, fmt.Sprintf("dev%03d", i))
	}
	return Org{
		Login:        "acme",
		Settings:     map[string]any{"two_factor_requirement_enabled": false, "default_repository_permission": "write", "members_can_create_public_repositories": true},
		Members:      members,
		Owners:       []string{"alice", "bob"},
		No2FA:        []string{"dev007"},
		Outside:      []string{"contractor"},
		OutsideNo2FA: []string{},
		Hooks:        []Hook{{ID: 1, URL: "https://hooks.example.com/acme?token=s3cr3t", Secret: true}},
		Actions:      map[string]any{"allowed_actions": "all", "enabled_repositories": "all"},
		Workflow:     map[string]any{"default_workflow_permissions": "write", "can_approve_pull_request_reviews": true},
		Rulesets: []Ruleset{
			{ID: 73, Name: "protect default branches", BypassActors: []map[string]any{}},
		},
		Repos: []Repo{
			{
				Name: "api", DefaultBranch: "main", Visibility: "private",
				SecurityAndAnalysis: map[string]string{"advanced_security": "enabled", "secret_scanning": "enabled", "secret_scanning_push_protection": "disabled", "dependabot_security_updates": "enabled"},
				// Classic protection: one review, force pushes allowed, admins exempt.
				Protection: map[string]any{
					"required_pull_request_reviews": map[string]any{"required_approving_review_count": 1, "dismiss_stale_reviews": false, "require_code_owner_reviews": false},
					"enforce_admins":                map[string]any{"enabled": false},
					"allow_force_pushes":            map[string]any{"enabled": true},
					"allow_deletions":               map[string]any{"enabled": false},
				},
				// An organisation ruleset adds two reviews and blocks force pushes.
				Rules: []map[string]any{
					{"type": "pull_request", "ruleset_source_type": "Organization", "ruleset_source": "acme", "ruleset_id": 73,
						"parameters": map[string]any{"required_approving_review_count": 2, "dismiss_stale_reviews_on_push": true, "require_code_owner_review": true, "require_last_push_approval": false, "required_review_thread_resolution": false}},
					{"type": "non_fast_forward", "ruleset_source_type": "Organization", "ruleset_source": "acme", "ruleset_id": 73},
				},
				HasCodeowners: true, VulnAlerts: true,
				Collaborators: []Collaborator{{Login: "alice", Permission: "admin"}, {Login: "contractor", Permission: "admin"}, {Login: "bob", Permission: "write"}},
				DeployKeys:    []DeployKey{{ID: 10, Title: "ci", ReadOnly: false}},
				Hooks:         []Hook{{ID: 20, URL: "http://ci.example.com/hook", InsecureSSL: true}},
				Actions:       map[string]any{"enabled": true, "allowed_actions": "selected"},
				Workflow:      map[string]any{"default_workflow_permissions": "read", "can_approve_pull_request_reviews": false},
				AllowForking:  ptr(false), DeleteBranchOnMerge: ptr(true),
				Secrets:      []Secret{{Name: "AWS_ACCESS_KEY_ID", UpdatedAt: time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)}},
				DefaultSetup: "configured", ImmutableReleases: true,
				Workflows: map[string]string{
					// Pinned, read-only, untrusted input through env: passes.
					"ci.yml": ciWorkflow,
					// A file actionlint cannot parse: unknown, never dropped.
					"broken.yml": "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n        uses: actions/checkout@v4\n",
					"notes.md":   "not a workflow",
				},
			},
			{
				Name: "web", DefaultBranch: "main", Visibility: "public",
				Protection:    nil, // 404 Branch not protected
				Collaborators: []Collaborator{{Login: "bob", Permission: "maintain"}},
				AllowForking:  ptr(true), DeleteBranchOnMerge: ptr(false),
				Workflow: map[string]any{"default_workflow_permissions": "write", "can_approve_pull_request_reviews": true},
				// A public repository with a pwn-request workflow on a self-hosted runner.
				Workflows: map[string]string{"triage.yml": triageWorkflow},
			},
			{
				Name: "docs", DefaultBranch: "master", Visibility: "internal", Archived: true,
				Protection: UseExample, VulnAlerts: true,
				SecurityAndAnalysis: map[string]string{"secret_scanning": "disabled", "secret_scanning_push_protection": "disabled", "dependabot_security_updates": "disabled"},
			},
			{Name: "empty", Visibility: "private"},
			{
				Name: "legacy", DefaultBranch: "main", Visibility: "private",
				Protection: map[string]any{"enforce_admins": map[string]any{"enabled": true}},
				Rules: []map[string]any{
					{"type": "deletion", "ruleset_source_type": "Repository", "ruleset_source": "acme/legacy", "ruleset_id": 5},
				},
				RepoRulesets: map[int64][]map[string]any{5: {{"actor_id": 5, "actor_type": "RepositoryRole", "bypass_mode": "always"}}},
				VulnAlerts:   true,
			},
		},
		Dependabot: []Alert{
			{Repo: "api", Number: 1, Severity: "critical", CreatedAt: created},
			{Repo: "web", Number: 2, Severity: "low", CreatedAt: created},
		},
		CodeScanning:   []Alert{{Repo: "api", Number: 4, Severity: "high", CreatedAt: created}},
		SecretScanning: []Alert{{Repo: "api", Number: 2, Severity: "github_personal_access_token", CreatedAt: created}},
		// RunnerGroups nil: GitHub's example groups (one open to all
		// repositories, all three to public ones).
		Secrets: []Secret{
			{Name: "DEPLOY_TOKEN", UpdatedAt: time.Date(2025, 1, 10, 9, 0, 0, 0, time.UTC), Visibility: "all"},
			{Name: "NPM_TOKEN", UpdatedAt: created, Visibility: "selected"},
		},
		// platform administers api; platform-oncall, its child team, gets
		// the same access, and GitHub lists its members with platform's.
		Teams: []Team{
			{Slug: "platform", Members: []string{"dev001"}, Repos: map[string]string{"api": "admin", "web": "push"}},
			{Slug: "platform-oncall", Parent: "platform", Members: []string{"dev002"}},
			{Slug: "docs-writers", Members: []string{"dev003"}, Repos: map[string]string{"docs": "maintain"}},
		},
		// SAML: alice's token was used recently, bob's a year ago; the other
		// members have no authorized credential (their activity is unknown).
		SAML: true,
		Credentials: []Credential{
			{Login: "alice", AccessedAt: created},
			{Login: "bob", AccessedAt: time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)},
		},
	}
}

func ptr[T any](v T) *T { return &v }

// Large is an organisation of n repositories shaped like real ones (for
// benchmarks): every repository protected by classic rules and an
// organisation ruleset, with a collaborator, a key and a webhook.
func Large(n int) Org {
	o := Acme()
	base := o.Repos[0]
	o.Repos = make([]Repo, n)
	for i := range o.Repos {
		r := base
		r.Name = fmt.Sprintf("svc-%04d", i)
		o.Repos[i] = r
	}
	o.Dependabot, o.CodeScanning, o.SecretScanning = nil, nil, nil
	return o
}

// ciWorkflow is a hardened workflow: every control passes on it.
const ciWorkflow = `name: ci
on:
  pull_request:
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
      - env:
          TITLE: ${{ github.event.pull_request.title }}
        run: echo "$TITLE"
`

// triageWorkflow fails every workflow control.
const triageWorkflow = `name: triage
on:
  pull_request_target:
permissions: write-all
jobs:
  build:
    runs-on: [self-hosted, linux]
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: echo "${{ github.event.pull_request.title }}"
`

// Governed is Acme whose organisation fixes settings for its repositories
// (inherit.go), each chosen so that some repository's own value differs
// from the organisation's: read-only GITHUB_TOKENs without approvals
// (web itself is set to write), immutable releases enforced on api only
// (legacy enabled them itself), a code security configuration with
// default setup enforced, in force on web (whose own state is
// not-configured) and failed on legacy, and Actions enabled for api and
// legacy only.
func Governed() Org {
	o := Acme()
	o.Workflow = map[string]any{"default_workflow_permissions": "read", "can_approve_pull_request_reviews": false}
	o.ImmutableReleases, o.ImmutableSelected = "selected", []string{"api"}
	o.CodeSecurity = []CodeSecurityConfig{
		{ID: 1326, Name: "High risk settings", DefaultSetup: "enabled", Enforcement: "enforced", Repos: map[string]string{"web": "enforced", "legacy": "failed"}},
		{ID: 17, Name: "GitHub recommended", DefaultSetup: "enabled", Enforcement: "unenforced", Repos: map[string]string{"api": "attached"}},
	}
	o.Actions = map[string]any{"allowed_actions": "selected", "enabled_repositories": "selected"}
	o.ActionsSelected = []string{"api", "legacy"}
	for i := range o.Repos {
		if o.Repos[i].Name == "legacy" {
			o.Repos[i].ImmutableReleases = true
			o.Repos[i].Actions = map[string]any{"enabled": false}
		}
	}
	return o
}

// LargeGoverned is Large whose organisation fixes every repository's
// workflow permissions (read-only, no approvals), immutable releases
// (all repositories) and code scanning default setup (an enforced
// configuration attached to every repository): the organisation-level
// policies a large organisation uses, for the benchmark.
func LargeGoverned(n int) Org {
	o := Large(n)
	o.Workflow = map[string]any{"default_workflow_permissions": "read", "can_approve_pull_request_reviews": false}
	o.ImmutableReleases = "all"
	all := map[string]string{}
	for _, r := range o.Repos {
		all[r.Name] = "enforced"
	}
	o.CodeSecurity = []CodeSecurityConfig{{ID: 1326, Name: "org default", DefaultSetup: "enabled", Enforcement: "enforced", Repos: all}}
	return o
}
