package controls_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/sync/errgroup"

	"github.com/rampart-audit/rampart/controls"
	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
)

// TestMutatedFailuresNeverPass is the property behind "a pass means Rampart
// looked": take every resource that fails a control (the example workspace's
// recorded evidence, its Terraform, and the inputs of the controls' own
// tests), break one attribute path at a time — null, deleted, named in
// `unknown`, or replaced by a value of each wrong JSON type, at every depth
// including list elements and the entries of keyed maps — and evaluate the
// control again through the real engine. Breaking data can make a result
// fail, not_evaluated or error; it must never make it pass, because none of
// these mutations is a compliant value.
func TestMutatedFailuresNeverPass(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	start := time.Now()
	var mu sync.Mutex
	var mutations, passes int
	var report []string
	// Each corpus is its own subtest, and within one the mutations are
	// evaluated by a pool of workers: every (control, resource, mutation)
	// is still evaluated once, only not one after another.
	t.Run("corpora", func(t *testing.T) {
		for _, c := range loadCorpora(t, ctx) {
			t.Run(c.name, func(t *testing.T) {
				t.Parallel()
				n, p, lines := mutateCorpus(t, ctx, c)
				mu.Lock()
				mutations, passes, report = mutations+n, passes+p, append(report, lines...)
				mu.Unlock()
			})
		}
	})
	sort.Strings(report)
	t.Logf("%d mutations of failing resources, %d passed, in %s", mutations, passes, time.Since(start).Round(time.Millisecond))
	require.Positive(t, mutations, "the corpus must contain failing resources, or the property is vacuous")
	if passes > 0 {
		controlsHit := map[string]bool{}
		for _, line := range report {
			controlsHit[strings.Fields(line)[0]] = true
		}
		t.Fatalf("%d of %d mutations of failing resources passed, in %d controls — a control passed on data it did not see:\n%s",
			passes, mutations, len(controlsHit), strings.Join(report, "\n"))
	}
}

// tally counts the mutations of one corpus evaluated by concurrent workers.
type tally struct {
	mu        sync.Mutex
	mutations int
	passes    int
	report    []string
}

func (ta *tally) add(pass bool, line func() string) {
	ta.mu.Lock()
	defer ta.mu.Unlock()
	ta.mutations++
	if pass {
		ta.passes++
		ta.report = append(ta.report, line())
	}
}

// work runs jobs on GOMAXPROCS workers; each job evaluates through an
// engine compiled beforehand (compiling needs the test goroutine).
func work(jobs []func()) {
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, job := range jobs {
		g.Go(func() error { job(); return nil })
	}
	_ = g.Wait()
}

// mutateCorpus breaks every failing resource of the corpus, then every
// related resource of each relation control's failing subjects.
func mutateCorpus(t *testing.T, ctx context.Context, c corpus) (mutations, passes int, report []string) {
	eng, err := engine.New(ctx, []engine.Source{{Name: "controls", FS: controls.FS}}, engine.WithClock(func() time.Time { return c.now }))
	require.NoError(t, err)

	failing := map[string][]string{} // resource ID → controls it fails
	for _, f := range eng.EvaluateIn(ctx, c.snapshot(c.resources), c.env()) {
		if f.Status == finding.Fail {
			failing[f.Resource.ID] = append(failing[f.Resource.ID], f.ControlID)
		}
	}

	// Mutated copies are evaluated only by the controls their original
	// fails, through an engine holding just those: the same compiled,
	// batched evaluation an audit runs, at a fraction of the cost of
	// evaluating every control of the type on each copy.
	groups := map[string][]evidence.Resource{}
	for _, r := range c.resources {
		if ids := failing[r.ID]; len(ids) > 0 {
			sort.Strings(ids)
			key := strings.Join(ids, " ")
			groups[key] = append(groups[key], r)
		}
	}
	ta := &tally{}
	var jobs []func()
	for _, key := range slices.Sorted(maps.Keys(groups)) {
		originals := groups[key]
		sub := subsetEngine(t, ctx, eng.Catalog(), strings.Fields(key), c.now)
		jobs = append(jobs, func() {
			var mutated []evidence.Resource
			byID := map[string]mutation{}
			for _, r := range originals {
				for _, m := range mutate(r) {
					m.resource.ID = fmt.Sprintf("%s#%d", r.ID, len(byID))
					mutated = append(mutated, m.resource)
					byID[m.resource.ID] = m
				}
			}
			for _, f := range sub.EvaluateIn(ctx, c.snapshot(mutated), c.env()) {
				m := byID[f.Resource.ID]
				if !contains(failing[m.original.ID], f.ControlID) {
					continue
				}
				ta.add(f.Status == finding.Pass, func() string {
					return fmt.Sprintf("%s %s (%s) %s: %s → pass", f.ControlID, m.original.ID, c.name, m.path, m.kind)
				})
			}
		})
	}
	work(jobs)
	direct := ta.mutations

	// A control with custom.related fails a subject on what it sees of
	// the related resources too: break each of those one path at a time,
	// the subject unchanged, and the subject must still not pass.
	work(relatedJobs(t, ctx, eng.Catalog(), c, failing, ta))
	t.Logf("%s: %d mutations of failing resources, %d of related resources", c.name, direct, ta.mutations-direct)
	return ta.mutations, ta.passes, ta.report
}

// relatedJobs evaluates each subject a relation control fails with each
// mutation of each resource of its related types in place of the original
// (same ID, so joins by ID still find it), the rest of the corpus's related
// resources beside it. Controls that relate to the same types (the fifteen
// CIS 4.x controls relate the account to trails, filters, alarms and
// subscriptions) share one engine and one evaluation per mutation, and the
// subjects they fail are evaluated together, one snapshot per mutation:
// they do not see each other (a subject's own type is not among the
// related ones; a control that relates its own type gets a snapshot per
// subject). Only (control, subject) pairs that failed count.
func relatedJobs(t *testing.T, ctx context.Context, cat *engine.Catalog, c corpus, failing map[string][]string, ta *tally) []func() {
	t.Helper()
	relTypes := func(id string) string {
		var types []string
		for _, rel := range cat.Get(id).Related {
			types = append(types, rel.Type)
		}
		slices.Sort(types)
		return strings.Join(slices.Compact(types), " ")
	}
	var keys []string
	idsOf := map[string][]string{}                 // related types → controls
	subjectsOf := map[string][]evidence.Resource{} // related types → subjects any of them fails
	for _, subject := range c.resources {
		seen := map[string]bool{}
		for _, id := range failing[subject.ID] {
			if len(cat.Get(id).Related) == 0 {
				continue
			}
			key := relTypes(id)
			if _, ok := idsOf[key]; !ok {
				keys = append(keys, key)
			}
			if !slices.Contains(idsOf[key], id) {
				idsOf[key] = append(idsOf[key], id)
			}
			if !seen[key] {
				seen[key] = true
				subjectsOf[key] = append(subjectsOf[key], subject)
			}
		}
	}
	var jobs []func()
	for _, key := range keys {
		ids := idsOf[key]
		types := map[string]bool{}
		for _, typ := range strings.Fields(key) {
			types[typ] = true
		}
		batches := [][]evidence.Resource{}
		var together []evidence.Resource
		for _, subject := range subjectsOf[key] {
			if types[subject.Type] {
				batches = append(batches, []evidence.Resource{subject})
			} else {
				together = append(together, subject)
			}
		}
		if len(together) > 0 {
			batches = append(batches, together)
		}
		slices.Sort(ids)
		sub := subsetEngine(t, ctx, cat, ids, c.now)
		for _, subjects := range batches {
			inBatch := map[string]bool{}
			for _, s := range subjects {
				inBatch[s.ID] = true
			}
			var related []int
			for i, r := range c.resources {
				if types[r.Type] && !inBatch[r.ID] {
					related = append(related, i)
				}
			}
			for _, target := range related {
				jobs = append(jobs, func() {
					for _, m := range mutate(c.resources[target]) {
						snap := c.snapshot(slices.Clone(subjects))
						for _, i := range related {
							r := c.resources[i]
							if i == target {
								r = m.resource
							}
							snap.Resources = append(snap.Resources, r)
						}
						for _, f := range sub.EvaluateIn(ctx, snap, c.env()) {
							if !inBatch[f.Resource.ID] || !slices.Contains(ids, f.ControlID) || !contains(failing[f.Resource.ID], f.ControlID) {
								continue
							}
							ta.add(f.Status == finding.Pass, func() string {
								return fmt.Sprintf("%s %s (%s) related %s %s: %s → pass", f.ControlID, f.Resource.ID, c.name, m.original.ID, m.path, m.kind)
							})
						}
					}
				})
			}
		}
	}
	return jobs
}

// subsetEngine compiles the library and the given controls only.
func subsetEngine(t *testing.T, ctx context.Context, cat *engine.Catalog, ids []string, now time.Time) *engine.Engine {
	t.Helper()
	files := fstest.MapFS{}
	add := func(name string) {
		data, err := fs.ReadFile(controls.FS, name)
		require.NoError(t, err)
		files[name] = &fstest.MapFile{Data: data}
	}
	libs, err := fs.Glob(controls.FS, "lib/*.rego")
	require.NoError(t, err)
	for _, l := range libs {
		if !strings.HasSuffix(l, "_test.rego") {
			add(l)
		}
	}
	for _, id := range ids {
		add(strings.TrimPrefix(cat.Get(id).File, "controls/"))
	}
	eng, err := engine.New(ctx, []engine.Source{{Name: "controls", FS: files}}, engine.WithClock(func() time.Time { return now }))
	require.NoError(t, err)
	return eng
}

// mutation is one broken copy of a failing resource.
type mutation struct {
	original evidence.Resource
	resource evidence.Resource
	path     string // attributes.a.b[0].c
	kind     string // null, delete, unknown, string, number, bool true, ...
}

// keyedMaps are attributes whose object keys are data, not schema (a region
// name → that region's settings; docs/resources.md). Deleting an entry
// describes a different, complete estate, as deleting a list element does,
// so neither is a mutation; every other mutation applies to them.
var keyedMaps = map[string]bool{"attributes.regions": true}

// mutate returns every single-path mutation of r's attributes.
func mutate(r evidence.Resource) []mutation {
	var out []mutation
	var walk func(path []any, v any)
	walk = func(path []any, v any) {
		p := render(path)
		parent := render(path[:len(path)-1])
		_, member := path[len(path)-1].(string)
		add := func(kind string, edit func(parent any, key any)) {
			m := mutation{original: r, resource: r.Clone(), path: p, kind: kind}
			edit(lookup(m.resource.Attributes, path[1:len(path)-1]), path[len(path)-1])
			out = append(out, m)
		}
		set := func(val any) func(any, any) {
			return func(parent any, key any) {
				switch c := parent.(type) {
				case map[string]any:
					c[key.(string)] = val
				case []any:
					c[key.(int)] = val
				}
			}
		}
		remove := func(parent any, key any) { delete(parent.(map[string]any), key.(string)) }
		add("null", set(nil))
		if member && !keyedMaps[parent] {
			add("delete", remove)
		}
		if member {
			// What a collector does with a value it could not read: leave it
			// out and say why in unknown.
			mm := len(out)
			add("unknown", remove)
			if out[mm].resource.Unknown == nil {
				out[mm].resource.Unknown = map[string]string{}
			}
			out[mm].resource.Unknown[strings.TrimPrefix(p, "attributes.")] = "mutation: could not be read"
		}
		for _, w := range wrongTypes(v) {
			add(w.kind, set(w.value))
		}
		switch c := v.(type) {
		case map[string]any:
			for _, k := range sortedKeys(c) {
				walk(append(append([]any{}, path...), k), c[k])
			}
		case []any:
			for i, e := range c {
				walk(append(append([]any{}, path...), i), e)
			}
		}
	}
	for _, k := range sortedKeys(r.Attributes) {
		walk([]any{"attributes", k}, r.Attributes[k])
	}
	return out
}

type typed struct {
	kind  string
	value any
}

// wrongTypes are the replacements of v by each JSON type it is not. The
// string is v written as text ("false", "0"): the form a careless guard
// (`not x`, `x != false`) is most likely to read as compliant.
func wrongTypes(v any) []typed {
	var out []typed
	if _, ok := v.(string); !ok {
		s := ""
		switch x := v.(type) {
		case bool:
			s = strconv.FormatBool(x)
		default:
			if isNumber(x) {
				s = fmt.Sprint(x)
			}
		}
		out = append(out, typed{"string " + strconv.Quote(s), s})
	}
	if !isNumber(v) {
		out = append(out, typed{"number 0", json.Number("0")}, typed{"number 1", json.Number("1")})
	}
	if _, ok := v.(bool); !ok {
		out = append(out, typed{"bool true", true}, typed{"bool false", false})
	}
	if _, ok := v.([]any); !ok {
		out = append(out, typed{"array []", []any{}})
	}
	if _, ok := v.(map[string]any); !ok {
		out = append(out, typed{"object {}", map[string]any{}})
	}
	return out
}

// isNumber covers every way a number reaches a resource: json.Number from
// recorded evidence and Rego, Go integers and floats from the Terraform mapping.
func isNumber(v any) bool {
	if _, ok := v.(json.Number); ok {
		return true
	}
	switch reflect.ValueOf(v).Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return true
	}
	return false
}

// render writes a path the way controls name them: attributes.a.b[0].c.
func render(path []any) string {
	var b strings.Builder
	for i, p := range path {
		switch x := p.(type) {
		case string:
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(x)
		case int:
			fmt.Fprintf(&b, "[%d]", x)
		}
	}
	return b.String()
}

// lookup follows path (keys and indices) from the attributes map.
func lookup(attrs map[string]any, path []any) any {
	var cur any = attrs
	for _, p := range path {
		switch x := p.(type) {
		case string:
			cur = cur.(map[string]any)[x]
		case int:
			cur = cur.([]any)[x]
		}
	}
	return cur
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
