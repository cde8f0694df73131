package terraform

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// reason is a cty mark carried by an unknown value: why it is unknown. Marks
// travel through expressions and function calls, so an attribute computed
// from an unknown variable still says which variable it was.
type reason string

// ref is a cty mark on an attribute Terraform only knows after apply
// (aws_s3_bucket.logs.id): it lets a split resource find its bucket.
type ref struct{ Addr, Attr string }

// unknownBecause is an unknown value of any type that says why.
func unknownBecause(why string) cty.Value { return cty.DynamicVal.Mark(reason(why)) }

// Instance is one evaluated resource instance, ready for mapping.
type Instance struct {
	Type string
	// Address is the full Terraform address, module path included.
	Address string
	// Root is the directory of the root module the instance belongs to.
	Root string
	File string
	Line int
	// Body holds the configured arguments and nested blocks (blocks as tuples
	// of objects). Values may be unknown and marked with their reason.
	Body cty.Value
	// Region and Org come from the provider configuration when known.
	Region, Org string
}

type evaluator struct {
	cfg       *config
	diags     hcl.Diagnostics
	lateFiles map[string]*hcl.File
	out       []*Instance
	// gaps are the parts of the configuration that could not be read
	// (remote modules not installed, module sources outside the scanned
	// folders, the instance budget spent): every control comes out
	// not_evaluated for them, so the gate blocks instead of passing.
	gaps    []evidence.NotCollected
	gapSeen map[string]bool
	// budget is what is left of maxRunInstances; budgetGap is set once the
	// first expansion did not fit.
	budget       int
	budgetGap    bool
	budgetWarned map[string]bool // construct positions already warned about
	// visited holds the module folders instantiated at least once: a
	// scanned folder never reached is called only from a module cycle.
	visited   map[string]bool
	manifests map[string]*manifest // .terraform/modules/modules.json by root module
}

func newEvaluator(cfg *config) *evaluator {
	return &evaluator{cfg: cfg, lateFiles: map[string]*hcl.File{}, budget: maxRunInstances,
		visited: map[string]bool{}, manifests: map[string]*manifest{}}
}

// maxRunInstances bounds the resource and module instances of one run, all
// modules and nesting levels together: a per-level cap lets count = 3000
// inside count = 3000 expand to nine million. Past it, each further
// count or for_each is checked as one instance with an unknown index, and
// the run is not_evaluated (blocking) because the instances it stands for
// were not each evaluated.
const maxRunInstances = 20000

// afford takes n instances from the run's budget when they fit.
func (ev *evaluator) afford(n int) bool {
	if n > ev.budget {
		return false
	}
	ev.budget -= n
	return true
}

// overBudget records that an expansion did not fit the run's budget: a
// warning at the construct, and (once per run) a blocking gap.
func (ev *evaluator) overBudget(mi *modInst, rng hcl.Range, addr string, n int) string {
	why := fmt.Sprintf("%s: %d instances do not fit rampart's budget of %d instances per run", addr, n, maxRunInstances)
	if n == 1 {
		why = fmt.Sprintf("%s: rampart's budget of %d instances per run is spent", addr, maxRunInstances)
	}
	// Once per construct: the instances of a counted module share its
	// blocks, and thousands of identical warnings would bury the log.
	at := fmt.Sprintf("%s:%d", rng.Filename, rng.Start.Byte)
	if !ev.budgetWarned[at] {
		if ev.budgetWarned == nil {
			ev.budgetWarned = map[string]bool{}
		}
		ev.budgetWarned[at] = true
		ev.warn(rng, "Instance budget exhausted", why+"; it is checked as one instance whose index-dependent values are unknown, and the run is not_evaluated.")
	}
	if !ev.budgetGap {
		ev.budgetGap = true
		ev.gap(mi, rng, addr, why+": instances past the budget were not evaluated one by one")
	}
	return why
}

func (ev *evaluator) errorf(rng hcl.Range, summary, detail string) {
	r := rng
	ev.diags = append(ev.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: &r})
}

// rootFuncs are the functions of one root module: the pure ones, and the
// file functions reading relative to the root module's folder, as
// Terraform run there would.
type rootFuncs struct {
	funcs map[string]function.Function
	// literal serves expressions without references: functions only.
	literal *hcl.EvalContext
}

func (ev *evaluator) warn(rng hcl.Range, summary, detail string) {
	r := rng
	ev.diags = append(ev.diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: summary, Detail: detail, Subject: &r})
}

// source returns the configuration text of a range, for reasons people read.
func (ev *evaluator) source(rng hcl.Range) string {
	f := ev.cfg.files[rng.Filename]
	if f == nil {
		f = ev.lateFiles[rng.Filename]
	}
	if f == nil {
		return ""
	}
	return strings.Join(strings.Fields(string(rng.SliceBytes(f.Bytes))), " ")
}

func (ev *evaluator) run() []*Instance {
	for _, dir := range ev.cfg.roots() {
		funcs := functions()
		for name, f := range fileFunctions(ev.cfg.fsys, dir, ev.cfg.scanned...) {
			funcs[name] = f
		}
		fns := &rootFuncs{funcs: funcs, literal: &hcl.EvalContext{Functions: funcs}}
		mi := &modInst{ev: ev, mod: ev.cfg.modules[dir], root: dir, fns: fns}
		mi.init()
		mi.vars = ev.rootVars(mi.mod)
		mi.evalAll()
	}
	ev.unreached()
	return ev.out
}

// modInst is one instance of a module: the root, or one call of a child.
type modInst struct {
	ev     *evaluator
	mod    *module
	parent *modInst
	root   string
	prefix string // "module.net." or "" for the root
	// key is the module path without instance keys ("net.subnets"), as
	// terraform init keys .terraform/modules/modules.json; "" for the root.
	key  string
	vars map[string]cty.Value

	locals    map[string]cty.Value
	localBusy map[string]bool
	res       map[string]*resState
	calls     map[string]*callState
	provCache map[string][2]string
	// dataVals caches the data sources evaluated statically
	// (aws_iam_policy_document, policydoc.go), by "data.type.name".
	dataVals map[string]cty.Value
	fns      *rootFuncs
	// passed maps the call's providers argument: "aws.dst" → parent "aws", "east".
	passed map[string][2]string
}

type resState struct {
	busy, done bool
	// shape: "single", "count" or "for_each"; keys are cty numbers or strings.
	shape string
	keys  []cty.Value
	attrs []map[string]cty.Value
	addrs []string
	whole cty.Value // set when the instances themselves are unknown
}

type callState struct {
	busy, done bool
	value      cty.Value
	children   []*modInst
}

func (mi *modInst) init() {
	mi.ev.visited[mi.mod.dir] = true
	mi.locals, mi.localBusy = map[string]cty.Value{}, map[string]bool{}
	mi.res, mi.calls, mi.provCache = map[string]*resState{}, map[string]*callState{}, map[string][2]string{}
}

// evalAll evaluates every resource and module call, in file order, and
// appends the resource instances to the evaluator's output.
func (mi *modInst) evalAll() {
	for _, rb := range mi.mod.resources {
		st := mi.resource(rb)
		region, org := mi.provider(rb)
		for i := range st.attrs {
			mi.ev.out = append(mi.ev.out, &Instance{
				Type: rb.typ, Address: st.addrs[i], Root: mi.root,
				File: rb.block.DefRange().Filename, Line: rb.block.DefRange().Start.Line,
				Body: cty.ObjectVal(st.attrs[i]), Region: region, Org: org,
			})
		}
	}
	for _, name := range mi.mod.callOrder {
		cs := mi.call(name)
		for _, c := range cs.children {
			c.evalAll()
		}
	}
}

// maxInstances bounds count expansion (a typo like count = 100000 must
// not exhaust the runner).
const maxInstances = 10000

var resourceMeta = map[string]bool{"count": true, "for_each": true, "depends_on": true, "provider": true}

func (mi *modInst) resource(rb *resourceBlock) *resState {
	st := mi.res[rb.key()]
	if st == nil {
		st = &resState{}
		mi.res[rb.key()] = st
	}
	if st.done || st.busy {
		return st
	}
	st.busy = true
	defer func() { st.busy, st.done = false, true }()
	base := mi.prefix + rb.key()
	body := rb.block.Body
	switch {
	case body.Attributes["count"] != nil:
		st.shape = "count"
		n := mi.eval(body.Attributes["count"].Expr, nil)
		count, ok := knownInt(n)
		switch {
		case ok && count > maxInstances:
			// Expanding would cost more than the gate is worth; one
			// instance with an unknown index still checks every setting
			// that does not depend on it.
			ok = false
			n = unknownBecause(fmt.Sprintf("count %d is over rampart's limit of %d instances", count, maxInstances))
		case ok && !mi.ev.afford(count):
			ok = false
			n = unknownBecause(mi.ev.overBudget(mi, body.Attributes["count"].Expr.Range(), base, count))
		}
		if !ok {
			mi.ev.budget--
			mi.ev.warn(body.Attributes["count"].Expr.Range(), "count not known statically",
				fmt.Sprintf("%s: count is %s; the resource is checked as one instance whose count-dependent values are unknown.", base, describeUnknown(n, mi.ev.source(body.Attributes["count"].Expr.Range()))))
			st.add(mi, rb, cty.UnknownVal(cty.Number), base+"[?]", map[string]cty.Value{"count": cty.ObjectVal(map[string]cty.Value{"index": unknownBecause("count of " + base + " is unknown")})})
			st.whole = unknownBecause("count of " + base + " is unknown")
			return st
		}
		for i := range count {
			st.add(mi, rb, cty.NumberIntVal(int64(i)), fmt.Sprintf("%s[%d]", base, i), map[string]cty.Value{"count": cty.ObjectVal(map[string]cty.Value{"index": cty.NumberIntVal(int64(i))})})
		}
	case body.Attributes["for_each"] != nil:
		st.shape = "for_each"
		expr := body.Attributes["for_each"].Expr
		fe := mi.eval(expr, nil)
		elems, ok := forEachElems(fe)
		switch {
		case ok && len(elems) > maxInstances:
			ok = false
			fe = unknownBecause(fmt.Sprintf("for_each of %d keys is over rampart's limit of %d instances", len(elems), maxInstances))
		case ok && !mi.ev.afford(len(elems)):
			ok = false
			fe = unknownBecause(mi.ev.overBudget(mi, expr.Range(), base, len(elems)))
		}
		if !ok {
			mi.ev.budget--
			why := "for_each of " + base + " is unknown"
			mi.ev.warn(expr.Range(), "for_each not known statically",
				fmt.Sprintf("%s: for_each is %s; the resource is checked as one instance whose key-dependent values are unknown.", base, describeUnknown(fe, mi.ev.source(expr.Range()))))
			each := cty.ObjectVal(map[string]cty.Value{"key": unknownBecause(why), "value": unknownBecause(why)})
			st.add(mi, rb, cty.UnknownVal(cty.String), base+"[?]", map[string]cty.Value{"each": each})
			st.whole = unknownBecause(why)
			return st
		}
		for _, kv := range elems {
			each := cty.ObjectVal(map[string]cty.Value{"key": kv[0], "value": kv[1]})
			st.add(mi, rb, kv[0], fmt.Sprintf("%s[%q]", base, kv[0].AsString()), map[string]cty.Value{"each": each})
		}
	default:
		// A single instance always exists (dropping it would pass it);
		// module instances, not resources, are what the budget refuses
		// once spent, which bounds these too.
		mi.ev.budget--
		st.shape = "single"
		st.add(mi, rb, cty.NilVal, base, nil)
	}
	return st
}

func (st *resState) add(mi *modInst, rb *resourceBlock, key cty.Value, addr string, extra map[string]cty.Value) {
	st.keys = append(st.keys, key)
	st.addrs = append(st.addrs, addr)
	st.attrs = append(st.attrs, mi.evalBody(rb.block.Body, extra, resourceMeta))
}

// value builds the object a reference to the resource sees. Attributes the
// configuration does not set (id, arn …) are known only after apply: they
// are unknown, marked with the address so split resources can be linked.
func (st *resState) value(names map[string]bool) cty.Value {
	if st.whole != cty.NilVal {
		return st.whole
	}
	objs := make([]cty.Value, len(st.attrs))
	for i, a := range st.attrs {
		m := make(map[string]cty.Value, len(a)+len(names))
		for k, v := range a {
			// Configured arguments carry the reference too: a value
			// unknown because of a variable (name = var.who) still tells
			// a login profile which user it belongs to.
			m[k] = v.Mark(ref{Addr: st.addrs[i], Attr: k})
		}
		for n := range names {
			if _, ok := m[n]; !ok {
				m[n] = cty.DynamicVal.Mark(ref{Addr: st.addrs[i], Attr: n})
			}
		}
		objs[i] = cty.ObjectVal(m)
	}
	switch st.shape {
	case "count":
		if len(objs) == 0 {
			return cty.EmptyTupleVal
		}
		return cty.TupleVal(objs)
	case "for_each":
		m := make(map[string]cty.Value, len(objs))
		for i, o := range objs {
			m[st.keys[i].AsString()] = o
		}
		return cty.ObjectVal(m)
	}
	if len(objs) == 0 {
		return cty.DynamicVal
	}
	return objs[0]
}

// evalBody evaluates a block body without a schema: arguments become
// attributes, nested blocks become tuples of objects under their type name.
// A null argument is unset, as in Terraform.
func (mi *modInst) evalBody(body *hclsyntax.Body, extra map[string]cty.Value, skip map[string]bool) map[string]cty.Value {
	out := make(map[string]cty.Value, len(body.Attributes)+len(body.Blocks))
	for name, a := range body.Attributes {
		if skip[name] {
			continue
		}
		v := mi.eval(a.Expr, extra)
		if v.IsKnown() && v.IsNull() {
			continue
		}
		out[name] = v
	}
	blocks := map[string][]cty.Value{}
	unknownBlocks := map[string]cty.Value{}
	for _, b := range body.Blocks {
		switch b.Type {
		case "lifecycle", "provisioner", "connection", "precondition", "postcondition":
			// Meta-blocks only at the top of a resource or module body
			// (skip set); nested, they are the provider's own blocks
			// (aws_backup_plan rule { lifecycle { delete_after } }).
			if skip != nil {
				continue
			}
		case "dynamic":
			mi.dynamic(b, extra, blocks, unknownBlocks)
			continue
		}
		if _, seen := blocks[b.Type]; !seen {
			blocks[b.Type] = nil
		}
		blocks[b.Type] = append(blocks[b.Type], cty.ObjectVal(mi.evalBody(b.Body, extra, nil)))
	}
	for t, list := range blocks {
		if len(list) == 0 {
			out[t] = cty.EmptyTupleVal
			continue
		}
		out[t] = cty.TupleVal(list)
	}
	// A dynamic block that cannot be expanded makes the whole block list
	// unknown: a static block beside it is not the full story.
	for t, v := range unknownBlocks {
		out[t] = v
	}
	return out
}

// dynamic expands a dynamic block when its for_each is known.
func (mi *modInst) dynamic(b *hclsyntax.Block, extra map[string]cty.Value, blocks map[string][]cty.Value, unknown map[string]cty.Value) {
	if len(b.Labels) != 1 {
		return
	}
	label := b.Labels[0]
	iter := label
	if a := b.Body.Attributes["iterator"]; a != nil {
		if t, diags := hcl.AbsTraversalForExpr(a.Expr); !diags.HasErrors() && len(t) == 1 {
			iter = t.RootName()
		}
	}
	var content *hclsyntax.Block
	for _, c := range b.Body.Blocks {
		if c.Type == "content" {
			content = c
		}
	}
	fe := b.Body.Attributes["for_each"]
	if content == nil || fe == nil {
		mi.ev.warn(b.DefRange(), "Unsupported dynamic block", fmt.Sprintf("dynamic %q needs for_each and a content block; its %s blocks are treated as unknown.", label, label))
		unknown[label] = unknownBecause("dynamic " + label + " block cannot be expanded")
		return
	}
	v := mi.eval(fe.Expr, extra)
	elems, ok := forEachElems(v)
	if !ok {
		elems, ok = listElems(v)
	}
	if !ok {
		why := fmt.Sprintf("dynamic %q block at %s:%d iterates over %s", label, b.DefRange().Filename, b.DefRange().Start.Line, describeUnknown(v, mi.ev.source(fe.Expr.Range())))
		mi.ev.warn(b.DefRange(), "Dynamic block not expanded", why+"; its "+label+" blocks are unknown.")
		unknown[label] = unknownBecause(why)
		return
	}
	for _, kv := range elems {
		ex := make(map[string]cty.Value, len(extra)+1)
		for k, v := range extra {
			ex[k] = v
		}
		ex[iter] = cty.ObjectVal(map[string]cty.Value{"key": kv[0], "value": kv[1]})
		blocks[label] = append(blocks[label], cty.ObjectVal(mi.evalBody(content.Body, ex, nil)))
	}
	if _, seen := blocks[label]; !seen {
		blocks[label] = nil
	}
}

// eval evaluates one expression with exactly the references it uses. An
// expression that cannot be evaluated becomes unknown with the reason, and
// a warning: never a guessed value.
func (mi *modInst) eval(expr hclsyntax.Expression, extra map[string]cty.Value) cty.Value {
	traversals := expr.Variables()
	if len(traversals) == 0 {
		// Literals and function calls over literals, most arguments: no
		// context to build.
		return mi.check(expr, mi.fns.literal)
	}
	vars := map[string]cty.Value{}
	for k, v := range extra {
		vars[k] = v
	}
	var names map[string]bool
	resObjs := map[string]map[string]cty.Value{}
	localObj, modObj := map[string]cty.Value{}, map[string]cty.Value{}
	dataObj := map[string]map[string]cty.Value{}
	for _, t := range traversals {
		root := t.RootName()
		switch root {
		case "var":
			vars["var"] = cty.ObjectVal(mi.vars)
		case "local":
			if n := stepName(t, 1); n != "" {
				localObj[n] = mi.local(n, t.SourceRange())
			}
		case "each", "count", "self":
		case "path":
			// Relative to the root module, where terraform runs and where
			// the file functions resolve paths (files.go).
			vars["path"] = cty.ObjectVal(map[string]cty.Value{"module": cty.StringVal(fromRoot(mi.root, mi.mod.dir)), "root": cty.StringVal("."), "cwd": cty.StringVal(".")})
		case "terraform":
			vars["terraform"] = cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal("default")})
		case "module":
			if n := stepName(t, 1); n != "" && mi.mod.calls[n] != nil {
				modObj[n] = mi.call(n).value
			}
		case "data":
			typ, n := stepName(t, 1), stepName(t, 2)
			if typ != "" && n != "" {
				if dataObj[typ] == nil {
					dataObj[typ] = map[string]cty.Value{}
				}
				if b := mi.mod.data[typ+"."+n]; b != nil && typ == policyDocumentType {
					// A pure function of its arguments: rendered here,
					// as the provider renders it without calling AWS.
					dataObj[typ][n] = mi.policyDataValue(b, n)
					continue
				}
				dataObj[typ][n] = unknownBecause(fmt.Sprintf("data source data.%s.%s is read during plan", typ, n))
			}
		default:
			n := stepName(t, 1)
			rb := mi.findResource(root, n)
			if rb == nil {
				continue
			}
			if names == nil {
				names = attrNames(expr)
			}
			st := mi.resource(rb)
			if st.busy {
				mi.ev.warn(t.SourceRange(), "Reference cycle", fmt.Sprintf("%s refers to itself through %s.", mi.prefix+rb.key(), mi.ev.source(t.SourceRange())))
				return unknownBecause("reference cycle through " + mi.prefix + rb.key())
			}
			if resObjs[root] == nil {
				resObjs[root] = map[string]cty.Value{}
			}
			resObjs[root][n] = st.value(names)
		}
	}
	if len(localObj) > 0 {
		vars["local"] = cty.ObjectVal(localObj)
	}
	if len(modObj) > 0 {
		vars["module"] = cty.ObjectVal(modObj)
	}
	if len(dataObj) > 0 {
		d := map[string]cty.Value{}
		for k, v := range dataObj {
			d[k] = cty.ObjectVal(v)
		}
		vars["data"] = cty.ObjectVal(d)
	}
	for k, v := range resObjs {
		vars[k] = cty.ObjectVal(v)
	}
	return mi.check(expr, &hcl.EvalContext{Variables: vars, Functions: mi.fns.funcs})
}

// check evaluates expr; an error becomes an unknown value with the reason
// and a warning, never a guessed value.
func (mi *modInst) check(expr hclsyntax.Expression, ctx *hcl.EvalContext) cty.Value {
	v, diags := expr.Value(ctx)
	if diags.HasErrors() {
		d := diags[0]
		rng := expr.Range()
		if d.Subject != nil {
			rng = *d.Subject
		}
		mi.ev.warn(rng, "Cannot evaluate statically: "+d.Summary, d.Detail)
		why := d.Summary
		if why == "Error in function call" {
			// A function says why (a refused file read, a result over its
			// cap): the finding must say it too.
			why = strings.TrimSuffix(d.Detail, ".")
		}
		return unknownBecause(fmt.Sprintf("%s cannot be evaluated statically (%s)", mi.ev.source(expr.Range()), why))
	}
	return v
}

func (mi *modInst) findResource(typ, name string) *resourceBlock {
	return mi.mod.byKey[typ+"."+name]
}

func (mi *modInst) local(name string, at hcl.Range) cty.Value {
	if v, ok := mi.locals[name]; ok {
		return v
	}
	a := mi.mod.locals[name]
	if a == nil {
		return unknownBecause("local." + name + " is not declared")
	}
	if mi.localBusy[name] {
		mi.ev.warn(at, "Reference cycle", "local."+name+" refers to itself.")
		return unknownBecause("reference cycle through local." + name)
	}
	mi.localBusy[name] = true
	v := mi.eval(a.Expr, nil)
	mi.localBusy[name] = false
	mi.locals[name] = v
	return v
}
