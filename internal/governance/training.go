package governance

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/model"
)

// Completion is one person having completed one training on a date.
type Completion struct {
	Person      string
	Training    string
	CompletedOn time.Time
	// Source says where the completion was recorded: "workspace" or "FILE:LINE".
	Source string
}

// Gap statuses.
const (
	GapNever   = "never"
	GapExpired = "expired"
)

// TrainingGap is one person lacking one valid training, with why it is
// needed: the roles that require it and the failing findings they are
// attributed that its controls cover.
type TrainingGap struct {
	Person        string `json:"person"`
	Name          string `json:"name,omitempty"`
	Training      string `json:"training"`
	TrainingTitle string `json:"training_title,omitempty"`
	// Status is "never" (no completion on record) or "expired".
	Status        string `json:"status"`
	LastCompleted string `json:"last_completed,omitempty"`
	ExpiredOn     string `json:"expired_on,omitempty"`
	// RequiredByRoles are the person's roles the training is required for.
	RequiredByRoles []string `json:"required_by_roles"`
	// Findings are failing results attributed to the person whose control the training covers.
	Findings []GapFinding `json:"findings"`
}

// GapFinding is a failing finding given as evidence for a training gap.
type GapFinding struct {
	ControlID    string           `json:"control_id"`
	Severity     finding.Severity `json:"severity"`
	ResourceType string           `json:"resource_type"`
	ResourceID   string           `json:"resource_id"`
	Fingerprint  string           `json:"fingerprint"`
	// Attribution says why the person answers for the resource.
	Attribution string `json:"attribution"`
}

// completions merges the workspace's and the imported records, keeping the
// latest completion per person and training.
func completions(ws *model.Workspace, records []Completion) map[string]map[string]Completion {
	latest := map[string]map[string]Completion{}
	put := func(c Completion) {
		if latest[c.Person] == nil {
			latest[c.Person] = map[string]Completion{}
		}
		if old, ok := latest[c.Person][c.Training]; !ok || c.CompletedOn.After(old.CompletedOn) {
			latest[c.Person][c.Training] = c
		}
	}
	for _, p := range ws.People {
		for tid, on := range p.CompletedOn {
			put(Completion{Person: p.ID, Training: tid, CompletedOn: on, Source: "workspace"})
		}
	}
	for _, c := range records {
		put(c)
	}
	return latest
}

// standing says whether a person holds a valid completion of a training
// at now, and if not, how the gap reads.
func standing(t *model.Training, c Completion, has bool, now time.Time) (gap TrainingGap, ok bool) {
	if !has {
		return TrainingGap{Status: GapNever}, false
	}
	if t.Validity > 0 {
		// A completion is valid through the whole of the day its validity ends.
		end := c.CompletedOn.Add(t.Validity)
		if !now.Before(end.AddDate(0, 0, 1)) {
			return TrainingGap{Status: GapExpired, LastCompleted: dateString(c.CompletedOn), ExpiredOn: dateString(end)}, false
		}
	}
	return TrainingGap{}, true
}

func trainingGaps(fs []finding.Finding, resources []evidence.Resource, ws *model.Workspace, records []Completion, now time.Time) []TrainingGap {
	done := completions(ws, records)
	people := map[string]*model.Person{}
	for _, p := range ws.People {
		people[p.ID] = p
	}
	trainings := map[string]*model.Training{}
	for _, t := range ws.Trainings {
		trainings[t.ID] = t
	}
	gaps := map[[2]string]*TrainingGap{}
	gapFor := func(p *model.Person, t *model.Training) *TrainingGap {
		key := [2]string{p.ID, t.ID}
		if g, ok := gaps[key]; ok {
			return g
		}
		c, has := done[p.ID][t.ID]
		g, ok := standing(t, c, has, now)
		if ok {
			return nil
		}
		g.Person, g.Name, g.Training, g.TrainingTitle = p.ID, p.Name, t.ID, t.Title
		g.RequiredByRoles, g.Findings = []string{}, []GapFinding{}
		gaps[key] = &g
		return &g
	}

	for _, t := range ws.Trainings {
		for _, p := range ws.People {
			for _, role := range p.Roles {
				if !slices.Contains(t.RequiredFor, role) {
					continue
				}
				if g := gapFor(p, t); g != nil && !slices.Contains(g.RequiredByRoles, role) {
					g.RequiredByRoles = append(g.RequiredByRoles, role)
				}
			}
		}
	}

	attr := newAttributor(resources, ws)
	for _, f := range fs {
		if f.Status != finding.Fail || len(f.Training) == 0 {
			continue
		}
		for _, who := range attr.people(f) {
			p := people[who.person]
			if p == nil {
				continue
			}
			for _, tid := range f.Training {
				t := trainings[tid]
				if t == nil {
					continue
				}
				g := gapFor(p, t)
				if g == nil {
					continue
				}
				g.Findings = append(g.Findings, GapFinding{
					ControlID: f.ControlID, Severity: f.Severity, ResourceType: f.Resource.Type,
					ResourceID: f.Resource.ID, Fingerprint: f.Fingerprint, Attribution: who.why,
				})
			}
		}
	}

	out := make([]TrainingGap, 0, len(gaps))
	for _, g := range gaps {
		sort.Strings(g.RequiredByRoles)
		out = append(out, *g)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Person != out[j].Person {
			return out[i].Person < out[j].Person
		}
		return out[i].Training < out[j].Training
	})
	return out
}

// attribution is one person answering for a resource, and why.
type attribution struct{ person, why string }

// attributor finds the people who answer for a failing resource: the owner
// of its system, the admins of a repository, the owners of an organisation,
// and the person an IAM user belongs to. Repository admins and organisation
// owners are read from the collected attributes (docs/governance.md) and
// mapped to people by their GitHub login, case-insensitively as GitHub does.
type attributor struct {
	systems   map[string]*model.System
	byLogin   map[string]string
	byIAM     map[string]string
	resources map[[2]string]evidence.Resource
}

func newAttributor(resources []evidence.Resource, ws *model.Workspace) *attributor {
	a := &attributor{systems: map[string]*model.System{}, byLogin: map[string]string{}, byIAM: map[string]string{}, resources: map[[2]string]evidence.Resource{}}
	for _, s := range ws.Systems {
		a.systems[s.ID] = s
	}
	for _, p := range ws.People {
		if p.GitHub != "" {
			a.byLogin[strings.ToLower(p.GitHub)] = p.ID
		}
		for _, u := range p.AWSIAM {
			a.byIAM[u] = p.ID
		}
	}
	for _, r := range resources {
		a.resources[[2]string{r.Type, r.ID}] = r
	}
	return a
}

func (a *attributor) people(f finding.Finding) []attribution {
	var out []attribution
	add := func(person, why string) {
		if person == "" {
			return
		}
		for _, o := range out {
			if o.person == person {
				return
			}
		}
		out = append(out, attribution{person, why})
	}
	if s := a.systems[f.Resource.System]; s != nil {
		add(s.Owner, "owner of system "+s.ID)
	}
	r, ok := a.resources[[2]string{f.Resource.Type, f.Resource.ID}]
	if !ok {
		return out
	}
	switch r.Type {
	case "github.repository":
		for _, login := range repositoryAdmins(r.Attributes) {
			add(a.byLogin[strings.ToLower(login)], fmt.Sprintf("admin of %s (GitHub %s)", r.ID, login))
		}
	case "github.organization":
		for _, login := range stringList(r.Attributes["owners"]) {
			add(a.byLogin[strings.ToLower(login)], fmt.Sprintf("owner of %s (GitHub %s)", r.ID, login))
		}
	case "aws.iam.user":
		name, _ := r.Attributes["user_name"].(string)
		for _, key := range []string{name, r.ID} {
			if p, ok := a.byIAM[key]; ok && key != "" {
				add(p, "IAM user "+key)
			}
		}
	}
	return out
}

// repositoryAdmins reads who administers a repository: the collector's
// direct collaborators with the admin permission, and an explicit admins
// list when a producer gives one.
func repositoryAdmins(attrs map[string]any) []string {
	out := stringList(attrs["admins"])
	// Attributes arrive normalised (evidence.Normalize): a list is []any, an object map[string]any.
	list, _ := attrs["collaborators"].([]any)
	for _, item := range list {
		c, _ := item.(map[string]any)
		if login, _ := c["login"].(string); login != "" && c["permission"] == "admin" {
			out = append(out, login)
		}
	}
	return out
}

// stringList reads a list of logins from an attribute: strings, or objects
// with a login.
func stringList(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, item := range list {
		switch x := item.(type) {
		case string:
			out = append(out, x)
		case map[string]any:
			if login, ok := x["login"].(string); ok {
				out = append(out, login)
			}
		}
	}
	return out
}

// identityWarnings name the people whose `github` login or `aws_iam` users
// match nothing in the evidence (no member, owner, admin or collaborator of
// that login; no IAM user of that name): a typo there silently attributes them no
// resource, so no training gap. A platform whose evidence lists no
// identities (no owners or collaborators read, no IAM user collected)
// proves nothing either way and gets no warning.
func identityWarnings(resources []evidence.Resource, ws *model.Workspace) []string {
	logins, iamUsers := map[string]bool{}, map[string]bool{}
	sawLogins, sawIAM := false, false
	for _, r := range resources {
		switch r.Type {
		case "github.organization", "github.repository":
			for _, key := range []string{"owners", "admins", "collaborators"} {
				if _, ok := r.Attributes[key]; ok {
					sawLogins = true
				}
				for _, l := range stringList(r.Attributes[key]) {
					logins[strings.ToLower(l)] = true
				}
			}
		case evidence.TypeGitHubMember:
			// Members and outside collaborators: the organisation's people.
			sawLogins = true
			if login, _ := r.Attributes["login"].(string); login != "" {
				logins[strings.ToLower(login)] = true
			}
		case "aws.iam.user":
			sawIAM = true
			iamUsers[r.ID] = true
			if name, _ := r.Attributes["user_name"].(string); name != "" {
				iamUsers[name] = true
			}
		}
	}
	var out []string
	for _, p := range ws.People {
		if sawLogins && p.GitHub != "" && !logins[strings.ToLower(p.GitHub)] {
			out = append(out, fmt.Sprintf("person %s: GitHub login %q is no member, owner, admin or collaborator in the evidence, so nothing is attributed to them through it", p.ID, p.GitHub))
		}
		for _, u := range p.AWSIAM {
			if sawIAM && !iamUsers[u] {
				out = append(out, fmt.Sprintf("person %s: aws_iam user %q is not an IAM user of the evidence, so nothing is attributed to them through it", p.ID, u))
			}
		}
	}
	return out
}
