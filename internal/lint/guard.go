package lint

import (
	"sort"

	"github.com/open-policy-agent/opa/v1/ast"
)

// RuleUnguardedAttribute: the control contract says a control never passes
// on data it did not see, so every attribute a deny rule reads needs an
// unknown rule reading it too (docs/controls.md). Without one, a resource
// missing the attribute makes deny undefined, and the control passes it.
const RuleUnguardedAttribute = "unguarded-attribute"

var attributesRef = ast.MustParseRef("input.attributes")

// checkGuards compares, per control, the top-level attributes reachable
// from deny with those reachable from unknown, following the control's own
// helper rules (pab := input.attributes.public_access_block).
func checkGuards(mods []*module) []Finding {
	var out []Finding
	for _, m := range controls(mods) {
		if packageAnnotation(m.mod) == nil {
			continue
		}
		byName := map[string][]*ast.Rule{}
		for _, r := range m.mod.Rules {
			byName[ruleName(r)] = append(byName[ruleName(r)], r)
		}
		memo := map[string]map[string]bool{}
		var reach func(name string, seen map[string]bool) map[string]bool
		reach = func(name string, seen map[string]bool) map[string]bool {
			if got, ok := memo[name]; ok {
				return got
			}
			if seen[name] {
				return nil
			}
			seen[name] = true
			attrs := map[string]bool{}
			for _, r := range byName[name] {
				direct, deps := ruleReads(r, byName, name == "deny" || name == "unknown")
				for a := range direct {
					attrs[a] = true
				}
				for _, d := range deps {
					for a := range reach(d, seen) {
						attrs[a] = true
					}
				}
			}
			memo[name] = attrs
			return attrs
		}
		denied := reach("deny", map[string]bool{})
		guarded := reach("unknown", map[string]bool{})
		var missing []string
		for a := range denied {
			if !guarded[a] {
				missing = append(missing, a)
			}
		}
		sort.Strings(missing)
		for _, a := range missing {
			loc := m.mod.Package.Location
			if rs := byName["deny"]; len(rs) > 0 {
				loc = rs[0].Location
			}
			out = append(out, at(m, loc, RuleUnguardedAttribute, LevelWarning,
				"deny reads attributes.%s but no unknown rule does: a resource without it would pass unseen (add unknown ... if not is_...(lib.attr(%q)))", a, a))
		}
	}
	return out
}

// ruleReads returns the top-level attributes a rule reads directly
// (input.attributes.X…, lib.attr("X") or lib.attr(["X", …])) and the
// names of the module's rules it refers to. For deny and unknown only the
// body counts: their heads build messages, and the conditions are what
// must not pass on missing data.
func ruleReads(r *ast.Rule, local map[string][]*ast.Rule, bodyOnly bool) (map[string]bool, []string) {
	attrs := map[string]bool{}
	var deps []string
	onRef := func(ref ast.Ref) bool {
		if ref.HasPrefix(attributesRef) && len(ref) > len(attributesRef) {
			if s, ok := ref[len(attributesRef)].Value.(ast.String); ok {
				attrs[string(s)] = true
			}
		}
		if v, ok := ref[0].Value.(ast.Var); ok && local[string(v)] != nil {
			deps = append(deps, string(v))
		}
		return false
	}
	onVar := func(v ast.Var) bool {
		if local[string(v)] != nil {
			deps = append(deps, string(v))
		}
		return false
	}
	onCall := func(x any) bool {
		var terms []*ast.Term
		switch x := x.(type) {
		case *ast.Expr:
			if x.IsCall() {
				terms, _ = x.Terms.([]*ast.Term)
			}
		case *ast.Term:
			if call, ok := x.Value.(ast.Call); ok {
				terms = call
			}
		}
		if len(terms) < 2 || !isLibAttr(terms[0]) {
			return false
		}
		switch arg := terms[1].Value.(type) {
		case ast.String:
			attrs[string(arg)] = true
		case *ast.Array:
			if arg.Len() > 0 {
				if s, ok := arg.Elem(0).Value.(ast.String); ok {
					attrs[string(s)] = true
				}
			}
		}
		return false
	}
	for rr := r; rr != nil; rr = rr.Else {
		nodes := []any{rr.Body}
		if !bodyOnly {
			for _, t := range []*ast.Term{rr.Head.Value, rr.Head.Key} {
				if t != nil {
					nodes = append(nodes, t)
				}
			}
			for _, a := range rr.Head.Args {
				nodes = append(nodes, a)
			}
		}
		for _, n := range nodes {
			ast.WalkRefs(n, onRef)
			ast.WalkVars(n, onVar)
			ast.NewGenericVisitor(onCall).Walk(n)
		}
	}
	return attrs, deps
}

// isLibAttr recognises lib.attr and data.rampart.lib.attr as the operator.
func isLibAttr(t *ast.Term) bool {
	ref, ok := t.Value.(ast.Ref)
	if !ok {
		return false
	}
	s := ref.String()
	return s == "lib.attr" || s == "data.rampart.lib.attr"
}
