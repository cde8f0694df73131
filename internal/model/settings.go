package model

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/rampart-audit/rampart/internal/finding"
)

// DefaultAlertSLA is how long an open security alert of each severity may
// stay open when the workspace's alert_sla does not say otherwise. Low and
// info alerts have no SLA unless alert_sla gives them one. It is the only
// SLA table: the threat view reads it through Settings.EffectiveAlertSLA and
// the alert-SLA controls through input.settings (Settings.ControlInput), so
// the two can never disagree.
var DefaultAlertSLA = map[finding.Severity]time.Duration{
	finding.Critical: 7 * 24 * time.Hour,
	finding.High:     30 * 24 * time.Hour,
	finding.Medium:   90 * 24 * time.Hour,
}

// Alert kinds: the kinds of security alert the threat view tracks and a
// risk's `alerts` (or settings `alert_risks`) may name — GitHub's three, and
// the open findings AWS GuardDuty (threats) and Amazon Inspector
// (vulnerable instances, images and functions) raise.
const (
	AlertDependabot     = "dependabot"
	AlertCodeScanning   = "code_scanning"
	AlertSecretScanning = "secret_scanning"
	AlertGuardDuty      = "guardduty"
	AlertInspector      = "inspector"
)

// AlertSeverityWords maps the alert sources' severity vocabularies (GitHub
// advisory: critical, high, moderate, low; code scanning rules: error,
// warning, note; GuardDuty's bands and Inspector's words: critical, high,
// medium, low, informational) onto control severities. A word not here is treated as critical, so an
// unreadable severity gets the strictest SLA rather than none. Like the SLA
// table it reaches the controls through input.settings.
var AlertSeverityWords = map[string]finding.Severity{
	"critical": finding.Critical,
	"high":     finding.High, "error": finding.High,
	"medium": finding.Medium, "moderate": finding.Medium, "warning": finding.Medium,
	"low": finding.Low, "note": finding.Low,
	"info": finding.Info, "informational": finding.Info,
}

// AlertKinds lists the alert kinds in order.
var AlertKinds = []string{AlertCodeScanning, AlertDependabot, AlertGuardDuty, AlertInspector, AlertSecretScanning}

// EffectiveAlertSLA merges the workspace's alert_sla over DefaultAlertSLA.
// A key that is not a severity, or a duration that does not parse, is left
// out with a note (validation has already reported bad durations as errors;
// the note covers a Settings built without validation).
func (s Settings) EffectiveAlertSLA() (map[finding.Severity]time.Duration, []string) {
	out := make(map[finding.Severity]time.Duration, len(DefaultAlertSLA)+len(s.AlertSLA))
	for k, v := range DefaultAlertSLA {
		out[k] = v
	}
	var notes []string
	for _, key := range slices.Sorted(maps.Keys(s.AlertSLA)) {
		sev, err := finding.ParseSeverity(key)
		if err != nil {
			notes = append(notes, fmt.Sprintf("settings alert_sla: %v", err))
			continue
		}
		d, err := ParseDuration(s.AlertSLA[key])
		if err != nil {
			notes = append(notes, fmt.Sprintf("settings alert_sla[%q]: %v", key, err))
			continue
		}
		out[sev] = d
	}
	return out, notes
}

// ControlInput is what every control sees as input.settings: the workspace
// settings a control needs, with the defaults applied, so a control never
// keeps its own copy of a table the workspace can change (docs/controls.md).
//
//	{"alert_sla":      {"<severity>": {"ns": <nanoseconds>, "text": "30 days"}},
//	 "alert_severity": {"<GitHub word>": "<severity>"},
//	 "aws_trusted_accounts": ["<12-digit account ID>", ...]}  (sorted, no repeats; [] when unset)
//
// Only severities with an SLA appear. Durations are integer nanoseconds so
// a control compares them with time.now_ns() exactly as the threat view
// compares times, and text is how a message names the SLA.
func (s Settings) ControlInput() map[string]any {
	sla, _ := s.EffectiveAlertSLA()
	table := make(map[string]any, len(sla))
	for sev, d := range sla {
		table[string(sev)] = map[string]any{"ns": int64(d), "text": DurationText(d)}
	}
	words := make(map[string]any, len(AlertSeverityWords))
	for w, sev := range AlertSeverityWords {
		words[w] = string(sev)
	}
	trusted := make([]any, 0, len(s.AWSTrustedAccounts))
	for _, id := range slices.Sorted(slices.Values(s.AWSTrustedAccounts)) {
		if len(trusted) == 0 || trusted[len(trusted)-1] != id {
			trusted = append(trusted, id)
		}
	}
	reviews := s.RequiredApprovingReviews
	if reviews <= 0 {
		reviews = DefaultRequiredApprovingReviews
	}
	signed := s.SignedCommits
	if !slices.Contains(SignedCommitsScopes, signed) {
		signed = DefaultSignedCommits
	}
	inactive := s.InactiveRepositoryDays
	if inactive <= 0 {
		inactive = DefaultInactiveRepositoryDays
	}
	retention := s.LogRetentionDays
	if retention <= 0 {
		retention = DefaultLogRetentionDays
	}
	in := map[string]any{
		"alert_sla": table, "alert_severity": words, "aws_trusted_accounts": trusted,
		"required_approving_reviews": reviews, "signed_commits": signed, "inactive_repository_days": inactive,
		"log_retention_days": retention,
	}
	// Unset stays absent, not an empty list: an empty list would allow no
	// region, which is not what a workspace without the setting means.
	if len(s.AllowedRegions) > 0 {
		regions := slices.Compact(slices.Sorted(slices.Values(s.AllowedRegions)))
		allowed := make([]any, len(regions))
		for i, r := range regions {
			allowed[i] = r
		}
		in["allowed_regions"] = allowed
	}
	return in
}

// Scopes of settings signed_commits: "confidential" requires signed commits
// on the default branches of confidential and restricted systems (the
// default, as before the setting), "all" on every default branch (the CIS
// and Legitify reading).
const (
	SignedCommitsConfidential = "confidential"
	SignedCommitsAll          = "all"
	DefaultSignedCommits      = SignedCommitsConfidential
)

// SignedCommitsScopes are the values settings signed_commits accepts.
var SignedCommitsScopes = []string{SignedCommitsAll, SignedCommitsConfidential}

// githubSettings checks the GitHub control parameters of settings, and
// fills their defaults so the model and input.settings agree.
func (v *validator) githubSettings() {
	s := &v.ws.Settings
	if s.RequiredApprovingReviews == 0 {
		s.RequiredApprovingReviews = DefaultRequiredApprovingReviews
	} else if s.RequiredApprovingReviews < 0 {
		v.errorf(attrRange(s.body, "required_approving_reviews", -1, s.DeclRange), "Value out of range",
			"required_approving_reviews is %d; it must be 1 or more.", s.RequiredApprovingReviews)
	}
	if s.SignedCommits == "" {
		s.SignedCommits = DefaultSignedCommits
	} else if !slices.Contains(SignedCommitsScopes, s.SignedCommits) {
		v.errorf(attrRange(s.body, "signed_commits", -1, s.DeclRange), "Unknown signed_commits scope",
			"signed_commits is %q; it must be one of %s.", s.SignedCommits, strings.Join(SignedCommitsScopes, ", "))
	}
	if s.InactiveRepositoryDays == 0 {
		s.InactiveRepositoryDays = DefaultInactiveRepositoryDays
	} else if s.InactiveRepositoryDays < 0 {
		v.errorf(attrRange(s.body, "inactive_repository_days", -1, s.DeclRange), "Value out of range",
			"inactive_repository_days is %d; it must be 1 or more.", s.InactiveRepositoryDays)
	}
}

// awsSettings checks the AWS control parameters of settings and fills
// their defaults, as githubSettings does for GitHub's.
func (v *validator) awsSettings() {
	s := &v.ws.Settings
	if s.LogRetentionDays == 0 {
		s.LogRetentionDays = DefaultLogRetentionDays
	} else if s.LogRetentionDays < 0 {
		v.errorf(attrRange(s.body, "log_retention_days", -1, s.DeclRange), "Value out of range",
			"log_retention_days is %d; it must be 1 or more.", s.LogRetentionDays)
	}
}

// trustedAccounts checks settings aws_trusted_accounts: each entry an AWS
// account ID, 12 digits. An ARN or a typo would otherwise trust nothing
// (or, for a prefix match, the wrong account) without a word.
func (v *validator) trustedAccounts() {
	s := &v.ws.Settings
	for i, id := range s.AWSTrustedAccounts {
		if !awsAccountID.MatchString(id) {
			v.errorf(attrRange(s.body, "aws_trusted_accounts", i, s.DeclRange), "Invalid AWS account ID",
				"settings aws_trusted_accounts[%d]: %q is not an AWS account ID (12 digits, e.g. \"123456789012\").", i, id)
		}
	}
}

// allowedRegions checks settings allowed_regions: each entry the name of
// an AWS region, and at least one. A typo ("eu-west1") would otherwise
// fail every SCP that allows the real region, and an empty list would
// allow none.
func (v *validator) allowedRegions() {
	s := &v.ws.Settings
	if s.AllowedRegions == nil {
		return
	}
	if len(s.AllowedRegions) == 0 {
		v.errorf(attrRange(s.body, "allowed_regions", -1, s.DeclRange), "No allowed region",
			"settings allowed_regions is empty; name at least one AWS region (e.g. \"eu-west-1\"), or leave the setting out.")
	}
	for i, r := range s.AllowedRegions {
		if !awsRegionName.MatchString(r) {
			v.errorf(attrRange(s.body, "allowed_regions", i, s.DeclRange), "Invalid AWS region",
				"settings allowed_regions[%d]: %q is not the name of an AWS region (e.g. \"eu-west-1\", \"us-gov-west-1\").", i, r)
		}
	}
}

// awsRegionName is the form of an AWS region's name: a partition or
// geography prefix, words, a number ("eu-west-1", "us-gov-west-1",
// "ap-southeast-5", "us-isob-east-1").
var awsRegionName = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$`)

// awsAccountID is the form of an AWS account ID.
var awsAccountID = regexp.MustCompile(`^[0-9]{12}$`)

// FormatDays renders a duration as the workspace writes it: "7d" for whole
// days, a Go duration ("36h0m0s") otherwise.
func FormatDays(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	}
	return d.String()
}

// DurationText renders a duration for a sentence: "30 days", "1 day", or a
// Go duration ("36h0m0s") when it is not a whole number of days.
func DurationText(d time.Duration) string {
	switch {
	case d == 24*time.Hour:
		return "1 day"
	case d%(24*time.Hour) == 0:
		return fmt.Sprintf("%d days", d/(24*time.Hour))
	}
	return d.String()
}

// AlertRiskLinks is, per alert kind, the risks an open alert of that kind
// counts against: the risks whose `alerts` name the kind (the default pack
// links dependabot → vulnerable-dependencies, code_scanning →
// vulnerable-code, secret_scanning → credential-leak), except that a kind
// the workspace's settings alert_risks names takes exactly the risks listed
// there (an empty list unlinks it). Each list is sorted.
func (ws *Workspace) AlertRiskLinks() map[string][]string {
	out := map[string][]string{}
	for _, r := range ws.Risks {
		for _, k := range r.Alerts {
			if !slices.Contains(out[k], r.ID) {
				out[k] = append(out[k], r.ID)
			}
		}
	}
	for k, ids := range ws.Settings.AlertRisks {
		out[k] = slices.Clone(ids)
	}
	for k := range out {
		slices.Sort(out[k])
		out[k] = slices.Compact(out[k])
	}
	return out
}
