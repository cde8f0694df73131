// Package githubtest is an httptest stand-in for the GitHub REST and
// GraphQL APIs (GraphQL: graphql.go, the schema subset extracted from
// @octokit/graphql-schema, costed by GitHub's formula). It
// serves GitHub's own documented example bodies (extracted from
// @octokit/openapi and @octokit/fixtures by scripts/octokit-extract),
// reshaped for the organisation a test describes, and injects the
// behaviour a collector must survive: Link-header pagination, ETag/304,
// primary rate-limit exhaustion, secondary limits with Retry-After, 401,
// 403 for a missing permission, 404 "Branch not protected", 5xx, latency,
// and broken answers: empty and truncated 200 bodies, pagination that
// loops, never ends, uses ?since= links, or links somewhere unfollowable.
package githubtest

import "time"

// Org is the organisation the stand-in serves.
type Org struct {
	Login string
	// Settings override fields of GitHub's orgs/get example; a nil value
	// removes the field (as GitHub does for tokens that may not see it).
	Settings     map[string]any
	Members      []string
	Owners       []string // subset of Members
	No2FA        []string // members with 2FA disabled
	Outside      []string // outside collaborators
	OutsideNo2FA []string
	Hooks        []Hook
	// Actions and Workflow override the org Actions permission examples.
	Actions  map[string]any
	Workflow map[string]any
	Rulesets []Ruleset
	Repos    []Repo

	Dependabot     []Alert
	CodeScanning   []Alert
	SecretScanning []Alert

	// RunnerGroups are served over GitHub's example group; nil serves the
	// example's three groups as they are.
	RunnerGroups []map[string]any
	// Secrets are the organisation's Actions secrets (metadata).
	Secrets []Secret
	// SAML answers credential-authorizations with Credentials; false
	// answers 404, as GitHub does for an organisation without SAML.
	SAML        bool
	Credentials []Credential

	// Policies repositories inherit (inherit.go). ImmutableReleases is the
	// immutable-releases policy's enforced_repositories ("" serves
	// "none"), ImmutableSelected its repositories when "selected";
	// ActionsSelected the repositories enabled for Actions when Actions
	// sets enabled_repositories "selected".
	ImmutableReleases string
	ImmutableSelected []string
	CodeSecurity      []CodeSecurityConfig
	ActionsSelected   []string

	// Teams, with their members and repository permissions (teams.go).
	Teams []Team
}

// Secret is an Actions secret's metadata; Visibility only for
// organisation secrets.
type Secret struct {
	Name       string
	UpdatedAt  time.Time
	Visibility string
}

// Credential is a SAML credential authorization of a member.
type Credential struct {
	Login      string
	AccessedAt time.Time
}

// Repo is one repository.
type Repo struct {
	Name          string
	DefaultBranch string // "" for an empty repository
	Visibility    string // public, private, internal
	Archived      bool
	Fork          bool
	// SecurityAndAnalysis maps feature → "enabled"/"disabled"; nil leaves
	// security_and_analysis out, as GitHub does for non-admin tokens.
	SecurityAndAnalysis map[string]string
	// Protection is classic protection; nil answers 404 "Branch not
	// protected" (the recorded fixture). UseExample serves GitHub's example.
	Protection map[string]any
	// Rules are the items of GET rules/branches/{branch}.
	Rules []map[string]any
	// RepoRulesets maps a repository ruleset ID to its bypass actors.
	RepoRulesets  map[int64][]map[string]any
	HasCodeowners bool
	VulnAlerts    bool
	Collaborators []Collaborator
	DeployKeys    []DeployKey
	Hooks         []Hook
	Actions       map[string]any
	Workflow      map[string]any
	// AllowForking and DeleteBranchOnMerge set the fields in the
	// repository list; nil leaves them out.
	AllowForking        *bool
	DeleteBranchOnMerge *bool
	// Secrets are the repository's Actions secrets (metadata).
	Secrets []Secret
	// DefaultSetup is code scanning's default-setup state; "" serves
	// "not-configured".
	DefaultSetup string
	// ImmutableReleases answers 200 enabled; false answers 404.
	ImmutableReleases bool
	// SecurityPolicy is the path of the repository's SECURITY.md
	// ("SECURITY.md", "docs/security.md", ".github/SECURITY.md"); "" none.
	// A public repository named .github with one gives every repository
	// of the organisation without its own the default, as on GitHub.
	SecurityPolicy string
	// Workflows maps a file name under .github/workflows to its text; nil
	// answers 404 for the folder (no workflows). A text over 1 MiB is served
	// as GitHub does: empty content, encoding "none".
	Workflows map[string]string
}

// Ruleset is an organisation ruleset; BypassActors nil omits the field.
type Ruleset struct {
	ID           int64
	Name         string
	BypassActors []map[string]any
}

// Hook is a webhook.
type Hook struct {
	ID          int64
	URL         string
	InsecureSSL bool
	Secret      bool
}

// Collaborator is a direct collaborator with their permission.
type Collaborator struct {
	Login      string
	Permission string // admin, maintain, write, triage, read
}

// DeployKey is a repository deploy key.
type DeployKey struct {
	ID       int64
	Title    string
	ReadOnly bool
}

// Alert is an open security alert of a repository.
type Alert struct {
	Repo      string
	Number    int
	Severity  string // Dependabot/code scanning severity; secret type for secret scanning
	CreatedAt time.Time
}

// UseExample as Repo.Protection serves GitHub's documented example body.
var UseExample = map[string]any{"$example": true}

// UseRecorded as Repo.Protection serves a branch protection body recorded
// from the real API by @octokit/fixtures.
var UseRecorded = map[string]any{"$recorded": true}
