package terraform

import (
	"math"
	"math/big"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// Helpers on traversals and cty values shared by evaluation and mapping.

func stepName(t hcl.Traversal, i int) string {
	if i >= len(t) {
		return ""
	}
	if a, ok := t[i].(hcl.TraverseAttr); ok {
		return a.Name
	}
	return ""
}

// attrNames lists every attribute name an expression reads through a
// traversal, so references to after-apply attributes can be offered as unknowns.
func attrNames(expr hclsyntax.Expression) map[string]bool {
	names := map[string]bool{"id": true, "arn": true}
	add := func(t hcl.Traversal) {
		for _, s := range t {
			if a, ok := s.(hcl.TraverseAttr); ok {
				names[a.Name] = true
			}
		}
	}
	// The traversals an expression reports cover JSON expressions too,
	// which have no native nodes to visit.
	for _, t := range expr.Variables() {
		add(t)
	}
	_ = hclsyntax.VisitAll(expr, func(n hclsyntax.Node) hcl.Diagnostics {
		switch e := n.(type) {
		case *hclsyntax.ScopeTraversalExpr:
			add(e.Traversal)
		case *hclsyntax.RelativeTraversalExpr:
			add(e.Traversal)
		}
		return nil
	})
	return names
}

func knownInt(v cty.Value) (int, bool) {
	v, _ = v.UnmarkDeep()
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.Number {
		return 0, false
	}
	bf := v.AsBigFloat()
	if !bf.IsInt() {
		return 0, false
	}
	n, acc := bf.Int64()
	if acc != big.Exact || n < 0 || n > math.MaxInt32 {
		return 0, false
	}
	return int(n), true
}

func knownString(v cty.Value) (string, bool) {
	v, _ = v.UnmarkDeep()
	if !v.IsKnown() || v.IsNull() {
		return "", false
	}
	s, err := convert.Convert(v, cty.String)
	if err != nil || !s.IsKnown() || s.IsNull() {
		return "", false
	}
	return s.AsString(), true
}

// forEachElems returns (key, value) pairs of a known map, object or set of
// strings, in key order.
func forEachElems(v cty.Value) ([][2]cty.Value, bool) {
	v, _ = v.UnmarkDeep()
	if !v.IsWhollyKnown() || v.IsNull() {
		return nil, false
	}
	ty := v.Type()
	var out [][2]cty.Value
	switch {
	case ty.IsMapType() || ty.IsObjectType():
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			out = append(out, [2]cty.Value{k, e})
		}
	case ty.IsSetType() || ty.IsListType() || ty.IsTupleType():
		// Terraform requires a set of strings; toset(["a"]) and ["a"] are common.
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			s, ok := knownString(e)
			if !ok {
				return nil, false
			}
			out = append(out, [2]cty.Value{cty.StringVal(s), cty.StringVal(s)})
		}
	default:
		return nil, false
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i][0].AsString() < out[j][0].AsString() })
	return out, true
}

// listElems returns index/value pairs of a known list or tuple (a dynamic
// block may iterate over a list of objects).
func listElems(v cty.Value) ([][2]cty.Value, bool) {
	v, _ = v.UnmarkDeep()
	if !v.IsWhollyKnown() || v.IsNull() || !(v.Type().IsListType() || v.Type().IsTupleType() || v.Type().IsSetType()) {
		return nil, false
	}
	var out [][2]cty.Value
	for it := v.ElementIterator(); it.Next(); {
		k, e := it.Element()
		if v.Type().IsSetType() {
			k = cty.NumberIntVal(int64(len(out)))
		}
		out = append(out, [2]cty.Value{k, e})
	}
	return out, true
}

// describeUnknown explains an unknown value from its marks.
func describeUnknown(v cty.Value, src string) string {
	if why := reasonOf(v); why != "" {
		return "unknown (" + why + ")"
	}
	return "unknown (" + src + ")"
}

// reasonOf collects the reasons marked on a value and inside it.
func reasonOf(v cty.Value) string {
	seen := map[string]bool{}
	var out []string
	for r := range cty.ValueMarksOfTypeDeep[reason](v) {
		if !seen[string(r)] {
			seen[string(r)] = true
			out = append(out, string(r))
		}
	}
	for r := range cty.ValueMarksOfTypeDeep[ref](v) {
		s := "unknown until apply: " + r.Addr + "." + r.Attr
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return strings.Join(out, "; ")
}
