package model

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/agext/levenshtein"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// validate checks values and references once everything is decoded, so a
// reference may point at a block in another file or in the pack.
func validate(ws *Workspace, knownControl func(string) bool, controlIDs []string) hcl.Diagnostics {
	v := &validator{ws: ws, knownControl: knownControl, controlIDs: map[string]bool{}}
	for _, id := range controlIDs {
		v.controlIDs[id] = true
	}
	v.settings()
	people := ids(ws.People, func(p *Person) string { return p.ID })
	risks := ids(ws.Risks, func(r *Risk) string { return r.ID })
	mitigations := ids(ws.Mitigations, func(m *Mitigation) string { return m.ID })
	trainings := ids(ws.Trainings, func(t *Training) string { return t.ID })

	for _, s := range ws.Systems {
		if !v.reported(s.body, s.Owner == "") {
			v.ref(people, "person", s.Owner, s.body, "owner", -1, s.DeclRange)
		}
		if !v.reported(s.body, s.Classification == "") && !slices.Contains(Classifications, s.Classification) {
			v.errorf(attrRange(s.body, "classification", -1, s.DeclRange), "Invalid classification",
				"classification %q is not one of %s.", s.Classification, strings.Join(Classifications, ", "))
		}
		if len(s.GitHub)+len(s.AWS)+len(s.Terraform) == 0 {
			v.warnf(s.DeclRange, "System claims no resources",
				"system %q has no github, aws or terraform block, so no finding will name it.", s.ID)
		}
		for _, a := range s.AWS {
			if v.reported(s.body, a.AccountID == "") {
				continue
			}
			if len(a.AccountID) != 12 || strings.Trim(a.AccountID, "0123456789") != "" {
				v.errorf(s.DeclRange, "Invalid AWS account ID", "system %q: account_id %q is not a 12-digit AWS account ID.", s.ID, a.AccountID)
			}
		}
	}
	for _, p := range ws.People {
		p.CompletedOn = map[string]time.Time{}
		for _, tid := range slices.Sorted(maps.Keys(p.Completed)) {
			r := attrRange(p.body, "completed", -1, p.DeclRange)
			if !trainings[tid] {
				v.errorf(r, "Reference to unknown training", "person %q completed %q, but no training block has that ID.%s", p.ID, tid, suggest(tid, trainings))
			}
			t, err := ParseDate(p.Completed[tid])
			if err != nil {
				v.errorf(r, "Invalid date", "person %q, completed %q: %v.", p.ID, tid, err)
				continue
			}
			p.CompletedOn[tid] = t
		}
	}
	for _, r := range ws.Risks {
		for _, f := range []struct {
			name string
			val  int
		}{{"likelihood", r.Likelihood}, {"impact", r.Impact}} {
			if !v.reported(r.body, f.val == 0) && (f.val < 1 || f.val > 5) {
				v.errorf(attrRange(r.body, f.name, -1, r.DeclRange), "Value out of range", "risk %q: %s is %d; it must be 1 to 5.", r.ID, f.name, f.val)
			}
		}
		if r.Owner != "" {
			v.ref(people, "person", r.Owner, r.body, "owner", -1, r.DeclRange)
		}
		for i, m := range r.Mitigations {
			v.ref(mitigations, "mitigation", m, r.body, "mitigations", i, r.DeclRange)
		}
		for i, k := range r.Alerts {
			v.alertKind(k, r.body, "alerts", i, r.DeclRange, fmt.Sprintf("risk %q: alerts", r.ID))
		}
	}
	v.alertRisks(risks)
	for _, m := range ws.Mitigations {
		if m.Owner != "" {
			v.ref(people, "person", m.Owner, m.body, "owner", -1, m.DeclRange)
		}
		v.controls(m.Controls, m.body, "controls", m.DeclRange)
	}
	for _, t := range ws.Trainings {
		v.controls(t.Controls, t.body, "controls", t.DeclRange)
		if t.ValidFor != "" {
			d, err := ParseDuration(t.ValidFor)
			if err != nil {
				v.errorf(attrRange(t.body, "valid_for", -1, t.DeclRange), "Invalid duration", "training %q: %v.", t.ID, err)
			}
			t.Validity = d
		}
	}
	v.roles()
	for _, p := range ws.Policies {
		if p.Owner != "" {
			v.ref(people, "person", p.Owner, p.body, "owner", -1, p.DeclRange)
		}
		if p.Approved != "" {
			t, err := ParseDate(p.Approved)
			if err != nil {
				v.errorf(attrRange(p.body, "approved", -1, p.DeclRange), "Invalid date", "policy %q: approved: %v.", p.ID, err)
			}
			p.ApprovedOn = t
		}
		if p.ReviewEvery != "" {
			d, err := ParseDuration(p.ReviewEvery)
			if err != nil {
				v.errorf(attrRange(p.body, "review_every", -1, p.DeclRange), "Invalid duration", "policy %q: review_every: %v.", p.ID, err)
			}
			p.ReviewInterval = d
		}
		seen := map[string]bool{}
		for i, st := range p.Statements {
			body := statementBody(p.body, i)
			if seen[st.ID] {
				v.errorf(p.DeclRange, "Duplicate statement", "policy %q has two statements %q.", p.ID, st.ID)
			}
			seen[st.ID] = true
			v.controls(st.Controls, body, "controls", p.DeclRange)
		}
	}
	for _, w := range ws.Waivers {
		if !v.reported(w.body, w.Control == "") && !v.known(w.Control) {
			v.errorf(attrRange(w.body, "control", -1, w.DeclRange), "Reference to unknown control",
				"waiver %q names control %q, which is not in the control catalogue.%s", w.ID, w.Control, suggest(w.Control, v.controlIDs))
		}
		if !v.reported(w.body, w.ApprovedBy == "") {
			v.ref(people, "person", w.ApprovedBy, w.body, "approved_by", -1, w.DeclRange)
		}
		if w.Risk != "" {
			v.ref(risks, "risk", w.Risk, w.body, "risk", -1, w.DeclRange)
		}
		if !v.reported(w.body, len(w.Resources) == 0) && len(w.Resources) == 0 {
			v.errorf(attrRange(w.body, "resources", -1, w.DeclRange), "Waiver covers nothing", "waiver %q: resources must list at least one resource ID or glob.", w.ID)
		}
		if !v.reported(w.body, w.Reason == "") && strings.TrimSpace(w.Reason) == "" {
			v.errorf(attrRange(w.body, "reason", -1, w.DeclRange), "Waiver without a reason", "waiver %q: reason must say why the failure is accepted.", w.ID)
		}
		t, err := ParseDate(w.Expires)
		if err != nil && !v.reported(w.body, w.Expires == "") {
			v.errorf(attrRange(w.body, "expires", -1, w.DeclRange), "Invalid date", "waiver %q: expires: %v.", w.ID, err)
		}
		w.ExpiresOn = t
	}
	v.attestations(people)
	return v.diags
}

// roles warns on a role that no training requires, once per role at its
// first use: roles exist for training, and a typo ("employe") would make
// that person's gaps vanish without a word.
func (v *validator) roles() {
	required := map[string]bool{}
	for _, t := range v.ws.Trainings {
		for _, r := range t.RequiredFor {
			required[r] = true
		}
	}
	type use struct {
		people []string
		at     hcl.Range
	}
	uses := map[string]*use{}
	var order []string
	for _, p := range v.ws.People {
		for i, role := range p.Roles {
			if required[role] {
				continue
			}
			u, ok := uses[role]
			if !ok {
				u = &use{at: attrRange(p.body, "roles", i, p.DeclRange)}
				uses[role] = u
				order = append(order, role)
			}
			u.people = append(u.people, p.ID)
		}
	}
	for _, role := range order {
		u := uses[role]
		v.warnf(u.at, "Role no training requires",
			"no training's required_for names the role %q (%s), so it asks nothing of them.%s", role, strings.Join(u.people, ", "), suggest(role, required))
	}
}

type validator struct {
	ws           *Workspace
	knownControl func(string) bool
	controlIDs   map[string]bool
	diags        hcl.Diagnostics
}

func (v *validator) settings() {
	s := &v.ws.Settings
	if s.RiskAppetite == 0 {
		s.RiskAppetite = DefaultRiskAppetite
	} else if s.RiskAppetite < 1 || s.RiskAppetite > 25 {
		v.errorf(attrRange(s.body, "risk_appetite", -1, s.DeclRange), "Value out of range", "risk_appetite is %g; it must be 1 to 25 (likelihood × impact).", s.RiskAppetite)
	}
	if s.WaiverMaxDays == 0 {
		s.WaiverMaxDays = DefaultWaiverMaxDays
	} else if s.WaiverMaxDays < 0 {
		v.errorf(attrRange(s.body, "waiver_max_days", -1, s.DeclRange), "Value out of range", "waiver_max_days must be positive.")
	}
	for _, sev := range slices.Sorted(maps.Keys(s.AlertSLA)) {
		if _, err := ParseDuration(s.AlertSLA[sev]); err != nil {
			v.errorf(attrRange(s.body, "alert_sla", -1, s.DeclRange), "Invalid duration", "alert_sla[%q]: %v.", sev, err)
		}
	}
	v.trustedAccounts()
	v.githubSettings()
	v.awsSettings()
	v.allowedRegions()
}

// alertKind reports an alert kind that is not one of AlertKinds: a typo
// would otherwise link the risk to nothing, silently.
func (v *validator) alertKind(kind string, body hcl.Body, attr string, index int, def hcl.Range, what string) {
	if slices.Contains(AlertKinds, kind) {
		return
	}
	known := map[string]bool{}
	for _, k := range AlertKinds {
		known[k] = true
	}
	v.errorf(attrRange(body, attr, index, def), "Unknown alert kind", "%s: %q is not an alert kind (want %s).%s",
		what, kind, strings.Join(AlertKinds, ", "), suggest(kind, known))
}

// alertRisks checks settings alert_risks: known kinds, existing risks.
func (v *validator) alertRisks(risks map[string]bool) {
	s := &v.ws.Settings
	for _, kind := range slices.Sorted(maps.Keys(s.AlertRisks)) {
		v.alertKind(kind, s.body, "alert_risks", -1, s.DeclRange, "settings alert_risks")
		for _, id := range s.AlertRisks[kind] {
			if !risks[id] {
				v.errorf(attrRange(s.body, "alert_risks", -1, s.DeclRange), "Reference to unknown risk",
					"settings alert_risks[%q]: no risk block has the ID %q.%s", kind, id, suggest(id, risks))
			}
		}
	}
}

// reported is true for a zero value of a block that decoded with errors:
// the decoder reported that attribute (missing, or of the wrong type), and
// a second error about its zero value would only repeat it.
func (v *validator) reported(body hcl.Body, zero bool) bool {
	return zero && v.ws.partial[body]
}

func (v *validator) known(id string) bool { return v.knownControl == nil || v.knownControl(id) }

func (v *validator) controls(list []string, body hcl.Body, attr string, def hcl.Range) {
	for i, id := range list {
		if !v.known(id) {
			v.errorf(attrRange(body, attr, i, def), "Reference to unknown control",
				"control %q is not in the control catalogue (see `rampart controls`).%s", id, suggest(id, v.controlIDs))
		}
	}
}

func (v *validator) ref(set map[string]bool, kind, id string, body hcl.Body, attr string, index int, def hcl.Range) {
	if set[id] {
		return
	}
	v.errorf(attrRange(body, attr, index, def), "Reference to unknown "+kind,
		"no %s block has the ID %q.%s", kind, id, suggest(id, set))
}

func (v *validator) errorf(r hcl.Range, summary, detail string, args ...any) {
	v.diags = append(v.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: fmt.Sprintf(detail, args...), Subject: r.Ptr()})
}

func (v *validator) warnf(r hcl.Range, summary, detail string, args ...any) {
	v.diags = append(v.diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: summary, Detail: fmt.Sprintf(detail, args...), Subject: r.Ptr()})
}

// statementBody returns the body of the index-th statement block of a policy.
func statementBody(policy hcl.Body, index int) hcl.Body {
	sb, ok := policy.(*hclsyntax.Body)
	if !ok {
		return nil
	}
	n := 0
	for _, b := range sb.Blocks {
		if b.Type == "statement" {
			if n == index {
				return b.Body
			}
			n++
		}
	}
	return nil
}

// suggest offers the closest existing ID when one is near enough to be a typo.
func suggest(id string, set map[string]bool) string {
	if best := Suggest(id, slices.Collect(maps.Keys(set))); best != "" {
		return fmt.Sprintf(" Did you mean %q?", best)
	}
	return ""
}

// Suggest returns the candidate nearest to word when it is near enough to
// be a typo, "" otherwise: ignoring case, one edit apart for a word of up
// to five characters and two for longer ones ("gh-org-001", "employe"; but
// "zoe" is not "bob"), or one a prefix of the other ("Completed" for
// completed_at). Among equals the first in sorted order wins, so the
// suggestion is stable.
func Suggest(word string, candidates []string) string {
	lw := strings.ToLower(word)
	best, bestDist := "", 2
	if len(lw) > 5 {
		bestDist = 3
	}
	for _, cand := range slices.Sorted(slices.Values(candidates)) {
		lc := strings.ToLower(cand)
		d := levenshtein.Distance(lw, lc, nil)
		if len(lw) >= 4 && len(lc) >= 4 && (strings.HasPrefix(lc, lw) || strings.HasPrefix(lw, lc)) {
			d = min(d, 2)
		}
		if d < bestDist {
			best, bestDist = cand, d
		}
	}
	return best
}

func ids[T any](list []T, id func(T) string) map[string]bool {
	out := make(map[string]bool, len(list))
	for _, x := range list {
		out[id(x)] = true
	}
	return out
}
