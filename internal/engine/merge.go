package engine

import (
	"cmp"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
)

// sortedFindings is every group's findings in one slice, sorted by
// control, resource type and resource ID, equal keys in the order of the
// groups and within each group (what appending them all and
// sort.SliceStable give, TestSortedFindingsIsSliceStable).
//
// It sorts small references to the findings and copies each finding once
// into a slice of the right size. Appending grew the slice by doubling
// (each growth a copy, the old and new arrays alive together), and
// sort.SliceStable's in-place merges move the 360-byte findings O(n log² n)
// times: at 720,000 findings (a 20,000-repository audit) that was 2.8
// CPU-seconds, more than governance, linking and evidence decoding
// together (issue 16). Under finding.Baseline it does what it replaced.
func sortedFindings(groups [][]finding.Finding) []finding.Finding {
	if finding.Baseline() {
		return appendAndSortStable(groups)
	}
	type ref struct{ group, index int32 }
	n := 0
	for _, g := range groups {
		n += len(g)
	}
	if n == 0 {
		return nil
	}
	refs := make([]ref, 0, n)
	for gi, g := range groups {
		for i := range g {
			refs = append(refs, ref{int32(gi), int32(i)})
		}
	}
	slices.SortFunc(refs, func(a, b ref) int {
		if c := compareFindings(&groups[a.group][a.index], &groups[b.group][b.index]); c != 0 {
			return c
		}
		// Equal keys keep their order: the result is a stable sort's.
		return cmp.Or(cmp.Compare(a.group, b.group), cmp.Compare(a.index, b.index))
	})
	out := make([]finding.Finding, n)
	for k, r := range refs {
		out[k] = groups[r.group][r.index]
	}
	return out
}

func compareFindings(a, b *finding.Finding) int {
	return cmp.Or(
		strings.Compare(a.ControlID, b.ControlID),
		strings.Compare(a.Resource.Type, b.Resource.Type),
		strings.Compare(a.Resource.ID, b.Resource.ID),
	)
}

// appendAndSortStable is how the findings were merged before
// sortedFindings: the baseline, and what its test compares with.
func appendAndSortStable(groups [][]finding.Finding) []finding.Finding {
	var out []finding.Finding
	for _, fs := range groups {
		out = append(out, fs...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.ControlID != b.ControlID {
			return a.ControlID < b.ControlID
		}
		if a.Resource.Type != b.Resource.Type {
			return a.Resource.Type < b.Resource.Type
		}
		return a.Resource.ID < b.Resource.ID
	})
	return out
}

// The results of a resource are handed from the workers to the merge in a
// compact form. A result is newFinding(ctl, r) with a status, a message
// and a path: everything else in its 376-byte finding.Finding (the
// control's title, severity and frameworks, the resource's reference) is
// the control's or the resource's, repeated. Held whole until the merge,
// the 730,000 results of a 20,000-repository audit were 330 MB with
// append's spare room, and the merge's sorted copy another 275 MB alive
// with them, then the pipeline's merge of its own findings a third copy
// (issue 16): the peak of the audit. Compact, they are 56 bytes each until
// the merge writes every finding once, in its place, into the one array
// the report keeps — 168 bytes a finding since its resource reference is
// one per resource (resourceRef, shared by the resource's findings) and
// its links one per control (link.Apply); they were 376 bytes, 81 % of
// the live heap once the report was complete (issue 16).

// compactResult is one result of a resource without what its control
// and its resource say.
type compactResult struct {
	rank   int32 // the control's place in controlRanks
	status uint8 // index in finding.Statuses
	// message and path are the control's output; fingerprint is kept
	// rather than hashed again.
	message, path, fingerprint string
}

// resourceResults is what a worker hands on for one resource: compact,
// or whole when any of its findings is more than a status, message and
// path on newFinding (then the merge sorts everything as before).
type resourceResults struct {
	compact []compactResult
	whole   []finding.Finding
}

// controlRanks numbers the controls a run evaluates in ID order: the
// findings' first sort key becomes an index.
type controlRanks struct {
	controls []*Control // by rank
	byID     map[string]int32
}

func newControlRanks(groups map[string][][]*Control) *controlRanks {
	byID := map[string]*Control{}
	for _, batches := range groups {
		for _, batch := range batches {
			for _, ctl := range batch {
				if _, seen := byID[ctl.ID]; !seen {
					byID[ctl.ID] = ctl
				}
			}
		}
	}
	cr := &controlRanks{controls: make([]*Control, 0, len(byID)), byID: make(map[string]int32, len(byID))}
	for _, ctl := range byID {
		cr.controls = append(cr.controls, ctl)
	}
	slices.SortFunc(cr.controls, func(a, b *Control) int { return strings.Compare(a.ID, b.ID) })
	for i, ctl := range cr.controls {
		cr.byID[ctl.ID] = int32(i)
	}
	return cr
}

// statusIndex is s's index in finding.Statuses; false for anything else.
func statusIndex(s finding.Status) (uint8, bool) {
	for i, known := range finding.Statuses {
		if s == known {
			return uint8(i), true
		}
	}
	return 0, false
}

// compactResults is fs, the findings of r, compact when every one of them
// is exactly what expand rebuilds; else fs whole.
func (cr *controlRanks) compactResults(r *evidence.Resource, fs []finding.Finding) resourceResults {
	if len(fs) == 0 {
		return resourceResults{}
	}
	ref := resourceRef(r)
	out := make([]compactResult, len(fs))
	for i := range fs {
		f := &fs[i]
		rank, ok := cr.byID[f.ControlID]
		if !ok {
			return resourceResults{whole: fs}
		}
		ctl := cr.controls[rank]
		status, known := statusIndex(f.Status)
		if !known || f.Title != ctl.Title || f.Severity != ctl.Severity || f.Resource == nil || *f.Resource != *ref ||
			!sameMap(f.Frameworks, ctl.Frameworks) || f.Links != nil || f.Waiver != "" || f.WaiverExpired != "" {
			return resourceResults{whole: fs}
		}
		out[i] = compactResult{rank: rank, status: status, message: f.Message, path: f.Path, fingerprint: f.Fingerprint}
	}
	return resourceResults{compact: out}
}

// resourceRef is the one reference the findings of r share.
func resourceRef(r *evidence.Resource) *finding.ResourceRef {
	return &finding.ResourceRef{Type: r.Type, ID: r.ID, System: r.System, Source: r.Source}
}

// sameMap: the same map, not an equal one (a control's findings share it).
func sameMap(a, b map[string][]string) bool {
	return (a == nil) == (b == nil) && reflect.ValueOf(a).UnsafePointer() == reflect.ValueOf(b).UnsafePointer()
}

// mergeResults is every finding of a run in one array of its exact size,
// sorted as sortedFindings sorts groups (per resource in resource order,
// then tail) and equal to it (TestMergeResultsIsSortedFindings): each
// resource's findings from results, resources[i]'s at results[i], then
// tail's — the untrusted controls', the collection gaps', and the
// caller's extra findings, in that order.
//
// The resources' findings are placed by counting: a control's findings
// start where the controls before it in ID order end, and filling the
// places in (type, ID) order of the resources — sorted once, 22,000
// of them rather than 730,000 findings — gives a stable sort's order. The
// tail, a few findings, is sorted stably and merged in from the back.
func (cr *controlRanks) mergeResults(resources []evidence.Resource, results []resourceResults, tail []finding.Finding) []finding.Finding {
	for _, res := range results {
		if res.whole != nil {
			return cr.sortWhole(resources, results, tail)
		}
	}
	starts := make([]int, len(cr.controls)+1)
	for _, res := range results {
		for _, c := range res.compact {
			starts[c.rank+1]++
		}
	}
	for k := 1; k < len(starts); k++ {
		starts[k] += starts[k-1]
	}
	bulk := starts[len(cr.controls)]
	if bulk+len(tail) == 0 {
		return nil
	}
	order := make([]int32, len(resources))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int {
		ra, rb := &resources[a], &resources[b]
		return cmp.Or(strings.Compare(ra.Type, rb.Type), strings.Compare(ra.ID, rb.ID))
	})
	out := make([]finding.Finding, bulk+len(tail))
	next := starts[:len(cr.controls)]
	for _, ri := range order {
		if len(results[ri].compact) == 0 {
			continue
		}
		ref := resourceRef(&resources[ri])
		for _, c := range results[ri].compact {
			ctl := cr.controls[c.rank]
			out[next[c.rank]] = finding.Finding{
				ControlID: ctl.ID, Title: ctl.Title, Severity: ctl.Severity,
				Status: finding.Statuses[c.status], Message: c.message, Path: c.path,
				Resource: ref, Frameworks: ctl.Frameworks, Fingerprint: c.fingerprint,
			}
			next[c.rank]++
		}
	}
	slices.SortStableFunc(tail, func(a, b finding.Finding) int { return compareFindings(&a, &b) })
	// From the back: on equal keys the resources' findings stay first.
	i, k := bulk-1, len(out)-1
	for j := len(tail) - 1; j >= 0; k-- {
		if i >= 0 && compareFindings(&tail[j], &out[i]) < 0 {
			out[k] = out[i]
			i--
		} else {
			out[k] = tail[j]
			j--
		}
	}
	return out
}

// sortWhole is mergeResults when some resource's findings are whole: every
// group rebuilt and sorted by reference, as before the compact hand-off.
func (cr *controlRanks) sortWhole(resources []evidence.Resource, results []resourceResults, tail []finding.Finding) []finding.Finding {
	groups := make([][]finding.Finding, 0, len(results)+1)
	for i, res := range results {
		if res.whole != nil {
			groups = append(groups, res.whole)
			continue
		}
		ref := resourceRef(&resources[i])
		g := make([]finding.Finding, len(res.compact))
		for k, c := range res.compact {
			ctl := cr.controls[c.rank]
			g[k] = finding.Finding{
				ControlID: ctl.ID, Title: ctl.Title, Severity: ctl.Severity,
				Status: finding.Statuses[c.status], Message: c.message, Path: c.path,
				Resource: ref, Frameworks: ctl.Frameworks, Fingerprint: c.fingerprint,
			}
		}
		groups = append(groups, g)
	}
	return sortedFindings(append(groups, tail))
}
