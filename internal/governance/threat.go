package governance

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/model"
)

// Alert kinds, each read from its own attribute of a github.repository
// resource (see docs/resources.md and docs/governance.md). They are separate
// attributes because GitHub guards each behind its own permission, so one
// can be missing while the others were collected.
const (
	KindDependabot     = "dependabot"
	KindCodeScanning   = "code_scanning"
	KindSecretScanning = "secret_scanning"
)

// alertAttributes maps an alert kind to the repository attribute holding its open alerts.
var alertAttributes = map[string]string{
	KindDependabot:     "dependabot_alerts",
	KindCodeScanning:   "code_scanning_alerts",
	KindSecretScanning: "secret_scanning_alerts",
}

// DefaultAlertSLA is how long an open alert of each severity may stay open
// when the workspace's settings do not say otherwise. Low and info alerts
// have no SLA unless alert_sla gives them one.
var DefaultAlertSLA = map[finding.Severity]time.Duration{
	finding.Critical: 7 * 24 * time.Hour,
	finding.High:     30 * 24 * time.Hour,
	finding.Medium:   90 * 24 * time.Hour,
}

// AlertRisks links each alert kind to the risks of the default governance
// pack it realises; an overdue alert counts against those risks that the
// workspace defines. Kept here rather than in HCL because the workspace
// language has no field for it yet.
var AlertRisks = map[string][]string{
	KindDependabot:     {"vulnerable-dependencies"},
	KindCodeScanning:   {"vulnerable-code"},
	KindSecretScanning: {"credential-leak"},
}

// Alert is one open security alert tracked against its SLA.
type Alert struct {
	Kind       string           `json:"kind"`
	Repository string           `json:"repository"`
	System     string           `json:"system,omitempty"`
	Number     int              `json:"number,omitempty"`
	Severity   finding.Severity `json:"severity"`
	Summary    string           `json:"summary,omitempty"`
	URL        string           `json:"url,omitempty"`
	CreatedAt  string           `json:"created_at,omitempty"`
	AgeDays    int              `json:"age_days"`
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

// alertSLA merges the workspace's alert_sla over the defaults. The model has
// validated the durations; a key that is not a severity is ignored with a note.
func alertSLA(ws *model.Workspace) (map[finding.Severity]time.Duration, []string) {
	out := map[finding.Severity]time.Duration{}
	for k, v := range DefaultAlertSLA {
		out[k] = v
	}
	var notes []string
	for _, key := range sortedKeys(ws.Settings.AlertSLA) {
		sev, err := finding.ParseSeverity(key)
		if err != nil {
			notes = append(notes, fmt.Sprintf("settings alert_sla: %v", err))
			continue
		}
		d, err := model.ParseDuration(ws.Settings.AlertSLA[key])
		if err != nil {
			notes = append(notes, fmt.Sprintf("settings alert_sla[%q]: %v", key, err))
			continue
		}
		out[sev] = d
	}
	return out, notes
}

// trackAlerts reads the open alerts of every repository and measures each
// against the SLA of its severity.
func trackAlerts(resources []evidence.Resource, ws *model.Workspace, now time.Time) Threats {
	sla, notes := alertSLA(ws)
	t := Threats{SLA: map[string]string{}, Alerts: []Alert{}, Unknown: []AlertGap{}}
	for sev, d := range sla {
		t.SLA[string(sev)] = formatDays(d)
	}
	risks := map[string]bool{}
	for _, r := range ws.Risks {
		risks[r.ID] = true
	}
	for _, r := range resources {
		if r.Type != "github.repository" || r.Source.Kind == "terraform" {
			continue // Terraform describes configuration; alerts exist only on live repositories.
		}
		if archived, _ := r.Attributes["archived"].(bool); archived {
			continue // GitHub does not raise alerts on archived repositories.
		}
		for _, kind := range sortedKeys(alertAttributes) {
			attr := alertAttributes[kind]
			raw, present := r.Attributes[attr]
			if !present {
				reason, known := r.Unknown[attr]
				if !known {
					reason = "not in the evidence"
				}
				t.Unknown = append(t.Unknown, AlertGap{Resource: r.ID, Kind: kind, Reason: reason})
				continue
			}
			norm, err := plain(raw)
			if err != nil {
				t.Unknown = append(t.Unknown, AlertGap{Resource: r.ID, Kind: kind, Reason: fmt.Sprintf("attribute %s: %v", attr, err)})
				continue
			}
			list, ok := norm.([]any)
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
				for _, id := range AlertRisks[kind] {
					if risks[id] {
						a.Risks = append(a.Risks, id)
					}
				}
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
	if n, ok := obj["number"].(float64); ok {
		a.Number = int(n)
	}
	// What the alert is about, under the name each kind uses for it.
	for _, k := range []string{"summary", "package", "rule", "secret_type", "ghsa_id"} {
		if v, _ := obj[k].(string); v != "" {
			a.Summary = v
			break
		}
	}
	a.URL, _ = obj["url"].(string)
	rawSev, _ := obj["severity"].(string)
	sev, known := alertSeverity(rawSev)
	a.Severity = sev
	var notes []string
	if !known {
		if kind == KindSecretScanning && rawSev == "" {
			notes = append(notes, "secret scanning alerts carry no severity; a leaked secret is treated as critical")
		} else {
			notes = append(notes, fmt.Sprintf("severity %q unknown; treated as critical", rawSev))
		}
	}
	created, _ := obj["created_at"].(string)
	a.CreatedAt = created
	d, hasSLA := sla[sev]
	if hasSLA {
		a.SLA = formatDays(d)
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

// alertSeverity maps GitHub's severity vocabularies (advisory: low,
// moderate, high, critical; code scanning rules: error, warning, note) onto
// control severities. Anything else is critical, so an unreadable severity
// gets the strictest SLA rather than none.
func alertSeverity(s string) (finding.Severity, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "critical":
		return finding.Critical, true
	case "high", "error":
		return finding.High, true
	case "medium", "moderate", "warning":
		return finding.Medium, true
	case "low", "note":
		return finding.Low, true
	case "info":
		return finding.Info, true
	}
	return finding.Critical, false
}

func formatDays(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	}
	return d.String()
}
