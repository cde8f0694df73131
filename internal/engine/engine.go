package engine

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
)

// DefaultTimeout bounds one evaluation of one control on one resource.
const DefaultTimeout = 5 * time.Second

// Engine holds the compiled controls, ready to evaluate.
type Engine struct {
	catalog  *Catalog
	compiler *ast.Compiler
	prepared map[string]*lazyQuery
	// batch evaluates every control of a resource type in one query; the
	// per-control queries in prepared are the fallback that attributes an
	// error or a time-out to the control that caused it. Both are planned
	// on first use (lazy.go): a gate over a few types never plans the
	// queries of the others, nor a fallback nobody needed.
	batch  map[string]*lazyQuery
	byType map[string][]*Control
	// groups splits byType's controls into batches whose related names
	// agree (batchGroups); batch is keyed by groupKey.
	groups map[string][][]*Control
	// groupRels are the relations of each of groups' batches
	// (groupRelations), and controlCount the controls of a type in all
	// its batches: both fixed once built, not recounted per resource.
	groupRels    map[string][][]Relation
	controlCount map[string]int
	// rels is every distinct relation of the loaded controls.
	rels    []Relation
	timeout time.Duration
	workers int
	now     func() time.Time
	// eagerUnknown evaluates every control's unknown set even where its
	// deny set is not empty, as the engine did before: the baseline of
	// BenchmarkEvaluateLazyUnknown, never set outside tests.
	eagerUnknown bool
	// comprehensionSets has the batch query collect every deny and unknown
	// set into an array by a comprehension, as the engine did before
	// batchQuery referred to the sets themselves: part of the "today"
	// baseline of BenchmarkEvaluate, never set outside tests.
	comprehensionSets bool
	// eagerPrepare plans every query while loading, as the engine did
	// before lazy.go (TestLazyPreparePlansWhatIsUsed compares the two).
	eagerPrepare bool
	// jsonResults has rego convert every binding to Go values, as the
	// engine did before keepTerm: part of BenchmarkEvaluate's "before".
	jsonResults bool
	// sortByValue collects the findings by appending and sorts them in
	// place with sort.SliceStable, as the engine did before sortedFindings:
	// the "before" of BenchmarkEvaluate, never set outside tests.
	sortByValue bool
	// onEval, when set (tests), is called before each query with the IDs
	// of the controls it evaluates.
	onEval func(controls []string)
	// untrusted controls are evaluated in child processes, not in byType's
	// batches; childModules are the sources a child compiles.
	untrusted    []*Control
	childModules map[string]string
	memoryLimit  int64
	// sourceDigest is the sha256 of every loaded module's Rego source, for
	// store.CatalogVersion (SourceDigest).
	sourceDigest string
	// incr is what incremental evaluation needs (incremental.go).
	incr *incremental
	// compileNeeded defers compiling to the first evaluation, which
	// compiles what its resources need (needed.go); compileMu guards
	// compiler, incr and needed then: a compile takes it to write, an
	// evaluation holds it to read.
	compileNeeded bool
	compileMu     sync.RWMutex
	needed        neededState
	// evaluator runs the prepared queries (evaluator.go); the zero value is
	// topdown, which the evaluation child keeps, newEngine sets IR.
	evaluator Evaluator
	// prepareMu serialises planning: rego sets the shared compiler's
	// evaluation mode for a target plugin (evaluator.go). It also guards
	// compiler during an evaluation, which lateCompile may set, and
	// lateErr, its failure (planindex.go).
	prepareMu sync.Mutex
	lateErr   error
	// capabilities are the compiler's (batchCapabilities), for the IR
	// programs' built-ins: made once, and there with no compiler.
	capabilities *ast.Capabilities
	// planIR, when set (TestIRFallsBackToTopdown), plans a query for the
	// IR evaluator instead of prepareFor, to make it refuse some.
	planIR func(ctx context.Context, query string, extra []func(*rego.Rego)) (rego.PreparedEvalQuery, error)
	// resourceBaseline, when set (BenchmarkEvaluateInput), evaluates a
	// resource instead of evaluateResource: the engine before input.go,
	// kept in input_test.go.
	resourceBaseline func(ctx context.Context, r evidence.Resource, run runState, now time.Time) []finding.Finding
}

// Option configures an Engine.
type Option func(*Engine)

// WithTimeout sets the time limit of one evaluation.
func WithTimeout(d time.Duration) Option { return func(e *Engine) { e.timeout = d } }

// WithWorkers sets how many resources are evaluated at once (default: GOMAXPROCS).
func WithWorkers(n int) Option { return func(e *Engine) { e.workers = n } }

// WithClock fixes the time controls see through time.now_ns.
func WithClock(now func() time.Time) Option { return func(e *Engine) { e.now = now } }

// New parses, validates and compiles the controls of the sources, for
// evaluation: their _test.rego files are not read (`rampart test` parses
// them with Parse and loads the same modules with Load). All problems of
// all files are returned together as Problems; warnings do not stop the
// load and are kept in Catalog().Warnings.
func New(ctx context.Context, sources []Source, opts ...Option) (*Engine, error) {
	e := newEngine(opts)
	mods, problems := parseSources(false, e.compileNeeded, sources)
	problems = append(problems, Check(mods)...)
	if errs := problems.Errors(); len(errs) > 0 {
		return nil, errs
	}
	if _, err := e.build(ctx, mods); err != nil {
		return nil, err
	}
	e.catalog.Warnings = problems.Warnings()
	return e, nil
}

// Load compiles and prepares modules that Parse returned without errors,
// so a caller that needs the modules too (`rampart test`) parses once.
func Load(ctx context.Context, mods []Module, opts ...Option) (*Engine, error) {
	return newEngine(opts).build(ctx, mods)
}

func newEngine(opts []Option) *Engine {
	e := &Engine{timeout: DefaultTimeout, workers: runtime.GOMAXPROCS(0), now: time.Now, memoryLimit: DefaultMemoryLimit, evaluator: defaultEvaluator(),
		capabilities: batchCapabilities()}
	for _, o := range opts {
		o(e)
	}
	return e
}

// build compiles and prepares checked modules.
func (e *Engine) build(ctx context.Context, mods []Module) (*Engine, error) {
	var controlMods []Module
	for _, m := range mods {
		if !m.Test {
			controlMods = append(controlMods, m)
		}
	}
	cat, problems := buildCatalog(controlMods)
	if len(problems) > 0 {
		return nil, problems
	}
	var compiler *ast.Compiler
	if e.compileNeeded {
		e.needed = neededState{mods: controlMods, types: map[string]bool{}, storedPlans: e.storedPlansUsable(controlMods)}
	} else {
		var ps Problems
		if compiler, ps = compile(controlMods); len(ps) > 0 {
			return nil, ps
		}
	}
	e.catalog, e.compiler = cat, compiler
	e.prepared = make(map[string]*lazyQuery, len(cat.Controls))
	e.byType = map[string][]*Control{}
	e.childModules = childModules(controlMods)
	e.sourceDigest = sourceDigest(controlMods)
	for _, ctl := range cat.Controls {
		if ctl.Manual {
			continue // decided by attestations (pipeline), never by evidence
		}
		q := fmt.Sprintf("deny := %s; unknown := %s", setRef(ctl, "deny"), setRef(ctl, "unknown"))
		e.prepared[ctl.ID] = e.lazy("control "+ctl.ID, q)
		e.prepared[ctl.ID].controls = []*Control{ctl}
		if ctl.untrusted {
			e.untrusted = append(e.untrusted, ctl)
			continue
		}
		for _, t := range ctl.ResourceTypes {
			e.byType[t] = append(e.byType[t], ctl)
		}
	}
	e.batch = make(map[string]*lazyQuery, len(e.byType))
	e.groups = make(map[string][][]*Control, len(e.byType))
	e.groupRels = make(map[string][][]Relation, len(e.byType))
	e.controlCount = make(map[string]int, len(e.byType))
	for t, controls := range e.byType {
		e.groups[t] = batchGroups(controls)
		e.controlCount[t] = len(controls)
		for g, group := range e.groups[t] {
			e.groupRels[t] = append(e.groupRels[t], groupRelations(group))
			e.batch[groupKey(t, g)] = e.lazyBuilt("controls of "+t, func() string { return e.batchQuery(group) }, markBuiltin, rego.Capabilities(batchCapabilities()))
			e.batch[groupKey(t, g)].controls = group
		}
	}
	e.rels = e.relations()
	if e.compileNeeded {
		// Nothing compiled, nothing volatile yet: CompileFor sets both.
		e.incr = &incremental{volatile: map[string]string{}, subsets: map[string]*lazyQuery{}}
		return e, nil
	}
	e.incr = newIncremental(compiler, cat.Controls)
	if e.eagerPrepare {
		if err := e.prepareAll(ctx); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// groupKey names the batch of group g of a resource type.
func groupKey(resourceType string, g int) string {
	if g == 0 {
		return resourceType
	}
	return fmt.Sprintf("%s#%d", resourceType, g)
}

// batchQuery evaluates the controls one after the other in one query,
// each section opened by a mark naming its control: d<i> and u<i> are the
// deny and unknown sets of controls[i]. The marks give every control its
// own time limit inside the batch and name the one that ran out of it.
//
// d<i> is the deny set itself (data.<package>.deny), not an array built
// from it by a comprehension: the set is what OPA's evaluation already
// holds, so collecting it into an array cost a comprehension per control
// per resource (termReasons reads either). A control that defines no such
// rule gets the empty set in its place, as the comprehension gave it.
//
// A control's unknown set is evaluated only where its deny set is empty:
// u<i> is [data.<package>.unknown] when d<i> is empty, [] otherwise. A
// failing result is a failure whatever else is unknown (classify), so the
// guards of a failing control are work nobody reads. eagerUnknown restores
// evaluating both, and comprehensionSets the arrays built element by
// element, for the benchmarks' baselines.
func (e *Engine) batchQuery(controls []*Control) string {
	parts := make([]string, 0, 3*len(controls))
	for i, ctl := range controls {
		var deny, unknown string
		switch {
		case e.comprehensionSets && e.eagerUnknown:
			deny, unknown = setRef(ctl, "deny"), setRef(ctl, "unknown")
		case e.comprehensionSets:
			deny, unknown = setRef(ctl, "deny"), fmt.Sprintf("[x | count(d%d) == 0; some x in data.%s.unknown]", i, ctl.Package)
		default:
			deny, unknown = e.ruleSet(ctl, "deny"), "[]"
			if u := e.ruleSet(ctl, "unknown"); u != "set()" {
				unknown = fmt.Sprintf("[s | count(d%d) == 0; s := %s]", i, u)
				if e.eagerUnknown {
					unknown = fmt.Sprintf("[%s]", u)
				}
			}
		}
		parts = append(parts, fmt.Sprintf("%s(%d)", markName, i),
			fmt.Sprintf("d%d := %s", i, deny),
			fmt.Sprintf("u%d := %s", i, unknown))
	}
	return strings.Join(parts, "; ")
}

// ruleSet is the reference to a control's deny or unknown set, or the
// empty set when the control defines no such rule (a reference to it
// would be undefined and fail the whole batch). A package that does not
// read as a reference keeps the reference as written, for planning the
// query to report.
func (e *Engine) ruleSet(ctl *Control, rule string) string {
	ref := "data." + ctl.Package + "." + rule
	parsed, err := ast.ParseRef(ref)
	if err == nil && len(e.compiler.GetRules(parsed)) == 0 {
		return "set()"
	}
	return ref
}

// batchVars are the names batchQuery binds for control i.
func batchVars(i int) (deny, unknown string) {
	return "d" + strconv.Itoa(i), "u" + strconv.Itoa(i)
}

// setRef collects a control's deny or unknown set into an array; a rule the
// control does not define yields an empty array.
func setRef(ctl *Control, rule string) string {
	return fmt.Sprintf("[x | some x in data.%s.%s]", ctl.Package, rule)
}

// Catalog returns the loaded controls.
func (e *Engine) Catalog() *Catalog { return e.catalog }

// SourceDigest is a sha256 over the Rego source of every module the
// engine evaluates with — controls and libraries — in a stable order: two
// engines with the same digest judge alike (the run store's catalogue
// version, internal/store).
func (e *Engine) SourceDigest() string { return e.sourceDigest }

func sourceDigest(mods []Module) string {
	raws := make([]string, 0, len(mods))
	for _, m := range mods {
		raws = append(raws, m.Raw)
	}
	sort.Strings(raws)
	h := sha256.New()
	for _, r := range raws {
		fmt.Fprintf(h, "%d\n%s", len(r), r)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// System is what a control may know about the system owning a resource.
type System struct {
	ID             string `json:"id"`
	Classification string `json:"classification"`
	Owner          string `json:"owner"`
	InternetFacing bool   `json:"internet_facing"`
}

// Env is what a control may know about the run beside its resource: the
// systems that claim resources, and the workspace settings it sees as
// input.settings (model.Settings.ControlInput: the alert SLA, defaults
// applied). Settings nil leaves input.settings out; a control that needs
// one reports not_evaluated instead of guessing.
type Env struct {
	Systems  map[string]System
	Settings map[string]any
}

// input builds the document a control sees for r in this environment.
func (env Env) input(r evidence.Resource) map[string]any {
	var sys *System
	if s, ok := env.Systems[r.System]; ok && r.System != "" {
		sys = &s
	}
	in := Input(r, sys)
	if env.Settings != nil {
		in["settings"] = env.Settings
	}
	return in
}

// Input builds the document a control sees as `input` for a resource,
// without the run's settings (Env adds them).
func Input(r evidence.Resource, sys *System) map[string]any {
	in := map[string]any{
		"type":       r.Type,
		"id":         r.ID,
		"scope":      scopeMap(r.Scope),
		"attributes": r.Attributes,
		"unknown":    stringMap(r.Unknown),
	}
	if sys != nil {
		in["system"] = map[string]any{"id": sys.ID, "classification": sys.Classification, "owner": sys.Owner, "internet_facing": sys.InternetFacing}
	}
	return in
}

func scopeMap(s evidence.Scope) map[string]any {
	m := map[string]any{"platform": s.Platform}
	for k, v := range map[string]string{"org": s.Org, "repo": s.Repo, "account_id": s.AccountID, "region": s.Region, "path": s.Path} {
		if v != "" {
			m[k] = v
		}
	}
	return m
}

func stringMap(m map[string]string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// Evaluate is EvaluateIn with no settings: controls that need one (the
// alert-SLA controls) report not_evaluated.
func (e *Engine) Evaluate(ctx context.Context, snap *evidence.Snapshot, systems map[string]System) []finding.Finding {
	return e.EvaluateIn(ctx, snap, Env{Systems: systems})
}

// EvaluateIn runs every control over every resource of its types, and turns
// each collection gap into not_evaluated results for the controls that
// needed it. Findings come back sorted by control, resource type and ID;
// risks, waivers and the like are left to the link stage.
func (e *Engine) EvaluateIn(ctx context.Context, snap *evidence.Snapshot, env Env) []finding.Finding {
	return e.evaluateIn(ctx, snap, env, nil, nil)
}

func (e *Engine) evaluateIn(ctx context.Context, snap *evidence.Snapshot, env Env, cache *Cache, extra []finding.Finding) []finding.Finding {
	if e.compileNeeded {
		// A failed compile is not returned here: every resource of a type
		// left uncompiled gets an error finding with its reason
		// (evaluateResource), never a pass on a query with no rules.
		_ = e.compileFor(snap, cache != nil)
		e.compileMu.RLock()
		defer e.compileMu.RUnlock()
	}
	now := e.now()
	// Joins are indexed once for the whole run; a related resource that
	// cannot be converted fails every control that relates to anything.
	idx, idxErr := newRelIndex(snap, e.rels, env)
	run := runState{env: env, idx: idx, idxErr: idxErr, cache: cache, inputs: newRunInputs(env, snap.Resources)}
	// The workers hand each resource's results on compact (merge.go);
	// the engine before issue 16 and finding.WholeResults keep them whole.
	whole := e.sortByValue || finding.WholeResults()
	ranks := newControlRanks(e.groups)
	perResource := make([]resourceResults, len(snap.Resources))
	jobs := make(chan int)
	var wg sync.WaitGroup
	workers := max(e.workers, 1)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				fs := e.evaluateResource(ctx, i, snap.Resources[i], run, now)
				if whole {
					perResource[i].whole = fs
				} else {
					perResource[i] = ranks.compactResults(&snap.Resources[i], fs)
				}
			}
		}()
	}
	for i := range snap.Resources {
		jobs <- i
	}
	close(jobs)
	wg.Wait()

	untrusted, gaps := e.evaluateUntrusted(ctx, snap.Resources, run, now), e.gapFindings(snap.NotCollected)
	if whole {
		groups := make([][]finding.Finding, 0, len(perResource)+3)
		for _, res := range perResource {
			groups = append(groups, res.whole)
		}
		groups = append(groups, untrusted, gaps, extra)
		if e.sortByValue {
			return appendAndSortStable(groups) // the engine before issue 16, for BenchmarkEvaluate
		}
		return sortedFindings(groups)
	}
	tail := make([]finding.Finding, 0, len(untrusted)+len(gaps)+len(extra))
	tail = append(append(append(tail, untrusted...), gaps...), extra...)
	return ranks.mergeResults(snap.Resources, perResource, tail)
}

// runState is what every evaluation of one run shares: the environment and
// the join index.
type runState struct {
	env    Env
	idx    *relIndex
	idxErr error
	// cache, when set, is the incremental evaluation (incremental.go).
	cache *Cache
	// inputs builds each resource's input document (input.go).
	inputs *runInputs
}

// relate is input.related for r over rels, and what blocks which relation;
// nil and no blocks when rels is empty.
func (rs runState) relate(r evidence.Resource, rels []Relation) (ast.Value, map[string]*blocked) {
	if len(rels) == 0 {
		return nil, nil
	}
	if rs.idxErr != nil || rs.idx == nil {
		msg := "related resources were not indexed"
		if rs.idxErr != nil {
			msg = rs.idxErr.Error()
		}
		blocks := map[string]*blocked{}
		for _, rel := range rels {
			blocks[rel.Name] = &blocked{finding.Error, msg}
		}
		return ast.NewObject(), blocks
	}
	return rs.idx.relate(r, rels)
}

// evaluateResource evaluates the controls of r's type on r, the snapshot's
// resource at index (-1: not the run's snapshot).
func (e *Engine) evaluateResource(ctx context.Context, index int, r evidence.Resource, run runState, now time.Time) []finding.Finding {
	if e.resourceBaseline != nil {
		return e.resourceBaseline(ctx, r, run, now)
	}
	groups := e.groups[r.Type]
	if len(groups) == 0 {
		return nil
	}
	// One reference for the findings of r, as the merge shares one
	// (resourceRef): a finding's own was an allocation per control.
	ref := resourceRef(&r)
	if ok, err := e.compiledFor(r.Type); !ok {
		var out []finding.Finding
		for _, controls := range groups {
			for _, ctl := range controls {
				f := resourceFinding(ctl, ref, r)
				f.Status, f.Message = finding.Error, fmt.Sprintf("compile controls: %v", err)
				out = append(out, f)
			}
		}
		return out
	}
	// The document is converted once for the resource; a group with
	// relations gets a copy of its top level with its input.related.
	inputs := run.inputs
	if inputs == nil {
		inputs = newRunInputs(run.env, []evidence.Resource{r}) // a runState built by hand (tests)
	}
	base, convErr := inputs.value(r, run.idx.valueAt(index))
	var doc map[string]any
	if run.cache != nil {
		doc = run.env.input(r) // the cache keys on the Go document's digest
	}
	var out []finding.Finding
	for g, controls := range groups {
		in := groupInput{err: convErr, doc: doc}
		if convErr == nil {
			in.value = base
		}
		related, blocks := run.relate(r, e.groupRels[r.Type][g])
		if related != nil {
			if convErr == nil {
				in.value = withRelated(base, related)
			}
			if doc != nil {
				in.doc = maps.Clone(doc)
				in.doc["related"] = related
			}
		}
		fs := e.evaluateGroupCached(ctx, run, g, controls, r, ref, in, now)
		// A control a relation blocks gets the block's result, whatever
		// it made of the incomplete list it was given.
		for i, ctl := range controls {
			if b := blockedBy(ctl, blocks); b != nil {
				fs[i].Status, fs[i].Message, fs[i].Path = b.status, b.message, ""
			}
		}
		if len(groups) == 1 {
			return fs // no copy: the only group's findings are all of them
		}
		if out == nil {
			out = make([]finding.Finding, 0, e.controlCount[r.Type])
		}
		out = append(out, fs...)
	}
	return out
}

// groupInput is what one batch group of a resource is evaluated on: the
// input document as a Rego value, or the error converting it (every
// control of the group reports it), and, for the incremental cache only,
// the document as Go values, whose digest keys the cache.
type groupInput struct {
	value ast.Value
	err   error
	doc   map[string]any
}

// evaluateGroup evaluates one batch of controls on r; ref is r's
// reference, shared by the findings.
func (e *Engine) evaluateGroup(ctx context.Context, key string, controls []*Control, r evidence.Resource, ref *finding.ResourceRef, in groupInput, now time.Time) []finding.Finding {
	out := make([]finding.Finding, 0, len(controls))
	if in.err != nil {
		for _, ctl := range controls {
			f := resourceFinding(ctl, ref, r)
			f.Status, f.Message = finding.Error, fmt.Sprintf("convert resource to Rego input: %v", in.err)
			out = append(out, f)
		}
		return out
	}
	input := in.value
	bindings, timedOut := e.evaluateBatch(ctx, key, controls, input, now)
	if bindings != nil {
		for i, ctl := range controls {
			d, u := batchVars(i)
			unknown := bindings[u]
			if !e.comprehensionSets {
				unknown = firstOf(unknown)
			}
			out = append(out, classify(resourceFinding(ctl, ref, r), bindings[d], unknown, r))
		}
		return out
	}
	// The batch failed. The control that ran out of time already had its
	// full limit inside the batch: running it again alone would spend a
	// second limit on the same resource. The others are re-run one by one,
	// so an error lands on the control that caused it.
	for i, ctl := range controls {
		f := resourceFinding(ctl, ref, r)
		if i == timedOut {
			f.Status, f.Message = finding.Error, e.timeLimitMessage()
		} else {
			e.evaluateOne(ctx, ctl, r, input, now, &f)
		}
		out = append(out, f)
	}
	return out
}

func (e *Engine) timeLimitMessage() string {
	return fmt.Sprintf("evaluation exceeded the time limit of %s", e.timeout)
}

// evaluateBatch runs every control of the resource's type in one query,
// which shares the evaluation set-up between them. Each control gets its
// own time limit: the mark opening its section restarts the timer. Any
// error (a built-in failing, a time-out) returns nil bindings; timedOut is
// the index of the control whose limit ran out, or -1.
func (e *Engine) evaluateBatch(ctx context.Context, key string, controls []*Control, input ast.Value, now time.Time) (bindings rego.Vars, timedOut int) {
	lq, ok := e.batchFor(key)
	if !ok {
		return nil, -1
	}
	pq, err := lq.get()
	if err != nil {
		// Each control is then prepared and evaluated alone, and the one
		// whose query cannot be planned says so in its finding.
		return nil, -1
	}
	e.hook(controls)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	prog := &progress{current: -1, timedOut: -1, limit: e.timeout, cancel: cancel}
	defer prog.stop()
	ctx = context.WithValue(ctx, progressKey{}, prog)
	if lq.vm != nil {
		return e.runBatch(ctx, lq.vm, controls, input, now, prog)
	}
	rs, err := pq.Eval(ctx, rego.EvalParsedInput(input), rego.EvalTime(now))
	if err != nil || len(rs) != 1 {
		return nil, prog.culprit()
	}
	return rs[0].Bindings, -1
}

// hook reports an evaluation to the test hook, if one is set.
func (e *Engine) hook(controls []*Control) {
	if e.onEval == nil {
		return
	}
	ids := make([]string, len(controls))
	for i, c := range controls {
		ids[i] = c.ID
	}
	e.onEval(ids)
}

func newFinding(ctl *Control, r evidence.Resource) finding.Finding {
	return resourceFinding(ctl, nil, r)
}

// resourceFinding is newFinding with ref, r's reference, shared; nil gives the
// finding its own.
func resourceFinding(ctl *Control, ref *finding.ResourceRef, r evidence.Resource) finding.Finding {
	if ref == nil {
		ref = resourceRef(&r)
	}
	return finding.Finding{
		ControlID:   ctl.ID,
		Title:       ctl.Title,
		Severity:    ctl.Severity,
		Resource:    ref,
		Frameworks:  ctl.Frameworks,
		Fingerprint: finding.Fingerprint(ctl.ID, r.Type, r.ID),
	}
}

func (e *Engine) evaluateOne(ctx context.Context, ctl *Control, r evidence.Resource, input ast.Value, now time.Time, f *finding.Finding) {
	pq, err := e.prepared[ctl.ID].get()
	if err != nil {
		f.Status, f.Message = finding.Error, err.Error()
		return
	}
	e.hook([]*Control{ctl})
	ctx, cancel := context.WithTimeout(ctx, e.timeout)
	defer cancel()
	rs, err := pq.Eval(ctx, rego.EvalParsedInput(input), rego.EvalTime(now))
	if err != nil {
		f.Status = finding.Error
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			f.Message = e.timeLimitMessage()
		} else {
			f.Message = fmt.Sprintf("evaluate: %v", err)
		}
		return
	}
	if len(rs) != 1 {
		f.Status, f.Message = finding.Error, "evaluate: query returned no result"
		return
	}
	*f = classify(*f, rs[0].Bindings["deny"], rs[0].Bindings["unknown"], r)
}

// classify turns a control's deny and unknown sets into the finding's status.
func classify(f finding.Finding, denyRaw, unknownRaw any, r evidence.Resource) finding.Finding {
	deny, derr := reasons(denyRaw)
	unknown, uerr := reasons(unknownRaw)
	switch {
	case derr != nil || uerr != nil:
		f.Status, f.Message = finding.Error, fmt.Sprintf("control output: %v", errors.Join(derr, uerr))
	case len(deny) > 0:
		f.Status, f.Message, f.Path = finding.Fail, joinMessages(deny), deny[0].Path
	case len(unknown) > 0:
		f.Status, f.Path = finding.NotEvaluated, unknown[0].Path
		f.Message = explainUnknown(unknown, r.Unknown)
	default:
		f.Status, f.Message = finding.Pass, "passed"
	}
	return f
}

// keepTerm hands a query's bindings over as the evaluator's own terms
// (reasons reads them), where rego would convert each to Go values — every
// control's deny and unknown array, empty or not, for every resource.
func keepTerm(t *ast.Term, _ *rego.EvalContext) (any, error) { return t, nil }

// reason is one entry of a control's deny or unknown set.
type reason struct {
	Msg  string
	Path string
}

// reasons accepts the two shapes a control may emit: a message string, or
// an object {"msg": ..., "path": ...}.
func reasons(v any) ([]reason, error) {
	if t, ok := v.(*ast.Term); ok {
		if out, ok := termReasons(t); ok {
			return out, nil
		}
		// Anything but an array of strings and {msg, path} objects gets
		// the error the Go value would have given, word for word.
		j, err := ast.JSON(t.Value)
		if err != nil {
			return nil, err
		}
		v = j
	}
	list, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("expected a set, got %T", v)
	}
	out := make([]reason, 0, len(list))
	for _, item := range list {
		switch x := item.(type) {
		case string:
			out = append(out, reason{Msg: x})
		case map[string]any:
			msg, _ := x["msg"].(string)
			p, _ := x["path"].(string)
			if msg == "" {
				return nil, fmt.Errorf("result object without a msg string: %v", x)
			}
			out = append(out, reason{Msg: msg, Path: p})
		default:
			return nil, fmt.Errorf("result must be a string or {msg, path}, got %T", item)
		}
	}
	if len(out) > 1 { // fewer are in order already, and the closure would escape for nothing
		sort.Slice(out, func(i, j int) bool { return out[i].Msg < out[j].Msg })
	}
	return out, nil
}

// termReasons reads a set or an array of reasons from the evaluator's
// terms, as reasons reads their Go form; ok false on any other shape.
func termReasons(t *ast.Term) ([]reason, bool) {
	var elems []*ast.Term
	switch v := t.Value.(type) {
	case *ast.Array:
		elems = make([]*ast.Term, 0, v.Len())
		for i := range v.Len() {
			elems = append(elems, v.Elem(i))
		}
	case ast.Set:
		elems = v.Slice()
	default:
		return nil, false
	}
	out := make([]reason, 0, len(elems))
	for _, elem := range elems {
		switch x := elem.Value.(type) {
		case ast.String:
			out = append(out, reason{Msg: string(x)})
		case ast.Object:
			msg, _ := termString(x.Get(ast.InternedTerm("msg")))
			if msg == "" {
				return nil, false
			}
			p, _ := termString(x.Get(ast.InternedTerm("path")))
			out = append(out, reason{Msg: msg, Path: p})
		default:
			return nil, false
		}
	}
	if len(out) > 1 { // fewer are in order already, and the closure would escape for nothing
		sort.Slice(out, func(i, j int) bool { return out[i].Msg < out[j].Msg })
	}
	return out, true
}

// firstOf unwraps batchQuery's u<i>, an array holding the unknown set or
// nothing (the deny set was not empty, or the control has no unknown
// rule): the set, or an empty array. Anything else is handed on as it is,
// for reasons to reject.
func firstOf(v any) any {
	switch x := v.(type) {
	case *ast.Term:
		if arr, ok := x.Value.(*ast.Array); ok {
			if arr.Len() == 0 {
				return x
			}
			if arr.Len() == 1 {
				return arr.Elem(0)
			}
		}
	case []any:
		if len(x) == 0 {
			return x
		}
		if len(x) == 1 {
			return x[0]
		}
	}
	return v
}

func termString(t *ast.Term) (string, bool) {
	if t == nil {
		return "", false
	}
	s, ok := t.Value.(ast.String)
	return string(s), ok
}

func joinMessages(rs []reason) string {
	msgs := make([]string, len(rs))
	for i, r := range rs {
		msgs[i] = r.Msg
	}
	return strings.Join(msgs, "; ")
}

// explainUnknown prefers the collector's reason for a missing attribute
// (a missing permission, say) over the control's generic message.
func explainUnknown(rs []reason, collectorReasons map[string]string) string {
	msgs := make([]string, 0, len(rs))
	for _, r := range rs {
		attr := strings.TrimPrefix(r.Path, "attributes.")
		if why, ok := lookupUnknown(collectorReasons, attr); ok {
			msgs = append(msgs, fmt.Sprintf("%s unknown: %s", attr, why))
			continue
		}
		msgs = append(msgs, r.Msg)
	}
	return strings.Join(msgs, "; ")
}

// lookupUnknown finds the reason for attr or for the nearest parent of it
// ("branch_protection" explains "branch_protection.required_reviews").
func lookupUnknown(m map[string]string, attr string) (string, bool) {
	for attr != "" {
		if why, ok := m[attr]; ok {
			return why, true
		}
		i := strings.LastIndex(attr, ".")
		if i < 0 {
			break
		}
		attr = attr[:i]
	}
	return "", false
}

func (e *Engine) gapFindings(gaps []evidence.NotCollected) []finding.Finding {
	var out []finding.Finding
	for _, g := range gaps {
		msg := "not collected: " + g.Reason
		if g.MissingPermission != "" {
			msg += " (missing permission: " + g.MissingPermission + ")"
		}
		r := evidence.Resource{Type: g.ResourceType, ID: g.ScopeID, System: g.System, Scope: g.Scope, Source: evidence.Source{Kind: "live"}}
		for _, ctl := range e.controlsOf(g.ResourceType) {
			f := newFinding(ctl, r)
			f.Status, f.Message = finding.NotEvaluated, msg
			out = append(out, f)
		}
	}
	return out
}

// controlsOf lists every control of a resource type, trusted or not.
func (e *Engine) controlsOf(resourceType string) []*Control {
	out := append([]*Control{}, e.byType[resourceType]...)
	for _, ctl := range e.untrusted {
		if ctl.AppliesTo(resourceType) {
			out = append(out, ctl)
		}
	}
	return out
}
