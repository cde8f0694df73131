package model

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/robfig/cron/v3"
)

// Schedule is a `schedule "NAME" { cron = "0 2 * * *" … }` block: when
// `rampart serve` runs an audit of the workspace, and over what evidence.
type Schedule struct {
	Name string `hcl:"name,label"`
	// Cron is standard 5-field cron syntax (minute hour day-of-month month
	// day-of-week) or a descriptor (@daily, @hourly, @every 6h).
	Cron string `hcl:"cron" doc:"when the audit runs: standard 5-field cron syntax (minute hour day-of-month month day-of-week) or a descriptor (@daily, @hourly, @every 6h)"`
	// Timezone is an IANA zone name the cron fields are read in; "" is UTC.
	Timezone string `hcl:"timezone,optional" doc:"the IANA zone the cron fields are read in (e.g. \"Europe/Berlin\"); default UTC, never the server's own zone"`
	// Collect names live collectors ("github", "aws"); none audits the
	// recorded evidence (Evidence, or the workspace's evidence/ folder).
	Collect         []string `hcl:"collect,optional" doc:"live collectors to run (\"github\", \"aws\"); none audits recorded evidence; not together with evidence"`
	Evidence        []string `hcl:"evidence,optional" doc:"recorded snapshot files or folders to audit; default the workspace's evidence/ folder"`
	Frameworks      []string `hcl:"frameworks,optional" doc:"framework views to add to the run's report, as --framework"`
	TrainingRecords string   `hcl:"training_records,optional" doc:"a CSV export of training completions, as --training-records"`

	// Spec is the parsed schedule in its timezone, set by validation.
	Spec      cron.Schedule
	DeclRange hcl.Range
	body      hcl.Body
}

// Notify is a `notify "NAME" { webhook = "https://…" on = [...] }` block:
// where `rampart serve` posts what changed after a run.
type Notify struct {
	Name string `hcl:"name,label"`
	// Webhook is the URL to POST to; WebhookEnv names an environment
	// variable holding it instead, so a Slack URL (a secret) stays out of Git.
	Webhook    string `hcl:"webhook,optional" doc:"the URL to POST to after a run that raises one of the on events; exactly one of webhook and webhook_env"`
	WebhookEnv string `hcl:"webhook_env,optional" doc:"an environment variable holding the URL instead, so a secret URL (Slack) stays out of Git"`
	// Format is "json" (the default, docs/serve.md) or "slack".
	Format string `hcl:"format,optional" doc:"the body form: \"json\" (default, docs/serve.md) or \"slack\" (an incoming-webhook message)"`
	// On lists the events that trigger it (NotifyEvents).
	On []string `hcl:"on" doc:"the events that trigger it: \"new_critical\", \"new_high\", \"waiver_expired\", \"coverage_lost\""`

	DeclRange hcl.Range
	body      hcl.Body
}

// Notification events and formats a notify block may name.
var (
	NotifyEvents  = []string{"new_critical", "new_high", "waiver_expired", "coverage_lost"}
	NotifyFormats = []string{"json", "slack"}
)

// cronParser is robfig/cron's standard parser: five fields plus descriptors.
var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// ParseCron reads a cron expression in a timezone ("" is UTC).
func ParseCron(expr, timezone string) (cron.Schedule, error) {
	if strings.HasPrefix(expr, "TZ=") || strings.HasPrefix(expr, "CRON_TZ=") {
		return nil, fmt.Errorf("cron %q names its timezone inline; use the schedule's timezone attribute", expr)
	}
	loc := time.UTC
	if timezone != "" {
		l, err := time.LoadLocation(timezone)
		if err != nil || timezone == "Local" {
			return nil, fmt.Errorf("timezone %q is not an IANA zone name such as Europe/Berlin", timezone)
		}
		loc = l
	}
	s, err := cronParser.Parse(expr)
	if err != nil {
		return nil, fmt.Errorf("cron %q: %w", expr, err)
	}
	// The parser puts a schedule without CRON_TZ in time.Local; the
	// server's own zone must not decide when an audit runs.
	switch sp := s.(type) {
	case *cron.SpecSchedule:
		sp.Location = loc
	}
	return s, nil
}

// validateServe checks the schedule and notify blocks' values; names are
// unique already (the decoder's claimID).
func validateServe(ws *Workspace) hcl.Diagnostics {
	var diags hcl.Diagnostics
	errorf := func(r hcl.Range, summary, format string, args ...any) {
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: fmt.Sprintf(format, args...), Subject: &r})
	}
	for _, s := range ws.Schedules {
		spec, err := ParseCron(s.Cron, s.Timezone)
		if err != nil {
			attr := "cron"
			if strings.HasPrefix(err.Error(), "timezone") {
				attr = "timezone"
			}
			errorf(attrRange(s.body, attr, -1, s.DeclRange), "Invalid schedule", "schedule %q: %v.", s.Name, err)
		}
		s.Spec = spec
		if len(s.Collect) > 0 && len(s.Evidence) > 0 {
			errorf(attrRange(s.body, "evidence", -1, s.DeclRange), "Invalid schedule",
				"schedule %q names both collect and evidence: a run audits live evidence or recorded evidence, not both.", s.Name)
		}
		for i, c := range s.Collect {
			if slices.Contains(s.Collect[:i], c) {
				errorf(attrRange(s.body, "collect", i, s.DeclRange), "Invalid schedule", "schedule %q names collector %q twice.", s.Name, c)
			}
		}
	}
	for _, n := range ws.Notifies {
		if n.Format == "" {
			n.Format = "json"
		}
		if !slices.Contains(NotifyFormats, n.Format) {
			errorf(attrRange(n.body, "format", -1, n.DeclRange), "Invalid notify", "notify %q: format %q is not one of %s.", n.Name, n.Format, strings.Join(NotifyFormats, ", "))
		}
		switch {
		case (n.Webhook == "") == (n.WebhookEnv == ""):
			errorf(n.DeclRange, "Invalid notify", "notify %q needs exactly one of webhook (a URL) and webhook_env (the environment variable holding it).", n.Name)
		case n.Webhook != "":
			if err := CheckWebhookURL(n.Webhook); err != nil {
				errorf(attrRange(n.body, "webhook", -1, n.DeclRange), "Invalid notify", "notify %q: %v.", n.Name, err)
			}
		}
		if len(n.On) == 0 {
			errorf(attrRange(n.body, "on", -1, n.DeclRange), "Invalid notify", "notify %q: on names no event (%s).", n.Name, strings.Join(NotifyEvents, ", "))
		}
		for i, e := range n.On {
			if !slices.Contains(NotifyEvents, e) {
				errorf(attrRange(n.body, "on", i, n.DeclRange), "Invalid notify", "notify %q: event %q is not one of %s.", n.Name, e, strings.Join(NotifyEvents, ", "))
			}
		}
	}
	return diags
}

// CheckWebhookURL accepts an absolute http or https URL. The error never
// quotes the URL: its path is the secret of an incoming webhook.
func CheckWebhookURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("the webhook is not an absolute http(s) URL")
	}
	return nil
}

// AttrRange is where an attribute of the block is (its index-th list
// element when index >= 0), for diagnostics of checks made outside this
// package; the block's header when the attribute is absent.
func (s *Schedule) AttrRange(name string, index int) hcl.Range {
	return attrRange(s.body, name, index, s.DeclRange)
}

// CheckScheduleCollectors reports schedules naming a collector known does
// not accept. The collector registry lives above this package
// (internal/collect imports model), so the command that runs schedules
// asks with the registry's names.
func (ws *Workspace) CheckScheduleCollectors(known []string) hcl.Diagnostics {
	var diags hcl.Diagnostics
	for _, s := range ws.Schedules {
		for i, c := range s.Collect {
			if !slices.Contains(known, c) {
				r := attrRange(s.body, "collect", i, s.DeclRange)
				diags = append(diags, &hcl.Diagnostic{
					Severity: hcl.DiagError, Summary: "Unknown collector",
					Detail:  fmt.Sprintf("schedule %q: collector %q is not one of %s.", s.Name, c, strings.Join(known, ", ")),
					Subject: &r,
				})
			}
		}
	}
	return diags
}
