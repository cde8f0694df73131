package engine

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	opaversion "github.com/open-policy-agent/opa/v1/version"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
)

// Incremental evaluation: a (control, resource) result is reused from an
// earlier run instead of being evaluated again when every input the
// control can read is unchanged. The key is a hash over
//
//   - the cache digest (CacheDigest): every loaded module's Rego source and
//     the control IDs (any control, library or workspace control change
//     invalidates everything), OPA's version and this build of rampart;
//   - the control's ID;
//   - the exact input document the batch of the control evaluates:
//     the resource (type, ID, scope, attributes, unknown), its system,
//     input.settings and input.related as the join index built it, in
//     canonical JSON (encoding/json sorts map keys).
//
// A result is a pure function of those, except for controls that read
// the clock or another non-deterministic built-in (volatileControls):
// they are never reused. What a relation blocks (a related type not
// collected) is decided again every run, after the cache, from the
// snapshot; waivers, linking and governance are not the engine's.
//
// Results of a batch depend on each other in one way: when a batch
// fails, its controls are evaluated one by one, which can turn a failure
// whose unknown set errors into an error. So a batch is replayed from the
// cache only in full, or — when only its volatile controls must be
// evaluated — only while none of its results is an error; otherwise the
// whole batch is evaluated as a full run would.

// CacheKey identifies one (control, input) evaluation: 128 bits of a
// sha256.
type CacheKey [16]byte

// CachedResult is what the engine produced for a key: the status, message
// and path of a pass, fail, not_evaluated or error.
type CachedResult struct {
	Status  finding.Status
	Message string
	Path    string
}

// Cache is one incremental evaluation: the results an earlier run kept
// (read-only) and the results of this run worth keeping. Safe for the
// engine's workers.
type Cache struct {
	// digest is the engine's CacheDigest, set by EvaluateCached: it is
	// part of every key, so results of another judge never match.
	digest   string
	previous map[CacheKey]CachedResult
	mu       sync.Mutex
	next     map[CacheKey]CachedResult
	reused   atomic.Int64
	fresh    atomic.Int64
}

// NewCache starts an incremental evaluation over previous (nil: none).
func NewCache(previous map[CacheKey]CachedResult) *Cache {
	return &Cache{previous: previous, next: make(map[CacheKey]CachedResult, len(previous))}
}

// Results are the entries this run keeps for the next: every cacheable
// result it reused or evaluated.
func (c *Cache) Results() map[CacheKey]CachedResult {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.next
}

// Reused is how many results came from the previous run's entries.
func (c *Cache) Reused() int { return int(c.reused.Load()) }

// Evaluated is how many results of trusted controls were evaluated.
func (c *Cache) Evaluated() int { return int(c.fresh.Load()) }

func (c *Cache) keep(k CacheKey, res CachedResult) {
	c.mu.Lock()
	c.next[k] = res
	c.mu.Unlock()
}

// EvaluateCached is EvaluateIn reusing and recording results in cache
// (nil: EvaluateIn).
func (e *Engine) EvaluateCached(ctx context.Context, snap *evidence.Snapshot, env Env, cache *Cache) []finding.Finding {
	return e.EvaluateMerged(ctx, snap, env, cache, nil)
}

// EvaluateMerged is EvaluateCached with extra — findings made outside
// the engine (the pipeline's uncovered and manual ones), sorted by
// control, resource type and ID — merged into its result, equal keys
// after the engine's: what sorting the engine's findings and extra
// together stably gives, written once into one array (merge.go) instead
// of merged into a second copy of the engine's.
func (e *Engine) EvaluateMerged(ctx context.Context, snap *evidence.Snapshot, env Env, cache *Cache, extra []finding.Finding) []finding.Finding {
	if cache != nil {
		if cache.digest = e.CacheDigest(); cache.digest == "" {
			cache = nil // no build identity: nothing can be reused safely
		}
	}
	return e.evaluateIn(ctx, snap, env, cache, extra)
}

// incremental is what the engine prepares for incremental evaluation at
// build: which controls are volatile, and the batches of subsets of a
// group's controls, prepared when first needed.
type incremental struct {
	// volatile names each control that reads the clock or another
	// non-deterministic built-in, with the built-in's name.
	volatile map[string]string
	mu       sync.Mutex
	subsets  map[string]*lazyQuery
}

// Volatile lists the controls that are never reused, each with the
// non-deterministic built-in it reaches (time.now_ns, …).
func (e *Engine) Volatile() map[string]string { return e.incr.volatile }

// volatileControls walks, for every control, the compiled rules of its
// package and every rule they depend on (the rampart.lib functions they
// call, transitively, through the compiler's dependency graph) for a call
// of a non-deterministic built-in. A built-in OPA marks
// Nondeterministic (time.now_ns, rand.intn, http.send, uuid.rfc4122, …)
// makes the control volatile, and so does one the walk cannot name.
func volatileControls(compiler *ast.Compiler, controls []*Control) map[string]string {
	byPackage := map[string][]*ast.Rule{}
	for _, m := range compiler.Modules {
		pkg := strings.TrimPrefix(m.Package.Path.String(), "data.")
		byPackage[pkg] = append(byPackage[pkg], m.Rules...)
	}
	reason := map[*ast.Rule]string{}
	ruleReason := func(r *ast.Rule) string {
		if why, ok := reason[r]; ok {
			return why
		}
		why := ""
		ast.WalkExprs(r, func(x *ast.Expr) bool {
			if why == "" && x.IsCall() {
				why = nondeterministic(x.Operator())
			}
			return why != ""
		})
		if why == "" {
			ast.WalkTerms(r, func(t *ast.Term) bool {
				if call, ok := t.Value.(ast.Call); ok && why == "" && len(call) > 0 {
					if ref, ok := call[0].Value.(ast.Ref); ok {
						why = nondeterministic(ref)
					}
				}
				return why != ""
			})
		}
		reason[r] = why
		return why
	}
	out := map[string]string{}
	for _, ctl := range controls {
		err := firstReached(compiler, byPackage[ctl.Package], func(r *ast.Rule) error {
			if why := ruleReason(r); why != "" {
				return errors.New(why)
			}
			return nil
		})
		if err != nil {
			out[ctl.ID] = err.Error()
		}
	}
	return out
}

// nondeterministic is the name of the built-in op calls when it is not
// deterministic, else "". A call of a rule or function (data.…) is
// followed through the dependency graph instead; a call this walk cannot
// name is taken as non-deterministic (never reused).
func nondeterministic(op ast.Ref) string {
	name := op.String()
	if strings.HasPrefix(name, "data.") || name == markName {
		return ""
	}
	if b, ok := ast.BuiltinMap[name]; ok {
		if b.Nondeterministic || strings.HasPrefix(name, "time.now") {
			return name
		}
		return ""
	}
	return name
}

// CacheDigest is the part of every key that names the judge: the control
// IDs and every module's Rego source, OPA's version and this build of
// rampart (its module version, VCS revision and the sha256 of its
// executable, so a rebuilt binary with a changed engine never reuses the
// old one's results). "" when the build cannot be identified: then
// nothing is reused.
func (e *Engine) CacheDigest() string {
	id := buildIdentity()
	if id == "" {
		return ""
	}
	h := sha256.New()
	fmt.Fprintf(h, "rampart incremental v1\nopa %s\nbuild %s\n", opaversion.Version, id)
	for _, ctlID := range e.catalog.IDs() {
		fmt.Fprintf(h, "control %s\n", ctlID)
	}
	fmt.Fprintf(h, "sources %s\neager %t\n", e.sourceDigest, e.eagerUnknown)
	return hex.EncodeToString(h.Sum(nil))
}

var buildIdentity = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	id := "exe " + hex.EncodeToString(h.Sum(nil))
	if info, ok := debug.ReadBuildInfo(); ok {
		id += " module " + info.Main.Version
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" || s.Key == "vcs.modified" {
				id += " " + s.Key + "=" + s.Value
			}
		}
	}
	return id
})

// evaluateGroupCached is evaluateGroup consulting run.cache: the engine's
// loop calls it for every batch of a resource.
func (e *Engine) evaluateGroupCached(ctx context.Context, run runState, g int, controls []*Control, r evidence.Resource, ref *finding.ResourceRef, in groupInput, now time.Time) []finding.Finding {
	key := groupKey(r.Type, g)
	c := run.cache
	if c == nil {
		return e.evaluateGroup(ctx, key, controls, r, ref, in, now)
	}
	digest, err := inputDigest(in.doc)
	if err != nil {
		// Not representable as JSON: evaluateGroup reports the conversion.
		return e.evaluateGroup(ctx, key, controls, r, ref, in, now)
	}
	keys := make([]CacheKey, len(controls))
	out := make([]finding.Finding, len(controls))
	var missing []int
	hitError := false
	for i, ctl := range controls {
		keys[i] = cacheKey(c.digest, digest, ctl.ID)
		prev, ok := c.previous[keys[i]]
		if _, volatile := e.incr.volatile[ctl.ID]; volatile || !ok {
			missing = append(missing, i)
			continue
		}
		out[i] = resourceFinding(ctl, ref, r)
		out[i].Status, out[i].Message, out[i].Path = prev.Status, prev.Message, prev.Path
		hitError = hitError || prev.Status == finding.Error
	}
	full := func() []finding.Finding {
		fs := e.evaluateGroup(ctx, key, controls, r, ref, in, now)
		e.keepFresh(ctx, c, controls, keys, fs)
		return fs
	}
	switch {
	case len(missing) == len(controls):
		return full()
	case len(missing) == 0:
		c.reused.Add(int64(len(controls)))
		for i := range controls {
			c.keep(keys[i], cached(out[i]))
		}
		return out
	case hitError:
		return full() // a batch with an error is replayed only in full
	}
	sub := make([]*Control, len(missing))
	for j, i := range missing {
		sub[j] = controls[i]
	}
	subKey, err := e.subsetBatch(ctx, key, missing, sub)
	if err != nil {
		return full()
	}
	fresh := e.evaluateGroup(ctx, subKey, sub, r, ref, in, now)
	for _, f := range fresh {
		if f.Status == finding.Error {
			return full() // the whole batch would have failed: as a full run
		}
	}
	for j, i := range missing {
		out[i] = fresh[j]
	}
	c.reused.Add(int64(len(controls) - len(missing)))
	c.fresh.Add(int64(len(missing)))
	for i := range controls {
		if _, volatile := e.incr.volatile[controls[i].ID]; !volatile {
			c.keep(keys[i], cached(out[i]))
		}
	}
	return out
}

// keepFresh records the results of a batch evaluated in full, but not
// those that depend on more than the key: a volatile control, a time
// limit (load), a cancelled run.
func (e *Engine) keepFresh(ctx context.Context, c *Cache, controls []*Control, keys []CacheKey, fs []finding.Finding) {
	c.fresh.Add(int64(len(controls)))
	if ctx.Err() != nil {
		return
	}
	timeLimit := e.timeLimitMessage()
	for i, ctl := range controls {
		if _, volatile := e.incr.volatile[ctl.ID]; volatile {
			continue
		}
		f := fs[i]
		switch f.Status {
		case finding.Pass, finding.Fail, finding.NotEvaluated, finding.Error:
		default:
			continue
		}
		if f.Status == finding.Error && (f.Message == timeLimit || strings.Contains(f.Message, "context canceled") || strings.Contains(f.Message, "deadline exceeded")) {
			continue
		}
		c.keep(keys[i], cached(f))
	}
}

func cached(f finding.Finding) CachedResult {
	return CachedResult{Status: f.Status, Message: f.Message, Path: f.Path}
}

// inputDigest is the sha256 of the input document in canonical JSON;
// input.related (a Rego value) is converted back to JSON first.
func inputDigest(in map[string]any) ([sha256.Size]byte, error) {
	doc := in
	if rel, ok := in["related"].(ast.Value); ok {
		plain, err := ast.JSON(rel)
		if err != nil {
			return [sha256.Size]byte{}, err
		}
		doc = make(map[string]any, len(in))
		for k, v := range in {
			doc[k] = v
		}
		doc["related"] = plain
	}
	body, err := json.Marshal(doc)
	if err != nil {
		return [sha256.Size]byte{}, err
	}
	return sha256.Sum256(body), nil
}

// cacheKey is the key of a control on an input, judged by the engine of
// judge (CacheDigest).
func cacheKey(judge string, input [sha256.Size]byte, controlID string) CacheKey {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n", judge)
	h.Write(input[:])
	h.Write([]byte(controlID))
	var k CacheKey
	copy(k[:], h.Sum(nil))
	return k
}

// subsetBatch prepares (once) the batch of some controls of a group, the
// ones that must be evaluated while the others are reused.
func (e *Engine) subsetBatch(ctx context.Context, key string, idx []int, sub []*Control) (string, error) {
	parts := make([]string, len(idx))
	for j, i := range idx {
		parts[j] = fmt.Sprint(i)
	}
	subKey := key + "!" + strings.Join(parts, ",")
	e.incr.mu.Lock()
	defer e.incr.mu.Unlock()
	lq, ok := e.incr.subsets[subKey]
	if !ok {
		lq = e.lazy("controls of "+key, e.batchQuery(sub), markBuiltin, rego.Capabilities(batchCapabilities()))
		lq.controls = sub
		e.incr.subsets[subKey] = lq
	}
	if _, err := lq.get(); err != nil {
		return "", err
	}
	return subKey, nil
}

// batchFor is the batch query of key, planned on first use: a group's, or
// a subset's.
func (e *Engine) batchFor(key string) (*lazyQuery, bool) {
	if lq, ok := e.batch[key]; ok {
		return lq, true
	}
	if e.incr == nil {
		return nil, false
	}
	e.incr.mu.Lock()
	defer e.incr.mu.Unlock()
	lq, ok := e.incr.subsets[key]
	return lq, ok
}

func newIncremental(compiler *ast.Compiler, controls []*Control) *incremental {
	return &incremental{volatile: volatileControls(compiler, controls), subsets: map[string]*lazyQuery{}}
}

// VolatileIDs lists Volatile's control IDs, sorted.
func (e *Engine) VolatileIDs() []string {
	out := make([]string, 0, len(e.incr.volatile))
	for id := range e.incr.volatile {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}
