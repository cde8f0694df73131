package governance

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/model"
)

// Alert kinds. GitHub's are each read from their own attribute of a
// github.repository resource (see docs/resources.md and docs/governance.md):
// separate attributes because GitHub guards each behind its own
// permission, so one can be missing while the others were collected.
// AWS's are the open findings of a GuardDuty detector and of Inspector's
// scanning in a region. The workspace model owns the names, because a
// risk's `alerts` names them.
const (
	KindDependabot     = model.AlertDependabot
	KindCodeScanning   = model.AlertCodeScanning
	KindSecretScanning = model.AlertSecretScanning
	KindGuardDuty      = model.AlertGuardDuty
	KindInspector      = model.AlertInspector
)

// alertSource is where the open alerts of a kind are: a list attribute of
// a resource type.
type alertSource struct {
	resourceType, attribute, kind string
}

// alertSources lists every alert source, in the order the threat view
// reads a resource's kinds (by kind name, as before AWS's were added).
var alertSources = []alertSource{
	{"github.repository", "code_scanning_alerts", KindCodeScanning},
	{"github.repository", "dependabot_alerts", KindDependabot},
	{"github.repository", "secret_scanning_alerts", KindSecretScanning},
	{evidence.TypeAWSGuardDutyDetector, "findings", KindGuardDuty},
	{evidence.TypeAWSInspectorAccount, "findings", KindInspector},
}

// alertTypes is the set of resource types that carry alerts.
var alertTypes = func() map[string]bool {
	m := map[string]bool{}
	for _, s := range alertSources {
		m[s.resourceType] = true
	}
	return m
}()

// Alert is one open security alert tracked against its SLA.
type Alert struct {
	Kind string `json:"kind"`
	// Repository is the ID of the resource that carries the alert: the
	// GitHub repository, the GuardDuty detector or the region's Inspector
	// account (the name is the report schema's, from before AWS alerts).
	Repository string           `json:"repository"`
	System     string           `json:"system,omitempty"`
	Number     int              `json:"number,omitempty"`
	Severity   finding.Severity `json:"severity"`
	Summary    string           `json:"summary,omitempty"`
	URL        string           `json:"url,omitempty"`
	// Resource is what an AWS finding concerns (an instance, image,
	// function, access key user); GitHub's alerts concern their repository.
	Resource  string `json:"resource,omitempty"`
	CreatedAt string `json:"created_at,omitempty"`
	AgeDays   int    `json:"age_days"`
	// SLA is the remediation time for the severity ("7d"); empty when it has none.
	SLA     string   `json:"sla,omitempty"`
	Due     string   `json:"due,omitempty"`
	Overdue bool     `json:"overdue"`
	Risks   []string `json:"risks"`
	// Note explains a judgement made on incomplete data (unknown severity, missing date).
	Note string `json:"note,omitempty"`
}

// AlertGap is a kind of alert that could not be read for a repository, so
// the absence of overdue alerts there proves nothing.
type AlertGap struct {
	Resource string `json:"resource"`
	Kind     string `json:"kind"`
	Reason   string `json:"reason"`
}

// Threats is the SLA tracking of open security alerts.
type Threats struct {
	// SLA is the effective remediation time per severity.
	SLA     map[string]string `json:"sla"`
	Open    int               `json:"open"`
	Overdue int               `json:"overdue"`
	Alerts  []Alert           `json:"alerts"`
	Unknown []AlertGap        `json:"unknown"`
}

// trackAlerts reads the open alerts of every repository and measures each
// against the SLA of its severity.
func trackAlerts(resources []evidence.Resource, ws *model.Workspace, now time.Time) Threats {
	sla, notes := ws.Settings.EffectiveAlertSLA()
	t := Threats{SLA: map[string]string{}, Alerts: []Alert{}, Unknown: []AlertGap{}}
	for sev, d := range sla {
		t.SLA[string(sev)] = model.FormatDays(d)
	}
	links := ws.AlertRiskLinks()
	for _, r := range resources {
		if !alertTypes[r.Type] || r.Source.Kind == "terraform" {
			continue // Terraform describes configuration; alerts exist only on live resources.
		}
		if archived, _ := r.Attributes["archived"].(bool); archived && r.Type == "github.repository" {
			continue // GitHub does not raise alerts on archived repositories.
		}
		for _, src := range alertSources {
			if src.resourceType != r.Type {
				continue
			}
			kind, attr := src.kind, src.attribute
			raw, present := r.Attributes[attr]
			if !present {
				reason, known := r.Unknown[attr]
				if !known {
					reason = "not in the evidence"
				}
				t.Unknown = append(t.Unknown, AlertGap{Resource: r.ID, Kind: kind, Reason: reason})
				continue
			}
			// Attributes arrive normalised (evidence.Normalize): a list is []any.
			list, ok := raw.([]any)
			if !ok {
				t.Unknown = append(t.Unknown, AlertGap{Resource: r.ID, Kind: kind, Reason: fmt.Sprintf("attribute %s is %T, not a list", attr, raw)})
				continue
			}
			for i, item := range list {
				obj, ok := item.(map[string]any)
				if !ok {
					t.Unknown = append(t.Unknown, AlertGap{Resource: r.ID, Kind: kind, Reason: fmt.Sprintf("%s[%d] is %T, not an object", attr, i, item)})
					continue
				}
				a, open := readAlert(obj, kind, r, sla, now)
				if !open {
					continue
				}
				a.Risks = append(a.Risks, links[kind]...)
				t.Alerts = append(t.Alerts, a)
			}
		}
	}
	sort.SliceStable(t.Alerts, func(i, j int) bool {
		a, b := t.Alerts[i], t.Alerts[j]
		if a.Overdue != b.Overdue {
			return a.Overdue
		}
		if a.Severity.Rank() != b.Severity.Rank() {
			return a.Severity.Rank() > b.Severity.Rank()
		}
		if a.AgeDays != b.AgeDays {
			return a.AgeDays > b.AgeDays
		}
		if a.Repository != b.Repository {
			return a.Repository < b.Repository
		}
		return a.Number < b.Number
	})
	for _, a := range t.Alerts {
		t.Open++
		if a.Overdue {
			t.Overdue++
		}
	}
	for _, n := range notes {
		t.Unknown = append(t.Unknown, AlertGap{Kind: "settings", Reason: n})
	}
	return t
}

// readAlert decodes one alert object; open is false for alerts that are not
// open (fixed, dismissed, resolved), which need no tracking.
func readAlert(obj map[string]any, kind string, r evidence.Resource, sla map[finding.Severity]time.Duration, now time.Time) (Alert, bool) {
	state, _ := obj["state"].(string)
	if state != "" && state != "open" {
		return Alert{}, false
	}
	a := Alert{Kind: kind, Repository: r.ID, System: r.System, Risks: []string{}}
	if n, ok := obj["number"].(json.Number); ok {
		if i, err := n.Int64(); err == nil {
			a.Number = int(i)
		}
	}
	// What the alert is about, under the name each kind uses for it.
	for _, k := range []string{"summary", "package", "rule", "secret_type", "ghsa_id", "title"} {
		if v, _ := obj[k].(string); v != "" {
			a.Summary = v
			break
		}
	}
	a.URL, _ = obj["url"].(string)
	a.Resource, _ = obj["resource"].(string)
	rawSev, _ := obj["severity"].(string)
	sev, known := alertSeverity(rawSev)
	var notes []string
	switch {
	case kind == KindSecretScanning:
		// GitHub gives secret alerts no severity; GH-REPO-022 reads none either.
		sev = finding.Critical
		notes = append(notes, "secret scanning alerts carry no severity; a leaked secret is treated as critical")
	case !known:
		notes = append(notes, fmt.Sprintf("severity %q unknown; treated as critical", rawSev))
	}
	a.Severity = sev
	created, _ := obj["created_at"].(string)
	a.CreatedAt = created
	d, hasSLA := sla[sev]
	if hasSLA {
		a.SLA = model.FormatDays(d)
	}
	at, err := time.Parse(time.RFC3339, created)
	switch {
	case err != nil:
		// Without an opening date the age is unknown: it cannot be shown to be within SLA.
		a.Overdue = hasSLA
		notes = append(notes, fmt.Sprintf("created_at %q is not an RFC 3339 time; the alert cannot be shown to be within its SLA", created))
	default:
		a.AgeDays = int(now.Sub(at) / (24 * time.Hour))
		if hasSLA {
			due := at.Add(d)
			a.Due = dateString(due.UTC())
			a.Overdue = now.After(due)
		}
	}
	a.Note = strings.Join(notes, "; ")
	return a, true
}

// alertSeverity maps GitHub's severity word onto a control severity
// through model.AlertSeverityWords, the table the controls see too.
// Anything else is critical, so an unreadable severity gets the strictest
// SLA rather than none.
func alertSeverity(s string) (finding.Severity, bool) {
	if sev, ok := model.AlertSeverityWords[strings.ToLower(strings.TrimSpace(s))]; ok {
		return sev, true
	}
	return finding.Critical, false
}
