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
	// Attestations decide manual controls (attestation.go).
	Attestations []*Attestation
	// Files are every parsed file by name, for printing diagnostics with source lines.
	Files map[string]*hcl.File
}

// Settings are workspace-wide knobs; every field has a documented default.
type Settings struct {
	// Organisation names whose audit this is: the title of the HTML report
	// and the management summary ("" falls back to the workspace folder).
	Organisation string `hcl:"organisation,optional"`
	// RiskAppetite is the highest residual risk score (1–25) accepted without treatment.
	RiskAppetite float64 `hcl:"risk_appetite,optional"`
	// WaiverMaxDays is how far ahead a waiver may expire.
	WaiverMaxDays int `hcl:"waiver_max_days,optional"`
	// AlertSLA maps an alert severity to how long it may stay open ("7d");
	// EffectiveAlertSLA applies it over DefaultAlertSLA.
	AlertSLA map[string]string `hcl:"alert_sla,optional"`
	// AlertRisks maps an alert kind to the risks its open alerts count
	// against, replacing for that kind the links the risks' `alerts` make
	// (Workspace.AlertRiskLinks).
	AlertRisks map[string][]string `hcl:"alert_risks,optional"`

	DeclRange hcl.Range
	body      hcl.Body
}

// System is a business system: the unit that owns resources and carries a
// data classification controls can use.
type System struct {
	ID             string              `hcl:"id,label"`
	Name           string              `hcl:"name,optional"`
	Description    string              `hcl:"description,optional"`
	Owner          string              `hcl:"owner"`
	Classification string              `hcl:"classification"`
	GitHub         []GitHubSelector    `hcl:"github,block"`
	AWS            []AWSSelector       `hcl:"aws,block"`
	Terraform      []TerraformSelector `hcl:"terraform,block"`

	DeclRange hcl.Range
	body      hcl.Body
}

// GitHubSelector claims an organisation, or some of its repositories.
type GitHubSelector struct {
	Org string `hcl:"org"`
	// Repos are globs over repository names; empty claims the whole organisation.
	Repos []string `hcl:"repos,optional"`
}

// AWSSelector claims an AWS account, optionally some regions of it.
type AWSSelector struct {
	AccountID string   `hcl:"account_id"`
	RoleARN   string   `hcl:"role_arn,optional"`
	Regions   []string `hcl:"regions,optional"`
}

// TerraformSelector claims Terraform resources by the file they are declared in.
type TerraformSelector struct {
	Paths []string `hcl:"paths"`
}

// Classifications in increasing order of sensitivity.
var Classifications = []string{"public", "internal", "confidential", "restricted"}

// Person is someone whose roles require training and who can be attributed
// resources through their GitHub login or IAM users.
type Person struct {
	ID        string            `hcl:"id,label"`
	Name      string            `hcl:"name,optional"`
	Email     string            `hcl:"email,optional"`
	Roles     []string          `hcl:"roles,optional"`
	GitHub    string            `hcl:"github,optional"`
	AWSIAM    []string          `hcl:"aws_iam,optional"`
	Completed map[string]string `hcl:"completed,optional"`

	// CompletedOn is Completed with parsed dates.
	CompletedOn map[string]time.Time
	DeclRange   hcl.Range
	body        hcl.Body
}

// Risk is an entry of the risk register.
type Risk struct {
	ID          string   `hcl:"id,label"`
	Title       string   `hcl:"title"`
	Threat      string   `hcl:"threat,optional"`
	Description string   `hcl:"description,optional"`
	Likelihood  int      `hcl:"likelihood"`
	Impact      int      `hcl:"impact"`
	Owner       string   `hcl:"owner,optional"`
	Mitigations []string `hcl:"mitigations,optional"`
	// Alerts are the kinds of security alert (AlertKinds) that realise this
	// risk: an open alert of such a kind counts in the risk's alerts.
	Alerts []string `hcl:"alerts,optional"`

	DeclRange hcl.Range
	body      hcl.Body
}

// Mitigation groups the controls that together reduce one or more risks.
type Mitigation struct {
	ID          string   `hcl:"id,label"`
	Title       string   `hcl:"title,optional"`
	Description string   `hcl:"description,optional"`
	Owner       string   `hcl:"owner,optional"`
	Controls    []string `hcl:"controls"`

	DeclRange hcl.Range
	body      hcl.Body
}

// Training is a course people in some roles must complete, and that people
// attributed a failing resource should have.
type Training struct {
	ID          string   `hcl:"id,label"`
	Title       string   `hcl:"title,optional"`
	RequiredFor []string `hcl:"required_for,optional"`
	ValidFor    string   `hcl:"valid_for,optional"`
	Controls    []string `hcl:"controls,optional"`

	// Validity is ValidFor parsed; zero means it never expires.
	Validity  time.Duration
	DeclRange hcl.Range
	body      hcl.Body
}

// Policy is a security policy document with the statements it makes.
type Policy struct {
	ID          string      `hcl:"id,label"`
	Title       string      `hcl:"title"`
	Owner       string      `hcl:"owner,optional"`
	Approved    string      `hcl:"approved,optional"`
	ReviewEvery string      `hcl:"review_every,optional"`
	Statements  []Statement `hcl:"statement,block"`

	ApprovedOn     time.Time
	ReviewInterval time.Duration
	DeclRange      hcl.Range
	body           hcl.Body
}

// Statement is one requirement of a policy, measured by its controls.
type Statement struct {
	ID       string   `hcl:"id,label"`
	Text     string   `hcl:"text"`
	Controls []string `hcl:"controls,optional"`
}

// Waiver accepts a control's failure on some resources until it expires.
type Waiver struct {
	ID         string   `hcl:"id,label"`
	Control    string   `hcl:"control"`
	Resources  []string `hcl:"resources"`
	Reason     string   `hcl:"reason"`
	ApprovedBy string   `hcl:"approved_by"`
	Expires    string   `hcl:"expires"`
	Risk       string   `hcl:"risk,optional"`

	ExpiresOn time.Time
	DeclRange hcl.Range
	body      hcl.Body
}
