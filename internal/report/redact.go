package report

import (
	"fmt"
	"reflect"
	"unsafe"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/redact"
)

// redactReport is the copy of r every writer renders (Lookup): r with
// every token-shaped string replaced. The findings, nearly all of a large
// report, are redacted by redactFindings, without reflection and once per
// distinct title, framework map or linked list rather than once per
// finding; the rest of the report by redact.Value. Under finding.Baseline all of it
// goes through redact.Value, as before issue 16.
func redactReport(r *Report) (*Report, error) {
	if finding.Baseline() || r == nil {
		return redact.Value(r)
	}
	head := *r
	head.Findings = nil
	safe, err := redact.Value(&head)
	if err != nil {
		return nil, err
	}
	fs, err := redactFindings(r.Findings)
	if err != nil {
		return nil, err
	}
	out := *safe
	out.Findings = fs
	return &out, nil
}

// redactFindings returns fs with every string of every finding redacted,
// as redact.Value(fs) would (TestRedactFindingsIsRedactValue): the slice
// itself when nothing holds a secret, else a copy; fs is never changed.
func redactFindings(fs []finding.Finding) ([]finding.Finding, error) {
	fr := newFindingRedactor()
	var out []finding.Finding
	for i := range fs {
		f, changed, err := fr.finding(&fs[i])
		if err != nil {
			return nil, err
		}
		if !changed {
			continue
		}
		if out == nil {
			out = append([]finding.Finding(nil), fs...)
		}
		out[i] = f
	}
	if out == nil {
		return fs, nil
	}
	return out, nil
}

// findingRedactor remembers what it redacted: the fields that repeat from
// finding to finding (a control's title, severity, frameworks; a
// resource's type and system; the risks, mitigations, training and policies
// link shares between a control's findings) are redacted once per distinct
// value, and so are messages (which repeat across a control's findings).
// IDs and fingerprints are all distinct and are not remembered.
type findingRedactor struct {
	memo      map[string]string
	lists     map[listKey]listResult
	maps      map[unsafe.Pointer]mapResult
	resources map[*finding.ResourceRef]*finding.ResourceRef
	linkMemo  map[*finding.Links]*finding.Links
}

func newFindingRedactor() *findingRedactor {
	return &findingRedactor{
		memo:  map[string]string{},
		lists: map[listKey]listResult{},
		maps:  map[unsafe.Pointer]mapResult{},
		// A resource's findings share its reference: redacted once per
		// resource, and its redacted copy shared the same way.
		resources: map[*finding.ResourceRef]*finding.ResourceRef{},
		linkMemo:  map[*finding.Links]*finding.Links{},
	}
}

// links is l redacted: l itself when no list changes, else a copy, the
// same for every finding that shares l (a control's findings); l is never
// changed.
func (fr *findingRedactor) links(l *finding.Links) (*finding.Links, bool) {
	if l == nil {
		return nil, false
	}
	if out, ok := fr.linkMemo[l]; ok {
		return out, out != l
	}
	res := *l
	changed := false
	for _, list := range []*[]string{&res.Risks, &res.Mitigations, &res.Training, &res.Policies} {
		if out, c := fr.list(*list); c {
			*list, changed = out, true
		}
	}
	out := l
	if changed {
		out = &res
	}
	if len(fr.linkMemo) < maxMemo<<4 {
		fr.linkMemo[l] = out
	}
	return out, changed
}

// resource is ref redacted: ref itself when nothing in it changes, else a
// copy, the same copy for every finding that shares ref. ref is never
// changed: other findings point at it.
func (fr *findingRedactor) resource(ref *finding.ResourceRef) (*finding.ResourceRef, bool) {
	if ref == nil {
		return nil, false
	}
	if out, ok := fr.resources[ref]; ok {
		return out, out != ref
	}
	res := *ref
	changed := false
	str := func(s *string, repeated bool) {
		var r string
		if repeated {
			r = fr.repeated(*s)
		} else {
			r = redact.String(*s)
		}
		if r != *s {
			*s, changed = r, true
		}
	}
	str(&res.Type, true)
	str(&res.ID, false)
	str(&res.System, true)
	str(&res.Source.Kind, true)
	str(&res.Source.Collector, true)
	str(&res.Source.File, true)
	out := ref
	if changed {
		out = &res
	}
	if len(fr.resources) < maxMemo<<4 {
		fr.resources[ref] = out
	}
	return out, changed
}

// maxMemo bounds each memo: a report whose "repeated" strings are all
// distinct costs a redaction each, not a map of all of them.
const maxMemo = 1 << 14

type listKey struct {
	data *string
	n    int
}

type listResult struct {
	out     []string
	changed bool
}

type mapResult struct {
	out     map[string][]string
	changed bool
	err     error
}

func (fr *findingRedactor) finding(in *finding.Finding) (finding.Finding, bool, error) {
	f := *in
	changed := false
	str := func(s *string, repeated bool) {
		var r string
		if repeated {
			r = fr.repeated(*s)
		} else {
			r = redact.String(*s)
		}
		if r != *s {
			*s, changed = r, true
		}
	}
	str(&f.ControlID, true)
	str(&f.Title, true)
	sev := string(f.Severity)
	str(&sev, true)
	f.Severity = finding.Severity(sev)
	status := string(f.Status)
	str(&status, true)
	f.Status = finding.Status(status)
	// Messages repeat too: a gate's not_evaluated results say the same
	// unknown on every resource of a type (4,432 distinct among 30,000
	// findings of the 200-file benchmark repository). The memo is bounded
	// (maxMemo), so an audit of distinct messages redacts each as before.
	str(&f.Message, true)
	str(&f.Path, true)
	if res, c := fr.resource(f.Resource); c {
		f.Resource, changed = res, true
	}
	if l, c := fr.links(f.Links); c {
		f.Links, changed = l, true
	}
	fw, c, err := fr.frameworks(f.Frameworks)
	if err != nil {
		return f, false, err
	}
	if c {
		f.Frameworks, changed = fw, true
	}
	str(&f.Waiver, true)
	str(&f.WaiverExpired, true)
	str(&f.Fingerprint, false)
	return f, changed, nil
}

func (fr *findingRedactor) repeated(s string) string {
	if s == "" {
		return s
	}
	if r, ok := fr.memo[s]; ok {
		return r
	}
	r := redact.String(s)
	if len(fr.memo) < maxMemo {
		fr.memo[s] = r
	}
	return r
}

// list redacts a []string, copying it only when an element changes; a
// list seen before (the same backing array) is not redacted again.
func (fr *findingRedactor) list(xs []string) ([]string, bool) {
	if len(xs) == 0 {
		return xs, false
	}
	key := listKey{unsafe.SliceData(xs), len(xs)}
	if r, ok := fr.lists[key]; ok {
		return r.out, r.changed
	}
	var out []string
	for i, x := range xs {
		r := fr.repeated(x)
		if r == x {
			continue
		}
		if out == nil {
			out = append([]string(nil), xs...)
		}
		out[i] = r
	}
	res := listResult{out: xs}
	if out != nil {
		res = listResult{out: out, changed: true}
	}
	if len(fr.lists) < maxMemo {
		fr.lists[key] = res
	}
	return res.out, res.changed
}

// frameworks redacts a control's framework references (keys too), once
// per map: the engine shares one map between a control's findings.
func (fr *findingRedactor) frameworks(m map[string][]string) (map[string][]string, bool, error) {
	if len(m) == 0 {
		return m, false, nil
	}
	key := reflect.ValueOf(m).UnsafePointer()
	if r, ok := fr.maps[key]; ok {
		return r.out, r.changed, r.err
	}
	res := mapResult{out: m}
	changed := false
	for k, refs := range m {
		if _, c := fr.list(refs); c || fr.repeated(k) != k {
			changed = true
			break
		}
	}
	if changed {
		out := make(map[string][]string, len(m))
		for k, refs := range m {
			rk := fr.repeated(k)
			if _, taken := out[rk]; taken {
				// Two keys that differ only in their secrets would become
				// one, silently dropping a value: refuse (as redact.Value).
				res = mapResult{err: fmt.Errorf("redact: two map keys redact to %q", rk)}
				break
			}
			out[rk], _ = fr.list(refs)
		}
		if res.err == nil {
			res = mapResult{out: out, changed: true}
		}
	}
	if len(fr.maps) < maxMemo {
		fr.maps[key] = res
	}
	return res.out, res.changed, res.err
}

// Redact returns the redacted copy of r that Lookup's writers render
// (redactReport: the findings without reflection, each repeated title,
// framework map and link list once), for a caller rendering several
// formats of one report from one copy: the gate's three outputs
// (internal/cli redactOnce). r is never changed; the copy shares what
// holds no secret with r and must be treated as read-only.
func Redact(r *Report) (*Report, error) { return redactReport(r) }
