package governance

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/rampart-audit/rampart/internal/finding"
)

// Framework statuses of a control or a reference, from worst to best.
const (
	FrameworkFail       = "fail"
	FrameworkIncomplete = "incomplete" // some result is error or not_evaluated
	FrameworkNotTested  = "not_tested" // the control produced no result in this run
	FrameworkWaived     = "waived"
	FrameworkPass       = "pass"
)

var frameworkRank = map[string]int{FrameworkFail: 0, FrameworkIncomplete: 1, FrameworkNotTested: 2, FrameworkWaived: 3, FrameworkPass: 4}

// Framework is the audit seen through one framework's references.
type Framework struct {
	Name       string         `json:"name"`
	Summary    map[string]int `json:"summary"`
	References []Reference    `json:"references"`
}

// Reference is one framework requirement (an Annex A control, a CIS
// recommendation) with the controls mapped to it.
type Reference struct {
	Ref      string             `json:"ref"`
	Status   string             `json:"status"`
	Controls []FrameworkControl `json:"controls"`
}

// FrameworkControl is one control's outcome under a reference.
type FrameworkControl struct {
	ID       string           `json:"id"`
	Title    string           `json:"title"`
	Severity finding.Severity `json:"severity"`
	Status   string           `json:"status"`
	Results  Counts           `json:"results"`
}

// FrameworkNames lists every framework the controls map to.
func FrameworkNames(controls []Control) []string {
	set := map[string]bool{}
	for _, c := range controls {
		for fw := range c.Frameworks {
			set[fw] = true
		}
	}
	return slices.Sorted(maps.Keys(set))
}

// matchFrameworks resolves requested names: an exact framework name, or a
// family prefix ("cis" selects cis-github-1.0 and cis-aws-3.0).
func matchFrameworks(requested, known []string) ([]string, error) {
	var out []string
	for _, req := range requested {
		req = strings.ToLower(strings.TrimSpace(req))
		n := 0
		for _, k := range known {
			if k == req || strings.HasPrefix(k, req+"-") {
				if !slices.Contains(out, k) {
					out = append(out, k)
				}
				n++
			}
		}
		if n == 0 {
			return nil, fmt.Errorf("no control maps to framework %q (known: %s)", req, strings.Join(known, ", "))
		}
	}
	sort.Strings(out)
	return out, nil
}

func frameworkViews(requested []string, controls []Control, fs []finding.Finding) ([]Framework, error) {
	out := []Framework{}
	if len(requested) == 0 {
		return out, nil
	}
	names, err := matchFrameworks(requested, FrameworkNames(controls))
	if err != nil {
		return nil, err
	}
	results := map[string]*Counts{}
	for _, f := range fs {
		if results[f.ControlID] == nil {
			results[f.ControlID] = &Counts{}
		}
		results[f.ControlID].add(f.Status)
	}
	for _, name := range names {
		byRef := map[string][]FrameworkControl{}
		for _, c := range controls {
			var counts Counts
			if r := results[c.ID]; r != nil {
				counts = *r
			}
			fc := FrameworkControl{ID: c.ID, Title: c.Title, Severity: c.Severity, Status: controlStatus(counts), Results: counts}
			for _, ref := range c.Frameworks[name] {
				byRef[ref] = append(byRef[ref], fc)
			}
		}
		fw := Framework{Name: name, Summary: map[string]int{}, References: []Reference{}}
		for _, s := range []string{FrameworkFail, FrameworkIncomplete, FrameworkNotTested, FrameworkWaived, FrameworkPass} {
			fw.Summary[s] = 0
		}
		refs := slices.Sorted(maps.Keys(byRef))
		sort.SliceStable(refs, func(i, j int) bool { return naturalLess(refs[i], refs[j]) })
		for _, ref := range refs {
			ctls := byRef[ref]
			sort.Slice(ctls, func(i, j int) bool { return ctls[i].ID < ctls[j].ID })
			status := FrameworkPass
			for _, c := range ctls {
				if frameworkRank[c.Status] < frameworkRank[status] {
					status = c.Status
				}
			}
			fw.Summary[status]++
			fw.References = append(fw.References, Reference{Ref: ref, Status: status, Controls: ctls})
		}
		out = append(out, fw)
	}
	return out, nil
}

// controlStatus condenses a control's results: any failure fails it, then
// anything that could not be checked makes it incomplete.
func controlStatus(c Counts) string {
	switch {
	case c.Total() == 0:
		return FrameworkNotTested
	case c.Fail > 0:
		return FrameworkFail
	case c.Error+c.NotEvaluated > 0:
		return FrameworkIncomplete
	case c.Waived > 0:
		return FrameworkWaived
	}
	return FrameworkPass
}

// naturalLess orders references as people read them: A.5.9 before A.5.15.
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := leadingDigits(a), leadingDigits(b)
		if da != "" && db != "" {
			if len(strings.TrimLeft(da, "0")) != len(strings.TrimLeft(db, "0")) {
				return len(strings.TrimLeft(da, "0")) < len(strings.TrimLeft(db, "0"))
			}
			if da != db {
				return strings.TrimLeft(da, "0") < strings.TrimLeft(db, "0") || (strings.TrimLeft(da, "0") == strings.TrimLeft(db, "0") && da < db)
			}
			a, b = a[len(da):], b[len(db):]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func leadingDigits(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}

// CheckFrameworks reports a requested framework that no control maps to, so
// the command line can reject it before anything is evaluated.
func CheckFrameworks(requested []string, controls []Control) error {
	_, err := matchFrameworks(requested, FrameworkNames(controls))
	return err
}
