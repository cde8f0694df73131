package terraform

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// data "aws_iam_policy_document" is a pure function of its arguments: the
// AWS provider renders the JSON without calling AWS. Evaluating it here
// makes every policy written that way (bucket, IAM, key, queue and trust
// policies) a known document in the pull request instead of not_evaluated.
//
// The rendering follows the provider's (internal/service/iam
// policy_document_data_source.go and policy_model.go): sets of strings
// become one string when they hold one element, else a list sorted in
// reverse; a single principal of type "*" with identifier "*" becomes "*";
// condition values keep their order and one value becomes a string;
// source documents are merged first, then the statements, then override
// documents, a statement with a Sid replacing the earlier one with that Sid.
// What the provider would refuse (a bad effect, a duplicate Sid, invalid
// JSON in a source document) makes the document unknown with the reason:
// the plan would fail, it must not pass.
//
// Blocks that are sets in the provider (principals, condition) are
// listed in the plugin SDK's hash order (sdkSetOrder), which decides the
// order of identifiers merged from several principals blocks of one type.
// This is the rendering of provider v5 and later: an empty Sid is left out
// and source_json/override_json are refused.

const policyDocumentType = "aws_iam_policy_document"

// policyDataValue is the value of data.aws_iam_policy_document.NAME: its
// arguments, json, minified_json and id, per instance for count/for_each.
// A document that cannot be rendered is unknown as a whole, with the reason.
func (mi *modInst) policyDataValue(b *hclsyntax.Block, name string) cty.Value {
	rb := &resourceBlock{typ: "data." + policyDocumentType, name: name, block: b}
	key := rb.key()
	if v, ok := mi.dataVals[key]; ok {
		return v
	}
	st := mi.resource(rb)
	if st.busy {
		mi.ev.warn(b.DefRange(), "Reference cycle", fmt.Sprintf("%s refers to itself.", mi.prefix+key))
		return unknownBecause("reference cycle through " + mi.prefix + key)
	}
	var v cty.Value
	if st.whole != cty.NilVal {
		v = st.whole
	} else {
		objs := make([]cty.Value, len(st.attrs))
		for i, attrs := range st.attrs {
			objs[i] = mi.renderPolicyData(b, st.addrs[i], attrs)
		}
		switch st.shape {
		case "count":
			v = cty.EmptyTupleVal
			if len(objs) > 0 {
				v = cty.TupleVal(objs)
			}
		case "for_each":
			m := make(map[string]cty.Value, len(objs))
			for i, o := range objs {
				m[st.keys[i].AsString()] = o
			}
			v = cty.ObjectVal(m)
		default:
			v = objs[0]
		}
	}
	if mi.dataVals == nil {
		mi.dataVals = map[string]cty.Value{}
	}
	mi.dataVals[key] = v
	return v
}

// renderPolicyData renders one instance. Every argument goes into the
// document, so one unknown argument makes the whole document unknown: a
// document missing a principal or a condition could pass where the real
// one fails.
func (mi *modInst) renderPolicyData(b *hclsyntax.Block, addr string, attrs map[string]cty.Value) cty.Value {
	body := cty.ObjectVal(attrs)
	if !body.IsWhollyKnown() {
		return unknownBecause(fmt.Sprintf("%s.json is unknown: %s", addr, unknownReason(body)))
	}
	pretty, minified, err := renderPolicyDocument(body)
	if err != nil {
		why := fmt.Sprintf("%s (%s:%d) cannot be rendered: %v", addr, b.DefRange().Filename, b.DefRange().Start.Line, err)
		mi.ev.warn(b.DefRange(), "Invalid aws_iam_policy_document", why+"; the AWS provider would refuse it, the document is unknown.")
		return unknownBecause(why)
	}
	out := make(map[string]cty.Value, len(attrs)+3)
	for k, v := range attrs {
		out[k] = v
	}
	out["json"] = cty.StringVal(pretty)
	out["minified_json"] = cty.StringVal(minified)
	// The provider's id is the hash code of the JSON.
	out["id"] = cty.StringVal(strconv.FormatUint(uint64(crc32.ChecksumIEEE([]byte(pretty))), 10))
	return cty.ObjectVal(out)
}

// The document model, with the provider's JSON field names and order.
type tfPolicyDoc struct {
	Version    string               `json:",omitempty"`
	Id         string               `json:",omitempty"` //nolint:revive // the JSON key is "Id"
	Statements []*tfPolicyStatement `json:"Statement,omitempty"`
}

type tfPolicyStatement struct {
	Sid           string         `json:",omitempty"`
	Effect        string         `json:",omitempty"`
	Actions       any            `json:"Action,omitempty"`
	NotActions    any            `json:"NotAction,omitempty"`
	Resources     any            `json:"Resource,omitempty"`
	NotResources  any            `json:"NotResource,omitempty"`
	Principals    tfPrincipalSet `json:"Principal,omitempty"`
	NotPrincipals tfPrincipalSet `json:"NotPrincipal,omitempty"`
	Conditions    tfConditionSet `json:"Condition,omitempty"`
}

// tfPrincipal.Identifiers is a string or a []string, as in the provider.
type tfPrincipal struct {
	Type        string
	Identifiers any
}

type tfPrincipalSet []tfPrincipal

type tfCondition struct {
	Test, Variable string
	Values         []string
}

type tfConditionSet []tfCondition

func (ps tfPrincipalSet) MarshalJSON() ([]byte, error) {
	// Only {"*": "*"} becomes "*": IAM refuses "*" in a trust policy but
	// accepts {"AWS": "*"}, so the provider keeps that one as written.
	if len(ps) == 1 && ps[0].Type == "*" {
		switch id := ps[0].Identifiers.(type) {
		case string:
			if id == "*" {
				return []byte(`"*"`), nil
			}
		case []string:
			if len(id) == 1 && id[0] == "*" {
				return []byte(`"*"`), nil
			}
		}
	}
	raw := map[string]any{}
	for _, p := range ps {
		switch ids := p.Identifiers.(type) {
		case []string:
			list := []string{}
			if prev, ok := raw[p.Type].(string); ok {
				list = append(list, prev)
			} else if prev, ok := raw[p.Type].([]string); ok {
				list = prev
			}
			sorted := slices.Clone(ids)
			slices.Sort(sorted)
			slices.Reverse(sorted)
			raw[p.Type] = append(list, sorted...)
		case string:
			switch prev := raw[p.Type].(type) {
			case nil:
				raw[p.Type] = ids
			case string:
				raw[p.Type] = []string{prev, ids}
			case []string:
				raw[p.Type] = append(prev, ids)
			}
		default:
			return nil, fmt.Errorf("principal %q: identifiers of type %T", p.Type, ids)
		}
	}
	return json.Marshal(raw)
}

// UnmarshalJSON reads a principal of a source or override document as the
// provider does: any string is "*" (the only string IAM accepts), a list
// is sorted.
func (ps *tfPrincipalSet) UnmarshalJSON(b []byte) error {
	var data any
	if err := json.Unmarshal(b, &data); err != nil {
		return err
	}
	var out tfPrincipalSet
	switch t := data.(type) {
	case string:
		out = append(out, tfPrincipal{Type: "*", Identifiers: []string{"*"}})
	case map[string]any:
		for _, typ := range slices.Sorted(maps.Keys(t)) {
			switch v := t[typ].(type) {
			case string:
				out = append(out, tfPrincipal{Type: typ, Identifiers: v})
			case []any:
				ids := make([]string, 0, len(v))
				for i, e := range v {
					s, ok := e.(string)
					if !ok {
						return fmt.Errorf("principal %q identifier %d is a %s, not a string", typ, i, jsonKind(e))
					}
					ids = append(ids, s)
				}
				slices.Sort(ids)
				out = append(out, tfPrincipal{Type: typ, Identifiers: ids})
			default:
				return fmt.Errorf("principal %q is a %s, not a string or a list", typ, jsonKind(v))
			}
		}
	default:
		return fmt.Errorf("principal is a %s, not a string or an object", jsonKind(data))
	}
	*ps = out
	return nil
}

func (cs tfConditionSet) MarshalJSON() ([]byte, error) {
	raw := map[string]map[string]any{}
	for _, c := range cs {
		if raw[c.Test] == nil {
			raw[c.Test] = map[string]any{}
		}
		prev, _ := raw[c.Test][c.Variable].([]string)
		// Values keep their order: it is the operator's, not a set's.
		raw[c.Test][c.Variable] = append(slices.Clone(prev), c.Values...)
	}
	for _, vars := range raw {
		for k, v := range vars {
			if list := v.([]string); len(list) == 1 {
				vars[k] = list[0]
			}
		}
	}
	return json.Marshal(raw)
}

// UnmarshalJSON reads a condition of a source or override document. The
// provider turns booleans into strings and silently drops numbers and
// nulls; a dropped condition changes what the policy allows, so numbers
// and nulls are refused here instead (the document is unknown).
func (cs *tfConditionSet) UnmarshalJSON(b []byte) error {
	var data map[string]map[string]any
	if err := json.Unmarshal(b, &data); err != nil {
		return err
	}
	var out tfConditionSet
	for _, test := range slices.Sorted(maps.Keys(data)) {
		vars := data[test]
		for _, variable := range slices.Sorted(maps.Keys(vars)) {
			c := tfCondition{Test: test, Variable: variable}
			switch v := vars[variable].(type) {
			case string:
				c.Values = []string{v}
			case bool:
				c.Values = []string{strconv.FormatBool(v)}
			case []any:
				for i, e := range v {
					s, ok := e.(string)
					if !ok {
						return fmt.Errorf("condition %s %s value %d is a %s, which the provider does not render; write it as a string", test, variable, i, jsonKind(e))
					}
					c.Values = append(c.Values, s)
				}
			default:
				return fmt.Errorf("condition %s %s is a %s, which the provider drops; write it as a string", test, variable, jsonKind(v))
			}
			out = append(out, c)
		}
	}
	*cs = out
	return nil
}

func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		return "number"
	case string:
		return "string"
	case []any:
		return "list"
	}
	return "object"
}

// merge is the provider's Merge: the later document's Id wins, the higher
// Version wins, a statement with a Sid replaces the earlier one with it.
func (d *tfPolicyDoc) merge(next *tfPolicyDoc) {
	if next.Id != "" {
		d.Id = next.Id
	}
	if next.Version > d.Version {
		d.Version = next.Version
	}
	for _, s := range next.Statements {
		i := -1
		if s.Sid != "" {
			i = slices.IndexFunc(d.Statements, func(e *tfPolicyStatement) bool { return e.Sid == s.Sid })
		}
		if i >= 0 {
			d.Statements[i] = s
			continue
		}
		d.Statements = append(d.Statements, s)
	}
}

var sidPattern = regexp.MustCompile(`^[a-zA-Z0-9]*$`)

// policyVars turns the provider's &{aws:username} escape into ${...}: in
// HCL "${" starts an interpolation, so policy variables are written "&{".
var policyVars = strings.NewReplacer("&{", "${")

// renderPolicyDocument renders a wholly known data block body into the
// provider's json (indented) and minified_json.
func renderPolicyDocument(body cty.Value) (string, string, error) {
	for _, gone := range []string{"source_json", "override_json"} {
		if s, ok := str(get(body, gone)); ok && s != "" {
			return "", "", fmt.Errorf("%s is no longer supported by the provider (v5 and later); use %s_policy_documents", gone, strings.TrimSuffix(gone, "_json"))
		}
	}
	merged := &tfPolicyDoc{}
	sources, err := policyDocList(body, "source_policy_documents")
	if err != nil {
		return "", "", err
	}
	sids := map[string]bool{}
	for i, src := range sources {
		doc, err := parsePolicyDoc(src)
		if err != nil {
			return "", "", fmt.Errorf("source_policy_documents[%d]: %w", i, err)
		}
		for j, s := range doc.Statements {
			if s.Sid != "" && sids[s.Sid] {
				return "", "", fmt.Errorf("source_policy_documents[%d]: duplicate Sid %q (statement %d)", i, s.Sid, j)
			}
			sids[s.Sid] = true
		}
		merged.merge(doc)
	}
	doc, err := configPolicyDoc(body)
	if err != nil {
		return "", "", err
	}
	merged.merge(doc)
	overrides, err := policyDocList(body, "override_policy_documents")
	if err != nil {
		return "", "", err
	}
	for i, src := range overrides {
		o, err := parsePolicyDoc(src)
		if err != nil {
			return "", "", fmt.Errorf("override_policy_documents[%d]: %w", i, err)
		}
		merged.merge(o)
	}
	pretty, err := json.MarshalIndent(merged, "", "  ")
	if err != nil {
		return "", "", fmt.Errorf("render JSON: %w", err)
	}
	minified, err := json.Marshal(merged)
	if err != nil {
		return "", "", fmt.Errorf("render JSON: %w", err)
	}
	return string(pretty), string(minified), nil
}

// parsePolicyDoc reads a source or override document with the provider's
// model (Statement must be a list).
func parsePolicyDoc(src string) (*tfPolicyDoc, error) {
	doc := &tfPolicyDoc{}
	if err := json.Unmarshal([]byte(src), doc); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return nil, fmt.Errorf("not valid JSON at byte offset %d: %w", syn.Offset, err)
		}
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) {
			return nil, fmt.Errorf("%s at byte offset %d is a JSON %s, the provider needs a %s", typ.Field, typ.Offset, typ.Value, typ.Type)
		}
		return nil, fmt.Errorf("not a policy document: %w", err)
	}
	return doc, nil
}

// policyDocList reads a list of JSON strings (source/override documents).
func policyDocList(body cty.Value, attr string) ([]string, error) {
	v := get(body, attr)
	if v == cty.NilVal {
		return nil, nil
	}
	elems, ok := elements(v)
	if !ok {
		return nil, fmt.Errorf("%s is not a list of strings", attr)
	}
	out := make([]string, 0, len(elems))
	for i, e := range elems {
		s, ok := str(e)
		if !ok {
			return nil, fmt.Errorf("%s[%d] is not a string", attr, i)
		}
		out = append(out, s)
	}
	return out, nil
}

// configPolicyDoc builds the document the block's own arguments describe.
func configPolicyDoc(body cty.Value) (*tfPolicyDoc, error) {
	doc := &tfPolicyDoc{Version: "2012-10-17"}
	if v := get(body, "version"); v != cty.NilVal {
		s, _ := str(v)
		if s != "2008-10-17" && s != "2012-10-17" {
			return nil, fmt.Errorf("version %q is not 2008-10-17 or 2012-10-17", s)
		}
		doc.Version = s
	}
	if v := get(body, "policy_id"); v != cty.NilVal {
		doc.Id, _ = str(v)
	}
	stmts, _, _ := blocks(body, "statement")
	sids := map[string]bool{}
	for i, sv := range stmts {
		s, err := configStatement(sv, doc.Version)
		if err != nil {
			return nil, fmt.Errorf("statement %d: %w", i, err)
		}
		if s.Sid != "" {
			if sids[s.Sid] {
				return nil, fmt.Errorf("statement %d: duplicate Sid %q", i, s.Sid)
			}
			sids[s.Sid] = true
		}
		doc.Statements = append(doc.Statements, s)
	}
	return doc, nil
}

func configStatement(sv cty.Value, version string) (*tfPolicyStatement, error) {
	s := &tfPolicyStatement{Effect: "Allow"}
	if v := get(sv, "sid"); v != cty.NilVal {
		s.Sid, _ = str(v)
		if !sidPattern.MatchString(s.Sid) {
			return nil, fmt.Errorf("sid %q must only include alphanumeric characters", s.Sid)
		}
	}
	if v := get(sv, "effect"); v != cty.NilVal {
		s.Effect, _ = str(v)
		if s.Effect != "Allow" && s.Effect != "Deny" {
			return nil, fmt.Errorf("effect %q is not Allow or Deny", s.Effect)
		}
	}
	for _, f := range []struct {
		attr string
		dst  *any
		vars bool
	}{
		{"actions", &s.Actions, false},
		{"not_actions", &s.NotActions, false},
		{"resources", &s.Resources, true},
		{"not_resources", &s.NotResources, true},
	} {
		set, err := stringSet(get(sv, f.attr), f.attr)
		if err != nil {
			return nil, err
		}
		if len(set) == 0 {
			continue
		}
		if f.vars {
			if set, err = replacePolicyVars(set, version); err != nil {
				return nil, fmt.Errorf("%s: %w", f.attr, err)
			}
		}
		*f.dst = setValue(set)
	}
	var err error
	if s.Principals, err = configPrincipals(sv, "principals", version); err != nil {
		return nil, err
	}
	if s.NotPrincipals, err = configPrincipals(sv, "not_principals", version); err != nil {
		return nil, err
	}
	if s.Conditions, err = configConditions(sv, version); err != nil {
		return nil, err
	}
	return s, nil
}

func configPrincipals(sv cty.Value, attr, version string) (tfPrincipalSet, error) {
	bs, _, _ := blocks(sv, attr)
	type block struct {
		typ string
		ids []string
	}
	var in []block
	for i, b := range bs {
		typ, ok := str(get(b, "type"))
		if !ok {
			return nil, fmt.Errorf("%s %d: type is required", attr, i)
		}
		if get(b, "identifiers") == cty.NilVal {
			return nil, fmt.Errorf("%s %d: identifiers are required", attr, i)
		}
		ids, err := stringSet(get(b, "identifiers"), attr+" identifiers")
		if err != nil {
			return nil, err
		}
		in = append(in, block{typ, ids})
	}
	// principals is a set of blocks: listed in the SDK's hash order,
	// which decides the order of identifiers merged from several blocks.
	in = sdkSetOrder(in, func(b block) string {
		var sb strings.Builder
		sb.WriteString("identifiers:{")
		for _, id := range sdkSetOrder(b.ids, func(s string) string { return s + ";" }) {
			sb.WriteString(id + ";")
		}
		sb.WriteString("};type:" + b.typ + ";")
		return sb.String()
	})
	var out tfPrincipalSet
	for i, b := range in {
		ids, err := replacePolicyVars(b.ids, version)
		if err != nil {
			return nil, fmt.Errorf("%s %d identifiers: %w", attr, i, err)
		}
		out = append(out, tfPrincipal{Type: b.typ, Identifiers: setValue(ids)})
	}
	return out, nil
}

func configConditions(sv cty.Value, version string) (tfConditionSet, error) {
	bs, _, _ := blocks(sv, "condition")
	var in tfConditionSet
	for i, b := range bs {
		test, ok1 := str(get(b, "test"))
		variable, ok2 := str(get(b, "variable"))
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("condition %d: test and variable are required", i)
		}
		v := get(b, "values")
		elems, ok := elements(v)
		if !ok {
			return nil, fmt.Errorf("condition %d: values must be a list of strings", i)
		}
		values := make([]string, 0, len(elems))
		for j, e := range elems {
			s, ok := str(e)
			if !ok {
				return nil, fmt.Errorf("condition %d: values[%d] is not a string", i, j)
			}
			values = append(values, s)
		}
		in = append(in, tfCondition{Test: test, Variable: variable, Values: values})
	}
	// condition is a set of blocks too: the SDK's order decides how the
	// values of blocks with the same test and variable are joined.
	in = sdkSetOrder(in, func(c tfCondition) string {
		var sb strings.Builder
		sb.WriteString("test:" + c.Test + ";values:(")
		for _, v := range c.Values {
			sb.WriteString(v + ";")
		}
		sb.WriteString(");variable:" + c.Variable + ";")
		return sb.String()
	})
	for i := range in {
		values, err := replacePolicyVars(in[i].Values, version)
		if err != nil {
			return nil, fmt.Errorf("condition %d values: %w", i, err)
		}
		in[i].Values = values
	}
	return in, nil
}

// sdkSetOrder lists set elements as terraform-plugin-sdk's schema.Set
// does: by the decimal string of each element's hash code (CRC-32 of its
// serialisation, SerializeValueForHash), elements with one code being one
// element. The provider renders sets in this order.
func sdkSetOrder[T any](items []T, serialize func(T) string) []T {
	byCode := make(map[string]T, len(items))
	for _, it := range items {
		byCode[strconv.FormatUint(uint64(crc32.ChecksumIEEE([]byte(serialize(it)))), 10)] = it
	}
	out := make([]T, 0, len(byCode))
	for _, k := range slices.Sorted(maps.Keys(byCode)) {
		out = append(out, byCode[k])
	}
	return out
}

// stringSet reads a set of strings: duplicates are one element, the order
// is the provider's (sorted).
func stringSet(v cty.Value, what string) ([]string, error) {
	if v == cty.NilVal {
		return nil, nil
	}
	elems, ok := elements(v)
	if !ok {
		return nil, fmt.Errorf("%s must be a set of strings", what)
	}
	out := make([]string, 0, len(elems))
	seen := make(map[string]bool, len(elems))
	for i, e := range elems {
		s, ok := str(e)
		if !ok {
			return nil, fmt.Errorf("%s element %d is not a string", what, i)
		}
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out, nil
}

// setValue renders a set as the provider does: one element as a string,
// more as a list sorted in reverse.
func setValue(set []string) any {
	if len(set) == 1 {
		return set[0]
	}
	out := slices.Clone(set)
	slices.Sort(out)
	slices.Reverse(out)
	return out
}

func replacePolicyVars(in []string, version string) ([]string, error) {
	out := make([]string, len(in))
	for i, s := range in {
		if version == "2008-10-17" && strings.Contains(s, "&{") {
			return nil, fmt.Errorf("found &{ sequence in (%s), which is not supported in document version 2008-10-17", s)
		}
		out[i] = policyVars.Replace(s)
	}
	return out, nil
}
