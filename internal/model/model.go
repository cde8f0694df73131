// Package model is the first stage of the pipeline: it decodes the workspace
// HCL (systems, people, risks, mitigations, training, security policies,
// waivers, settings) and the embedded governance pack into typed structs,
// reporting every user mistake as an hcl.Diagnostic with its source range.
package model

import (
	"time"

	"github.com/hashicorp/hcl/v2"
)

// Workspace is the organisation as described in HCL, merged with the
// governance pack.
type Workspace struct {
	Settings    Settings
	Systems     []*System
	People      []*Person
	Risks       []*Risk
	Mitigations []*Mitigation
	Trainings   []*Training
	Policies    []*Policy
	Waivers     []*Waiver
	// Schedules and Notifies are `rampart serve`'s (schedule.go).
	Schedules []*Schedule
	Notifies  []*Notify
	// Attestations decide manual controls (attestation.go).
	Attestations []*Attestation
	// Files are every parsed file by name, for printing diagnostics with source lines.
	Files map[string]*hcl.File
	// partial are the bodies of blocks that decoded with errors. They are
	// kept, so that references to them resolve and the rest of their
	// values are validated in the same round; their zero values are the
	// attributes the decoder already reported (validator.reported).
	partial map[hcl.Body]bool
	// packFiles are the names of the governance pack's files (InPack).
	packFiles map[string]bool
}

// Settings are workspace-wide knobs; every field has a documented default.
type Settings struct {
	// Organisation names whose audit this is: the title of the HTML report
	// and the management summary ("" falls back to the workspace folder).
	Organisation string `hcl:"organisation,optional" doc:"the organisation whose audit this is: the title of the HTML report and the management summary; default the workspace folder's name"`
	// RiskAppetite is the highest residual risk score (1–25) accepted without treatment.
	RiskAppetite float64 `hcl:"risk_appetite,optional" doc:"the highest residual risk score (likelihood × impact) accepted without treatment: 1 to 25, default {{default_risk_appetite}}"`
	// WaiverMaxDays is how far ahead a waiver may expire.
	WaiverMaxDays int `hcl:"waiver_max_days,optional" doc:"how many days ahead a waiver may expire, default {{default_waiver_max_days}}"`
	// AlertSLA maps an alert severity to how long it may stay open ("7d");
	// EffectiveAlertSLA applies it over DefaultAlertSLA.
	AlertSLA map[string]string `hcl:"alert_sla,optional" doc:"how long an open security alert of a severity may stay open, by severity: {{severities}}; a duration ({{duration}}); defaults {{alert_sla}}"`
	// AlertRisks maps an alert kind to the risks its open alerts count
	// against, replacing for that kind the links the risks' `alerts` make
	// (Workspace.AlertRiskLinks).
	AlertRisks map[string][]string `hcl:"alert_risks,optional" doc:"the risks an alert kind ({{alert_kinds}}) counts against, replacing the links the risks' alerts make for that kind; an empty list unlinks it"`
	// Exclude removes governance pack blocks by "kind.id" (pack.go).
	Exclude []string `hcl:"exclude,optional" doc:"governance pack blocks this workspace does without, as KIND.ID: {{pack_kinds}} (e.g. \"risk.data-exposure\"); pack blocks stop referring to them"`
	// AWSTrustedAccounts are the AWS account IDs (12 digits) outside the
	// audited accounts that may be trusted without sts:ExternalId: the
	// organisation's own other accounts (validateTrustedAccounts).
	// RequiredApprovingReviews is the fewest approving reviews GH-REPO-002
	// accepts on a default branch; confidential and restricted systems need
	// at least 2 whatever it says.
	RequiredApprovingReviews int `hcl:"required_approving_reviews,optional" doc:"the fewest approving reviews a default branch must require (GH-REPO-002): 1 or more, default {{default_required_approving_reviews}}; confidential and restricted systems need at least 2 whatever it says"`
	// SignedCommits is where GH-REPO-009 requires signed commits.
	SignedCommits string `hcl:"signed_commits,optional" doc:"where signed commits are required (GH-REPO-009): {{signed_commits_scopes}}; default {{default_signed_commits}}"`
	// InactiveRepositoryDays is how long a repository may go without a push
	// before GH-REPO-030 wants it archived.
	InactiveRepositoryDays int      `hcl:"inactive_repository_days,optional" doc:"how many days a repository may go without a push before it must be archived (GH-REPO-030): 1 or more, default {{default_inactive_repository_days}}"`
	AWSTrustedAccounts     []string `hcl:"aws_trusted_accounts,optional" doc:"AWS account IDs (12 digits) outside the audited accounts that roles may trust without sts:ExternalId: the organisation's own other accounts; unset, cross-account trust is not_evaluated"`

	// LogRetentionDays is the shortest retention AWS-LOGS-001 accepts on a
	// CloudWatch Logs log group ("never expire" always passes).
	LogRetentionDays int `hcl:"log_retention_days,optional" doc:"the fewest days a CloudWatch Logs log group must keep its events (AWS-LOGS-001; a group that never expires passes): 1 or more, default {{default_log_retention_days}}"`

	// AllowedRegions are the AWS regions the organisation means to use;
	// AWS-ORG-006 fails a region-deny SCP on the root that leaves another
	// open. Unset, the regions it leaves open are compared with nothing.
	AllowedRegions []string `hcl:"allowed_regions,optional" doc:"the AWS regions the organisation uses (e.g. [\"eu-west-1\", \"us-east-1\"]): AWS-ORG-006 fails when the region-deny SCPs on the organisation's root leave any other region open; unset, the open regions are not compared with anything"`

	DeclRange hcl.Range
	body      hcl.Body
}

// System is a business system: the unit that owns resources and carries a
// data classification controls can use.
type System struct {
	ID             string              `hcl:"id,label"`
	Name           string              `hcl:"name,optional" doc:"a display name"`
	Description    string              `hcl:"description,optional" doc:"what the system is"`
	Owner          string              `hcl:"owner" doc:"the person (ID of a person block) accountable for the system"`
	Classification string              `hcl:"classification" doc:"data classification: {{classifications}}; stricter controls apply to confidential and restricted systems"`
	InternetFacing bool                `hcl:"internet_facing,optional" doc:"the system is meant to be reached from the internet (a website, a public API), only then may its security groups admit 0.0.0.0/0 or ::/0 (AWS-EC2-021); default false"`
	GitHub         []GitHubSelector    `hcl:"github,block" doc:"claims a GitHub organisation or some of its repositories"`
	AWS            []AWSSelector       `hcl:"aws,block" doc:"claims an AWS account, optionally some of its regions"`
	Terraform      []TerraformSelector `hcl:"terraform,block" doc:"claims Terraform resources by the file they are declared in"`

	DeclRange hcl.Range
	body      hcl.Body
}

// GitHubSelector claims an organisation, or some of its repositories.
type GitHubSelector struct {
	Org string `hcl:"org" doc:"the organisation login"`
	// Repos are globs over repository names; empty claims the whole organisation.
	Repos []string `hcl:"repos,optional" doc:"globs over repository names; empty claims the whole organisation"`
}

// AWSSelector claims an AWS account, optionally some regions of it.
type AWSSelector struct {
	AccountID string   `hcl:"account_id" doc:"the 12-digit AWS account ID"`
	RoleARN   string   `hcl:"role_arn,optional" doc:"a role the AWS collector assumes to read the account"`
	Regions   []string `hcl:"regions,optional" doc:"the regions claimed; empty claims every region"`
}

// TerraformSelector claims Terraform resources by the file they are declared in.
type TerraformSelector struct {
	Paths []string `hcl:"paths" doc:"globs over Terraform file paths, relative to the workspace"`
}

// Classifications in increasing order of sensitivity.
var Classifications = []string{"public", "internal", "confidential", "restricted"}

// Person is someone whose roles require training and who can be attributed
// resources through their GitHub login or IAM users.
type Person struct {
	ID        string            `hcl:"id,label"`
	Name      string            `hcl:"name,optional" doc:"the person's name"`
	Email     string            `hcl:"email,optional" doc:"an e-mail address"`
	Roles     []string          `hcl:"roles,optional" doc:"roles that trainings' required_for name (the pack's: employee, developer, platform-engineer)"`
	GitHub    string            `hcl:"github,optional" doc:"the GitHub login: findings on resources this person is attributed through it name them"`
	AWSIAM    []string          `hcl:"aws_iam,optional" doc:"IAM user names that are this person"`
	Completed map[string]string `hcl:"completed,optional" doc:"training ID → the date it was completed ({{date}})"`

	// CompletedOn is Completed with parsed dates.
	CompletedOn map[string]time.Time
	DeclRange   hcl.Range
	body        hcl.Body
}

// Risk is an entry of the risk register.
type Risk struct {
	ID string `hcl:"id,label"`
	// Override replaces the pack block of this ID (pack.go).
	Override    bool     `hcl:"override,optional" doc:"true replaces the governance pack's risk of the same ID with this block (see docs/governance.md)"`
	Title       string   `hcl:"title" doc:"a one-line title"`
	Threat      string   `hcl:"threat,optional" doc:"what could happen"`
	Description string   `hcl:"description,optional" doc:"more detail"`
	Likelihood  int      `hcl:"likelihood" doc:"how likely, 1 (rare) to 5 (almost certain)"`
	Impact      int      `hcl:"impact" doc:"how harmful, 1 (negligible) to 5 (severe)"`
	Owner       string   `hcl:"owner,optional" doc:"the person (ID) who owns the risk"`
	Mitigations []string `hcl:"mitigations,optional" doc:"IDs of the mitigation blocks that reduce the risk"`
	// Alerts are the kinds of security alert (AlertKinds) that realise this
	// risk: an open alert of such a kind counts in the risk's alerts.
	Alerts []string `hcl:"alerts,optional" doc:"alert kinds that realise the risk: {{alert_kinds}}"`

	DeclRange hcl.Range
	body      hcl.Body
}

// Mitigation groups the controls that together reduce one or more risks.
type Mitigation struct {
	ID string `hcl:"id,label"`
	// Override replaces the pack block of this ID (pack.go).
	Override    bool     `hcl:"override,optional" doc:"true replaces the governance pack's mitigation of the same ID with this block (see docs/governance.md)"`
	Title       string   `hcl:"title,optional" doc:"a one-line title"`
	Description string   `hcl:"description,optional" doc:"more detail"`
	Owner       string   `hcl:"owner,optional" doc:"the person (ID) who owns the mitigation"`
	Controls    []string `hcl:"controls" doc:"IDs of the controls that together implement it (rampart controls)"`

	DeclRange hcl.Range
	body      hcl.Body
}

// Training is a course people in some roles must complete, and that people
// attributed a failing resource should have.
type Training struct {
	ID string `hcl:"id,label"`
	// Override replaces the pack block of this ID (pack.go).
	Override    bool     `hcl:"override,optional" doc:"true replaces the governance pack's training of the same ID with this block (see docs/governance.md)"`
	Title       string   `hcl:"title,optional" doc:"the course title"`
	RequiredFor []string `hcl:"required_for,optional" doc:"roles (person roles) that must complete it"`
	ValidFor    string   `hcl:"valid_for,optional" doc:"how long a completion counts ({{duration}}); empty: it never expires"`
	Controls    []string `hcl:"controls,optional" doc:"control IDs whose failures on a person's resources call for this training"`

	// Validity is ValidFor parsed; zero means it never expires.
	Validity  time.Duration
	DeclRange hcl.Range
	body      hcl.Body
}

// Policy is a security policy document with the statements it makes.
type Policy struct {
	ID string `hcl:"id,label"`
	// Override replaces the pack block of this ID (pack.go).
	Override    bool        `hcl:"override,optional" doc:"true replaces the governance pack's policy of the same ID with this block (see docs/governance.md)"`
	Title       string      `hcl:"title" doc:"the policy document's title"`
	Owner       string      `hcl:"owner,optional" doc:"the person (ID) who owns the policy"`
	Approved    string      `hcl:"approved,optional" doc:"the date it was last approved ({{date}})"`
	ReviewEvery string      `hcl:"review_every,optional" doc:"how often it must be reviewed ({{duration}}); past approved + review_every it is overdue"`
	Statements  []Statement `hcl:"statement,block" doc:"one requirement of the policy"`

	ApprovedOn     time.Time
	ReviewInterval time.Duration
	DeclRange      hcl.Range
	body           hcl.Body
}

// Statement is one requirement of a policy, measured by its controls.
type Statement struct {
	ID       string   `hcl:"id,label"`
	Text     string   `hcl:"text" doc:"what the statement requires"`
	Controls []string `hcl:"controls,optional" doc:"control IDs that measure the statement"`
}

// Waiver accepts a control's failure on some resources until it expires.
type Waiver struct {
	ID         string   `hcl:"id,label"`
	Control    string   `hcl:"control" doc:"the ID of the control whose failure is accepted"`
	Resources  []string `hcl:"resources" doc:"resource IDs or globs the waiver covers (at least one)"`
	Reason     string   `hcl:"reason" doc:"why the failure is accepted (not empty)"`
	ApprovedBy string   `hcl:"approved_by" doc:"the person (ID) who approved it"`
	Expires    string   `hcl:"expires" doc:"the date it stops applying ({{date}}); at most waiver_max_days ahead"`
	Risk       string   `hcl:"risk,optional" doc:"the risk (ID) whose register records the acceptance"`

	ExpiresOn time.Time
	DeclRange hcl.Range
	body      hcl.Body
}
