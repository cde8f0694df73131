package terraform

import (
	"encoding/json"
	"fmt"
	"math/big"
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// get walks names (attribute names, or ints to index a block tuple) into a
// body value. It returns cty.NilVal when a step is absent, and the unknown
// value itself (marks kept) when a step is unknown.
func get(v cty.Value, steps ...any) cty.Value {
	for _, s := range steps {
		if v == cty.NilVal {
			return cty.NilVal
		}
		if !v.IsKnown() {
			return v
		}
		if v.IsNull() {
			return cty.NilVal
		}
		uv, marks := v.Unmark()
		switch k := s.(type) {
		case string:
			if !(uv.Type().IsObjectType() && uv.Type().HasAttribute(k)) && !uv.Type().IsMapType() {
				return cty.NilVal
			}
			if uv.Type().IsMapType() {
				if !uv.HasIndex(cty.StringVal(k)).True() {
					return cty.NilVal
				}
				v = uv.Index(cty.StringVal(k)).WithMarks(marks)
				continue
			}
			v = uv.GetAttr(k).WithMarks(marks)
		case int:
			if !(uv.Type().IsTupleType() || uv.Type().IsListType()) || k >= uv.LengthInt() {
				return cty.NilVal
			}
			v = uv.Index(cty.NumberIntVal(int64(k))).WithMarks(marks)
		}
	}
	if v != cty.NilVal && v.IsKnown() && v.IsNull() {
		return cty.NilVal
	}
	return v
}

// blocks returns the elements of a nested block list (known), or ok=false
// with the unknown value when the list itself is unknown (dynamic block).
func blocks(body cty.Value, name string) ([]cty.Value, cty.Value, bool) {
	v := get(body, name)
	if v == cty.NilVal {
		return nil, cty.NilVal, true
	}
	if !v.IsKnown() {
		return nil, v, false
	}
	uv, marks := v.Unmark()
	if !(uv.Type().IsTupleType() || uv.Type().IsListType() || uv.Type().IsSetType()) {
		// An attribute-as-block (ingress = [{...}]) is the same thing written as a list.
		if uv.Type().IsObjectType() {
			return []cty.Value{v}, cty.NilVal, true
		}
		return nil, cty.NilVal, true
	}
	var out []cty.Value
	for it := uv.ElementIterator(); it.Next(); {
		_, e := it.Element()
		out = append(out, e.WithMarks(marks))
	}
	return out, cty.NilVal, true
}

// unknownReason explains why v is not wholly known.
func unknownReason(v cty.Value) string {
	if why := reasonOf(v); why != "" {
		return why
	}
	return "unknown until apply"
}

// toGo converts a wholly known value to the JSON-like Go values the engine
// reads (numbers become int64 when integral, float64 otherwise).
func toGo(v cty.Value) (any, bool) {
	v, _ = v.UnmarkDeep()
	if !v.IsWhollyKnown() {
		return nil, false
	}
	if v.IsNull() {
		return nil, true
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return v.AsString(), true
	case ty == cty.Bool:
		return v.True(), true
	case ty == cty.Number:
		bf := v.AsBigFloat()
		if bf.IsInt() {
			if i, acc := bf.Int64(); acc == big.Exact {
				return i, true
			}
		}
		f, _ := bf.Float64()
		return f, true
	case ty.IsListType() || ty.IsTupleType() || ty.IsSetType():
		out := []any{}
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			g, ok := toGo(e)
			if !ok {
				return nil, false
			}
			out = append(out, g)
		}
		return out, true
	case ty.IsMapType() || ty.IsObjectType():
		out := map[string]any{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			g, ok := toGo(e)
			if !ok {
				return nil, false
			}
			out[k.AsString()] = g
		}
		return out, true
	}
	return nil, false
}

// builder fills one resource's attributes, recording every unknown one
// with its reason instead of writing a stand-in value.
type builder struct {
	r *evidence.Resource
}

func newBuilder(typ, id string, in *Instance, scope evidence.Scope) *builder {
	scope.Path = in.File
	return &builder{r: &evidence.Resource{
		Type: typ, ID: id, Scope: scope,
		Source:     evidence.Source{Kind: "terraform", File: in.File, Line: in.Line},
		Attributes: map[string]any{},
	}}
}

func (b *builder) unknown(attr, why string) {
	if b.r.Unknown == nil {
		b.r.Unknown = map[string]string{}
	}
	b.r.Unknown[attr] = why
}

// displayName fills an identifier that AWS assigns at apply (instance_id,
// volume_id, key_id, a generated bucket or policy name) with the Terraform
// address.
// Controls name the resource with these attributes in their messages, and a
// Rego message built from a missing attribute makes the whole deny rule
// undefined, which would pass a failing resource. The address is what a
// reviewer of the pull request knows the resource by; no control decides
// anything on these identifiers.
func (b *builder) displayName(attr string, in *Instance) {
	b.r.Attributes[attr] = in.Address
}

// identifier writes a configured name (bucket, identifier) when it is
// known, and the Terraform address otherwise (see displayName).
func (b *builder) identifier(attr string, v cty.Value, in *Instance) {
	if s, ok := str(v); ok {
		b.r.Attributes[attr] = s
		return
	}
	b.displayName(attr, in)
}

// set writes attr from v: absent v writes def (when def is non-nil: the
// provider's documented default), unknown v records the reason.
func (b *builder) set(attr string, v cty.Value, def any) {
	if v == cty.NilVal {
		if def != nil {
			b.r.Attributes[attr] = def
		}
		return
	}
	g, ok := toGo(v)
	if !ok {
		b.unknown(attr, unknownReason(v))
		return
	}
	b.r.Attributes[attr] = g
}

// setIn writes a nested attribute (object attr, key k).
func (b *builder) setIn(obj map[string]any, attr, k string, v cty.Value, def any) {
	if v == cty.NilVal {
		if def != nil {
			obj[k] = def
		}
		return
	}
	g, ok := toGo(v)
	if !ok {
		b.unknown(attr+"."+k, unknownReason(v))
		return
	}
	obj[k] = g
}

// str returns a known string.
func str(v cty.Value) (string, bool) {
	if v == cty.NilVal {
		return "", false
	}
	return knownString(v)
}

// policyDocument decodes an IAM policy JSON string (as written with
// jsonencode or a heredoc) into an object.
func policyDocument(v cty.Value) (any, string, bool) {
	s, ok := str(v)
	if !ok {
		return nil, unknownReason(v), false
	}
	var doc any
	if err := json.Unmarshal([]byte(s), &doc); err != nil {
		return nil, fmt.Sprintf("policy is not valid JSON: %v", err), false
	}
	return doc, "", true
}

// keysOf lists a map's keys in order, for stable output.
func keysOf(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func lowerStr(s string) string { return strings.ToLower(s) }
