package lint

import (
	"slices"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-audit/rampart/internal/engine"
)

// RuleUnguardedAttribute: the control contract says a control never passes
// on data it did not see, so every attribute a deny rule reads needs an
// unknown rule reading it too (docs/controls.md). Without one, a resource
// missing the attribute makes deny undefined, and the control passes it.
const RuleUnguardedAttribute = "unguarded-attribute"

// An inPath is what a rule reads below input: its first element is the
// namespace ("attributes" or "system"), then keys; "*" stands for any key
// or index (an iteration, a variable).
type inPath []string

func (p inPath) String() string {
	var b strings.Builder
	for i, k := range p {
		switch {
		case k == "*":
			b.WriteString("[_]")
		case i > 0:
			b.WriteString("." + k)
		default:
			b.WriteString(k)
		}
	}
	return b.String()
}

// guards reports whether reading q checks p: q is p or lies below it (an
// unknown rule testing encryption.enabled also covers a deny reading
// encryption, since a missing encryption makes encryption.enabled missing).
// A check of a parent alone (is_object(lib.attr("policy"))) does not cover
// a field below it: the object may lack the field.
// A "*" matches any key on either side: deny reading encryption[s] for s in
// a list of settings is guarded by unknown reading encryption[s] the same
// way, or each setting by name.
func guards(q, p inPath) bool {
	if len(q) < len(p) {
		return false
	}
	for i, k := range p {
		if k != q[i] && k != "*" && q[i] != "*" {
			return false
		}
	}
	return true
}

var (
	attributesRef = ast.MustParseRef("input.attributes")
	systemRef     = ast.MustParseRef("input.system")
	// relatedRef is where a control reads the resources it declares in
	// custom.related: input.related.<name>[_].attributes... is guarded like
	// an attribute of the subject.
	relatedRef = ast.MustParseRef("input.related")
	inputRef   = ast.MustParseRef("input")
)

// checkGuards compares, per control, the input paths reachable from deny
// with those reachable from unknown, at every depth: input.attributes.a.b,
// the fields of list elements (some rule in input.attributes.ingress;
// rule.cidr_ipv4), lib.attr paths, object.get on a read value, and
// input.system.*. It follows the control's own helper rules and functions
// (attrs := input.attributes; attrs.key_spec reads key_spec).
func checkGuards(mods []*module) []Finding {
	var out []Finding
	for _, m := range controls(mods) {
		if engine.PackageAnnotation(m.mod) == nil {
			continue
		}
		a := newAnalysis(m.mod)
		denied := a.ruleReads("deny")
		guarded := a.ruleReads("unknown")
		missing := map[string]bool{}
		for _, d := range denied {
			if !slices.ContainsFunc(guarded, func(g inPath) bool { return guards(g, d) }) {
				missing[d.String()] = true
			}
		}
		names := make([]string, 0, len(missing))
		for n := range missing {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			loc := m.mod.Package.Location
			if rs := a.rules["deny"]; len(rs) > 0 {
				loc = rs[0].Location
			}
			hint := "a resource without it would pass unseen (add unknown ... if not is_...(lib.attr(...)) for it)"
			if strings.HasPrefix(n, "related.") {
				hint = `a related resource without it would pass unseen (add unknown ... if { some t in object.get(input, ["related", <name>], []); not is_...(object.get(t, ["attributes", ...], null)) }, and one for the list itself)`
			}
			out = append(out, at(m, loc, RuleUnguardedAttribute, LevelWarning, "deny reads %s but no unknown rule does: %s", n, hint))
		}
	}
	return out
}

// analysis finds the input paths a control's rules read.
type analysis struct {
	rules map[string][]*ast.Rule
	// aliases memoises the path a value rule stands for (pab := input.attributes.public_access_block).
	aliases map[string]inPath
	// reads memoises the paths read by a rule with no arguments.
	reads    map[string][]inPath
	visiting map[string]bool
	// lifted is set while walking the top level of a negated unknown
	// expression: OPA evaluates a field read there before the negation
	// (not is_string(rule.protocol) is undefined, not true, when protocol
	// is missing), so such a read guards nothing. Inside a helper rule or
	// function it does: the helper is then false, and `not` true.
	lifted bool
}

func newAnalysis(mod *ast.Module) *analysis {
	a := &analysis{rules: map[string][]*ast.Rule{}, aliases: map[string]inPath{}, reads: map[string][]inPath{}, visiting: map[string]bool{}}
	for _, r := range mod.Rules {
		a.rules[engine.RuleName(r)] = append(a.rules[engine.RuleName(r)], r)
	}
	return a
}

// ruleReads is every inPath the rules named name read. For deny and unknown
// only the bodies count: their heads build messages, and the conditions are
// what must not pass on missing data.
func (a *analysis) ruleReads(name string) []inPath {
	if got, ok := a.reads[name]; ok {
		return got
	}
	if a.visiting[name] {
		return nil
	}
	a.visiting[name] = true
	defer delete(a.visiting, name)
	defer func(l bool) { a.lifted = l }(a.lifted)
	a.lifted = false
	var out []inPath
	for _, r := range a.rules[name] {
		for rr := r; rr != nil; rr = rr.Else {
			env := map[ast.Var]inPath{}
			if name == "unknown" {
				out = append(out, a.guardReads(rr.Body)...)
				continue
			}
			out = append(out, a.body(rr.Body, env)...)
			if name != "deny" {
				for _, t := range []*ast.Term{rr.Head.Value, rr.Head.Key} {
					if t != nil {
						out = append(out, a.term(t, env)...)
					}
				}
			}
		}
	}
	a.reads[name] = out
	return out
}

// callReads is what a call of the local function name reads, with its
// parameters bound to the paths of the arguments (covers(rule, port) reads
// rule.protocol: ingress[_].protocol).
func (a *analysis) callReads(name string, args []inPath) []inPath {
	key := name
	for _, p := range args {
		key += "|" + p.String()
	}
	if a.visiting[key] {
		return nil
	}
	a.visiting[key] = true
	defer delete(a.visiting, key)
	defer func(l bool) { a.lifted = l }(a.lifted)
	a.lifted = false
	var out []inPath
	for _, r := range a.rules[name] {
		for rr := r; rr != nil; rr = rr.Else {
			env := map[ast.Var]inPath{}
			for i, arg := range r.Head.Args {
				if v, ok := arg.Value.(ast.Var); ok && i < len(args) && args[i] != nil {
					env[v] = args[i]
				}
			}
			out = append(out, a.body(rr.Body, env)...)
			if rr.Head.Value != nil {
				out = append(out, a.term(rr.Head.Value, env)...)
			}
		}
	}
	return out
}

// alias is the path a value rule without arguments stands for, when its
// value is a inPath (attrs := input.attributes), else nil.
func (a *analysis) alias(name string) inPath {
	if p, ok := a.aliases[name]; ok {
		return p
	}
	a.aliases[name] = nil // a self-reference is not a inPath
	rs := a.rules[name]
	if len(rs) != 1 || len(rs[0].Head.Args) > 0 || rs[0].Head.Value == nil || rs[0].Else != nil {
		return nil
	}
	env := map[ast.Var]inPath{}
	a.body(rs[0].Body, env)
	p := a.resolve(rs[0].Head.Value, env)
	a.aliases[name] = p
	return p
}

// body walks a rule body in order, binding variables to the paths they
// hold, and returns what it reads.
func (a *analysis) body(b ast.Body, env map[ast.Var]inPath) []inPath {
	return a.walkBody(b, env, false)
}

// guardReads is what an unknown rule's body checks: the reads of its
// negated expressions (not is_boolean(lib.attr("x")), not well_formed(rule)),
// which hold when the data is missing or malformed. Its positive
// conditions only say when the check applies (rotatable; pol.present ==
// true) — reading key_spec there guards nothing: a missing key_spec makes
// the unknown rule undefined too.
func (a *analysis) guardReads(b ast.Body) []inPath {
	return a.walkBody(b, map[ast.Var]inPath{}, true)
}

func (a *analysis) walkBody(b ast.Body, env map[ast.Var]inPath, negatedOnly bool) []inPath {
	var out []inPath
	for _, e := range b {
		if negatedOnly {
			if !e.Negated {
				// Bind its variables, drop its reads.
				a.walkBody(ast.NewBody(e), env, false)
				continue
			}
			a.lifted = true
			out = append(out, a.walkBody(ast.NewBody(e), env, false)...)
			a.lifted = false
			continue
		}
		switch t := e.Terms.(type) {
		case *ast.SomeDecl:
			for _, sym := range t.Symbols {
				call, ok := sym.Value.(ast.Call)
				if !ok || len(call) < 3 {
					continue
				}
				coll := call[len(call)-1]
				out = append(out, a.term(coll, env)...)
				if p := a.resolve(coll, env); p != nil {
					if v, ok := call[len(call)-2].Value.(ast.Var); ok {
						env[v] = append(slices.Clone(p), "*")
					}
				}
			}
			continue
		case *ast.Every:
			out = append(out, a.term(t.Domain, env)...)
			inner := maps(env)
			if p := a.resolve(t.Domain, env); p != nil {
				if v, ok := t.Value.Value.(ast.Var); ok {
					inner[v] = append(slices.Clone(p), "*")
				}
			}
			out = append(out, a.body(t.Body, inner)...)
			continue
		}
		if e.IsAssignment() || e.IsEquality() {
			if v, ok := e.Operand(0).Value.(ast.Var); ok {
				out = append(out, a.term(e.Operand(1), env)...)
				if p := a.resolve(e.Operand(1), env); p != nil {
					env[v] = p
				}
				continue
			}
		}
		switch t := e.Terms.(type) {
		case []*ast.Term:
			if e.IsCall() {
				out = append(out, a.call(ast.Call(t), env)...)
				continue
			}
			for _, x := range t {
				out = append(out, a.term(x, env)...)
			}
		case *ast.Term:
			out = append(out, a.term(t, env)...)
		}
	}
	return out
}

func maps(env map[ast.Var]inPath) map[ast.Var]inPath {
	out := make(map[ast.Var]inPath, len(env))
	for k, v := range env {
		out[k] = v
	}
	return out
}

// term returns the paths a term reads: refs and calls at any depth inside
// it, and the rules and functions of the module it uses.
func (a *analysis) term(t *ast.Term, env map[ast.Var]inPath) []inPath {
	var out []inPath
	ast.NewGenericVisitor(func(x any) bool {
		switch x := x.(type) {
		case *ast.Term:
			switch v := x.Value.(type) {
			case ast.Ref:
				if p := a.resolve(x, env); p != nil && !a.lifted {
					out = append(out, p)
				}
				if h, ok := v[0].Value.(ast.Var); ok && a.rules[string(h)] != nil && (!a.lifted || a.alias(string(h)) == nil) {
					out = append(out, a.ruleReads(string(h))...)
				}
				// Keys of the ref may read too (sla_days[lower(alert.severity)]).
				for _, k := range v[1:] {
					out = append(out, a.term(k, env)...)
				}
				return true
			case ast.Call:
				out = append(out, a.call(v, env)...)
				return true
			case ast.Var:
				if _, bound := env[v]; !bound && a.rules[string(v)] != nil {
					out = append(out, a.ruleReads(string(v))...)
				}
			}
		case *ast.ArrayComprehension:
			inner := maps(env)
			out = append(out, a.body(x.Body, inner)...)
			out = append(out, a.term(x.Term, inner)...)
			return true
		case *ast.SetComprehension:
			inner := maps(env)
			out = append(out, a.body(x.Body, inner)...)
			out = append(out, a.term(x.Term, inner)...)
			return true
		case *ast.ObjectComprehension:
			inner := maps(env)
			out = append(out, a.body(x.Body, inner)...)
			out = append(out, a.term(x.Key, inner)...)
			out = append(out, a.term(x.Value, inner)...)
			return true
		case *ast.Expr:
			if terms, ok := x.Terms.([]*ast.Term); ok && x.IsCall() {
				out = append(out, a.call(ast.Call(terms), env)...)
				return true
			}
		}
		return false
	}).Walk(t)
	return out
}

// call returns what a call reads: its arguments, lib.attr(inPath) and
// object.get(x, key, _) on a read value as the inPath they name, and the
// body of a local function with its parameters bound.
func (a *analysis) call(c ast.Call, env map[ast.Var]inPath) []inPath {
	var out []inPath
	args := c[1:]
	for _, arg := range args {
		out = append(out, a.term(arg, env)...)
	}
	if p := a.resolve(ast.NewTerm(c), env); p != nil {
		out = append(out, p)
	}
	if ref, ok := c[0].Value.(ast.Ref); ok {
		if h, ok := ref[0].Value.(ast.Var); ok && len(ref) == 1 && a.rules[string(h)] != nil {
			bound := make([]inPath, len(args))
			for i, arg := range args {
				bound[i] = a.resolve(arg, env)
			}
			out = append(out, a.callReads(string(h), bound)...)
		}
	}
	return out
}

// resolve returns the input inPath a term denotes, or nil when it is not one.
func (a *analysis) resolve(t *ast.Term, env map[ast.Var]inPath) inPath {
	switch v := t.Value.(type) {
	case ast.Var:
		if p, ok := env[v]; ok {
			return p
		}
		if a.rules[string(v)] != nil {
			return a.alias(string(v))
		}
	case ast.Ref:
		var base inPath
		switch {
		case v.HasPrefix(attributesRef):
			base, v = inPath{"attributes"}, v[len(attributesRef):]
		case v.HasPrefix(systemRef):
			base, v = inPath{"system"}, v[len(systemRef):]
		case v.HasPrefix(relatedRef):
			base, v = inPath{"related"}, v[len(relatedRef):]
		default:
			h, ok := v[0].Value.(ast.Var)
			if !ok {
				return nil
			}
			base = a.resolve(ast.NewTerm(h), env)
			v = v[1:]
		}
		if base == nil {
			return nil
		}
		return append(slices.Clone(base), keys(v)...)
	case ast.Call:
		op := v[0].String()
		switch {
		case (op == "lib.attr" || op == "data.rampart.lib.attr") && len(v) == 2:
			return append(inPath{"attributes"}, keyList(v[1])...)
		case op == "object.get" && len(v) == 4 && v[1].Value.Compare(inputRef) == 0:
			// object.get(input, ["related", name], null): the namespaces
			// a control may read defensively from input itself.
			p := keyList(v[2])
			if len(p) > 0 && (p[0] == "attributes" || p[0] == "system" || p[0] == "related") {
				return p
			}
			return nil
		case op == "object.get" && len(v) == 4:
			base := a.resolve(v[1], env)
			if base == nil {
				return nil
			}
			return append(slices.Clone(base), keyList(v[2])...)
		}
	}
	return nil
}

// keys turns ref elements into inPath keys; anything but a string is "*".
func keys(ref ast.Ref) inPath {
	out := make(inPath, 0, len(ref))
	for _, t := range ref {
		if s, ok := t.Value.(ast.String); ok {
			out = append(out, string(s))
		} else {
			out = append(out, "*")
		}
	}
	return out
}

// keyList reads lib.attr's and object.get's key argument: a string or an
// array of keys.
func keyList(t *ast.Term) inPath {
	switch k := t.Value.(type) {
	case ast.String:
		return inPath{string(k)}
	case *ast.Array:
		out := make(inPath, 0, k.Len())
		k.Foreach(func(e *ast.Term) {
			if s, ok := e.Value.(ast.String); ok {
				out = append(out, string(s))
			} else {
				out = append(out, "*")
			}
		})
		return out
	}
	return inPath{"*"}
}
