package terraform

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// call evaluates a module call: a local source, or a remote one that
// terraform init installed under .terraform/modules, is evaluated as a
// child module. A module that cannot be read (remote and not installed, a
// source outside the scanned folders) is a blocking gap: its outputs are
// unknown and every control is not_evaluated for it. A cycle of calls is an
// error naming it.
func (mi *modInst) call(name string) *callState {
	cs := mi.calls[name]
	if cs == nil {
		cs = &callState{}
		mi.calls[name] = cs
	}
	if cs.done {
		return cs
	}
	if cs.busy {
		cs.value = unknownBecause("reference cycle through module." + name)
		return cs
	}
	cs.busy = true
	defer func() { cs.busy, cs.done = false, true }()
	b := mi.mod.calls[name]
	addr := mi.prefix + "module." + name
	dir, why := mi.moduleDir(name, b)
	if why != "" {
		summary := "Module not evaluated"
		if _, local := localSource(mi.mod.dir, literalString(b.Body.Attributes["source"])); !local {
			summary = "Remote module not evaluated"
		}
		mi.ev.warn(b.DefRange(), summary, why+": its resources are not checked, and every control is not_evaluated for it.")
		mi.ev.gap(mi, b.DefRange(), addr, why)
		cs.value = unknownBecause(why)
		return cs
	}
	if cycle := mi.cycle(dir); cycle != "" {
		why := fmt.Sprintf("%s calls %s, which is already being evaluated: %s", addr, dir, cycle)
		mi.ev.errorf(b.DefRange(), "Module cycle", why+". Terraform rejects recursive modules.")
		cs.value = unknownBecause(why)
		return cs
	}
	child, files, diags := mi.ev.cfg.loadModule(dir)
	for _, f := range files {
		mi.ev.lateFiles[rangeFile(f)] = f
	}
	mi.ev.diags = append(mi.ev.diags, diags...)
	if child == nil || diags.HasErrors() {
		why := fmt.Sprintf("%s: source folder %s could not be read", addr, dir)
		mi.ev.warn(b.DefRange(), "Module not evaluated", why)
		mi.ev.gap(mi, b.DefRange(), addr, why)
		cs.value = unknownBecause(why)
		return cs
	}
	skip := map[string]bool{"source": true, "version": true, "count": true, "for_each": true, "providers": true, "depends_on": true}
	key := name
	if mi.key != "" {
		key = mi.key + "." + name
	}
	// instantiate evaluates one instance; false when the run's instance
	// budget is spent, which makes the call a blocking gap instead.
	starved := ""
	instantiate := func(suffix string, extra map[string]cty.Value) (cty.Value, bool) {
		if mi.ev.budget <= 0 {
			if starved == "" {
				starved = mi.ev.overBudget(mi, b.DefRange(), addr+suffix, 1)
			}
			return unknownBecause(starved), false
		}
		mi.ev.budget--
		args := mi.evalBody(b.Body, extra, skip)
		c := &modInst{ev: mi.ev, mod: child, parent: mi, root: mi.root, prefix: addr + suffix + ".", key: key, passed: passedProviders(b), fns: mi.fns}
		c.init()
		c.vars = mi.ev.childVars(child, args, addr+suffix)
		cs.children = append(cs.children, c)
		outs := map[string]cty.Value{}
		for _, on := range slices.Sorted(maps.Keys(child.outputs)) {
			outs[on] = c.eval(child.outputs[on].Expr, nil)
		}
		return cty.ObjectVal(outs), true
	}
	// unknownIndex evaluates the module once with an unknown index, as for
	// resources: settings that do not depend on the index are checked, the
	// others are unknown. Its outputs are unknown as a whole (how many
	// instances, and which, is not known).
	unknownIndex := func(why string, extra map[string]cty.Value) {
		instantiate("[?]", extra)
		cs.value = unknownBecause(why)
	}
	switch {
	case b.Body.Attributes["count"] != nil:
		expr := b.Body.Attributes["count"].Expr
		v := mi.eval(expr, nil)
		n, ok := knownInt(v)
		why := ""
		switch {
		case !ok:
			why = "count of " + addr + " is " + describeUnknown(v, mi.ev.source(expr.Range()))
			mi.ev.warn(expr.Range(), "Module count not known statically", why+": its resources are checked as one instance whose count-dependent values are unknown.")
		case n > maxInstances:
			why = fmt.Sprintf("count %d of %s is over rampart's limit of %d instances", n, addr, maxInstances)
			mi.ev.warn(expr.Range(), "Module count over the limit", why+": its resources are checked as one instance whose count-dependent values are unknown.")
		case n > mi.ev.budget:
			why = mi.ev.overBudget(mi, expr.Range(), addr, n)
		}
		if why != "" {
			unknownIndex(why, map[string]cty.Value{"count": cty.ObjectVal(map[string]cty.Value{"index": unknownBecause(why)})})
			return cs
		}
		vals := make([]cty.Value, 0, n)
		for i := range n {
			v, _ := instantiate(fmt.Sprintf("[%d]", i), map[string]cty.Value{"count": cty.ObjectVal(map[string]cty.Value{"index": cty.NumberIntVal(int64(i))})})
			vals = append(vals, v)
		}
		cs.value = cty.EmptyTupleVal
		if n > 0 {
			cs.value = cty.TupleVal(vals)
		}
	case b.Body.Attributes["for_each"] != nil:
		expr := b.Body.Attributes["for_each"].Expr
		v := mi.eval(expr, nil)
		elems, ok := forEachElems(v)
		why := ""
		switch {
		case !ok:
			why = "for_each of " + addr + " is " + describeUnknown(v, mi.ev.source(expr.Range()))
			mi.ev.warn(expr.Range(), "Module for_each not known statically", why+": its resources are checked as one instance whose key-dependent values are unknown.")
		case len(elems) > maxInstances:
			why = fmt.Sprintf("for_each of %s has %d keys, over rampart's limit of %d instances", addr, len(elems), maxInstances)
			mi.ev.warn(expr.Range(), "Module for_each over the limit", why+": its resources are checked as one instance whose key-dependent values are unknown.")
		case len(elems) > mi.ev.budget:
			why = mi.ev.overBudget(mi, expr.Range(), addr, len(elems))
		}
		if why != "" {
			each := cty.ObjectVal(map[string]cty.Value{"key": unknownBecause(why), "value": unknownBecause(why)})
			unknownIndex(why, map[string]cty.Value{"each": each})
			return cs
		}
		vals := map[string]cty.Value{}
		for _, kv := range elems {
			vals[kv[0].AsString()], _ = instantiate(fmt.Sprintf("[%q]", kv[0].AsString()), map[string]cty.Value{"each": cty.ObjectVal(map[string]cty.Value{"key": kv[0], "value": kv[1]})})
		}
		cs.value = cty.ObjectVal(vals)
	default:
		cs.value, _ = instantiate("", nil)
	}
	return cs
}

func rangeFile(f *hcl.File) string {
	if b, ok := f.Body.(*hclsyntax.Body); ok {
		return b.SrcRange.Filename
	}
	return ""
}

// provider finds the region (aws) or owner (github) of the provider
// configuration a resource uses, looking up the module tree like
// Terraform: the module's own provider blocks, then what the call passed in
// its providers map, then the parent's default configuration.
func (mi *modInst) provider(rb *resourceBlock) (region, org string) {
	name := rb.typ
	if i := strings.Index(name, "_"); i > 0 {
		name = name[:i]
	}
	alias := ""
	if a := rb.block.Body.Attributes["provider"]; a != nil {
		if t, diags := hcl.AbsTraversalForExpr(a.Expr); !diags.HasErrors() && len(t) == 2 {
			name, alias = t.RootName(), stepName(t, 1)
		}
	}
	return mi.providerConfig(name, alias)
}

func (mi *modInst) providerConfig(name, alias string) (region, org string) {
	key := name + "." + alias
	if v, ok := mi.provCache[key]; ok {
		return v[0], v[1]
	}
	defer func() { mi.provCache[key] = [2]string{region, org} }()
	for _, p := range mi.mod.providers {
		if len(p.Labels) != 1 || p.Labels[0] != name || literalString(p.Body.Attributes["alias"]) != alias {
			continue
		}
		get := func(attr string) string {
			a := p.Body.Attributes[attr]
			if a == nil {
				return ""
			}
			if s, ok := knownString(mi.eval(a.Expr, nil)); ok {
				return s
			}
			return ""
		}
		region, org = get("region"), get("owner")
		if org == "" {
			org = get("organization")
		}
		return region, org
	}
	if mi.parent == nil {
		return "", ""
	}
	if to, ok := mi.passed[key]; ok {
		return mi.parent.providerConfig(to[0], to[1])
	}
	return mi.parent.providerConfig(name, alias)
}

// passedProviders reads a module call's providers = { aws = aws.west,
// aws.dst = aws.east }: child configuration → parent configuration.
func passedProviders(b *hclsyntax.Block) map[string][2]string {
	a := b.Body.Attributes["providers"]
	if a == nil {
		return nil
	}
	pairs, diags := hcl.ExprMap(a.Expr)
	if diags.HasErrors() {
		return nil
	}
	out := map[string][2]string{}
	for _, kv := range pairs {
		k, d1 := hcl.AbsTraversalForExpr(kv.Key)
		v, d2 := hcl.AbsTraversalForExpr(kv.Value)
		if d1.HasErrors() || d2.HasErrors() || len(k) == 0 || len(v) == 0 {
			continue
		}
		out[k.RootName()+"."+stepName(k, 1)] = [2]string{v.RootName(), stepName(v, 1)}
	}
	return out
}
