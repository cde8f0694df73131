package lint

import (
	"sort"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-audit/rampart/internal/engine"
)

// RuleRelatedInvalid is the engine's related-invalid problem: a
// custom.related entry without a type or join, or with a join it does not
// know (engine.CodeRelatedInvalid).
const RuleRelatedInvalid = "related-invalid"

// RuleRelatedUndeclared: a control reads input.related.<name> for a name
// its custom.related does not declare. The engine gives it nothing there,
// so every rule reading it is undefined: a deny would never fire and the
// control would pass resources it never related to anything.
const RuleRelatedUndeclared = "related-undeclared"

// checkRelated reports reads of undeclared related names: refs
// input.related.<name> and object.get(input, ["related", <name>], _).
func checkRelated(mods []*module) []Finding {
	var out []Finding
	for _, m := range controls(mods) {
		ann := engine.PackageAnnotation(m.mod)
		if ann == nil {
			continue
		}
		declared := map[string]bool{}
		if rel, ok := ann.Custom["related"].(map[string]any); ok {
			for name := range rel {
				declared[name] = true
			}
		}
		report := func(name string, loc *ast.Location) {
			if declared[name] {
				return
			}
			known := "it declares none"
			if len(declared) > 0 {
				names := make([]string, 0, len(declared))
				for n := range declared {
					names = append(names, n)
				}
				sort.Strings(names)
				known = "it declares " + joinNames(names)
			}
			out = append(out, at(m, loc, RuleRelatedUndeclared, LevelError,
				"input.related.%s is not declared in the control's custom.related (%s): the engine gives it nothing there, so rules reading it never hold", name, known))
		}
		ast.NewGenericVisitor(func(x any) bool {
			switch x := x.(type) {
			case ast.Ref:
				if x.HasPrefix(relatedRef) && len(x) > len(relatedRef) {
					if s, ok := x[len(relatedRef)].Value.(ast.String); ok {
						report(string(s), x[0].Location)
					}
				}
			case ast.Call:
				if len(x) == 4 && x[0].String() == "object.get" && x[1].Value.Compare(inputRef) == 0 {
					if p := keyList(x[2]); len(p) > 1 && p[0] == "related" && p[1] != "*" {
						report(p[1], x[0].Location)
					}
				}
			}
			return false
		}).Walk(m.mod)
	}
	return out
}

func joinNames(names []string) string {
	out := ""
	for i, n := range names {
		switch {
		case i == 0:
		case i == len(names)-1:
			out += " and "
		default:
			out += ", "
		}
		out += n
	}
	return out
}
