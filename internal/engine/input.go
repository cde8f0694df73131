package engine

import (
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// The input document as a Rego value, built directly.
//
// Every evaluation was given ast.InterfaceToValue(env.input(r)): a Go map
// built per resource (with scopeMap's and stringMap's maps, and the
// system's) and then converted, the run's settings and a resource's system
// converted again for every resource, and the whole document converted
// once per batch group of the resource's type, not once per resource
// (issue 16). runInputs converts what a run shares once and builds the
// top level of each resource's document as ast terms; only the attributes,
// which are the resource's own, go through ast.InterfaceToValue. The value
// is equal to the old one (TestInputValueIsInterfaceToValue), so every
// control sees the same document.

// Keys of the input document, shared by every resource's object as OPA
// shares its interned terms: an evaluation never writes to its input.
// Strings are OPA's interned terms where it has one, as
// ast.InterfaceToValue gives interned values, so a comparison with a
// policy's constant finds the same string.
var (
	inputKeyType       = ast.InternedTerm("type")
	inputKeyID         = ast.InternedTerm("id")
	inputKeyScope      = ast.InternedTerm("scope")
	inputKeyAttributes = ast.InternedTerm("attributes")
	inputKeyUnknown    = ast.InternedTerm("unknown")
	inputKeySystem     = ast.InternedTerm("system")
	inputKeySettings   = ast.InternedTerm("settings")
	inputKeyRelated    = ast.InternedTerm("related")
)

// runInputs converts the resources of one run to Rego input documents.
// It is read-only once built, so the workers share it.
type runInputs struct {
	// settings is input.settings, nil when the run has none.
	settings *ast.Term
	// settingsErr is the conversion error of the settings: every
	// resource's document then fails to convert, as it did whole.
	settingsErr error
	// systems are input.system by system ID, for the systems Env knows.
	systems map[string]*ast.Term
}

// newRunInputs converts what the resources share: the settings, and the
// systems that claim any of resources (not every system Env knows: a
// run of a few resources, as an incremental or a mutation run makes, must
// not convert a large workspace's every system).
func newRunInputs(env Env, resources []evidence.Resource) *runInputs {
	in := &runInputs{}
	if env.Settings != nil {
		v, err := ast.InterfaceToValue(env.Settings)
		if err != nil {
			in.settingsErr = err
		} else {
			in.settings = ast.NewTerm(v)
		}
	}
	if len(env.Systems) == 0 {
		return in
	}
	for _, r := range resources {
		if _, done := in.systems[r.System]; done {
			continue
		}
		if sys, ok := env.Systems[r.System]; ok {
			if in.systems == nil {
				in.systems = map[string]*ast.Term{}
			}
			in.systems[r.System] = ast.NewTerm(systemValue(sys))
		}
	}
	return in
}

// value is the document a control sees as input for r, without
// input.related: the value of ast.InterfaceToValue(env.input(r)).
// asRelated, when not nil, is r as the join index converted it for the
// controls that relate to it (Env.relatedInput: the same document without
// the settings); it is used rather than converting r a second time.
func (in *runInputs) value(r evidence.Resource, asRelated ast.Value) (ast.Object, error) {
	if in.settingsErr != nil {
		return nil, in.settingsErr
	}
	if rel, ok := asRelated.(ast.Object); ok {
		if in.settings == nil {
			return rel, nil
		}
		return withMember(rel, inputKeySettings, in.settings), nil
	}
	attrs, err := ast.InterfaceToValue(r.Attributes)
	if err != nil {
		return nil, err
	}
	kvs := make([][2]*ast.Term, 0, 7)
	kvs = append(kvs,
		[2]*ast.Term{inputKeyType, ast.InternedTerm(r.Type)},
		[2]*ast.Term{inputKeyID, ast.InternedTerm(r.ID)},
		[2]*ast.Term{inputKeyScope, ast.NewTerm(scopeValue(r.Scope))},
		[2]*ast.Term{inputKeyAttributes, ast.NewTerm(attrs)},
		[2]*ast.Term{inputKeyUnknown, ast.NewTerm(stringsValue(r.Unknown))},
	)
	// Env.input's rule: a resource claimed by a system the run knows.
	if sys, ok := in.systems[r.System]; ok && r.System != "" {
		kvs = append(kvs, [2]*ast.Term{inputKeySystem, sys})
	}
	if in.settings != nil {
		kvs = append(kvs, [2]*ast.Term{inputKeySettings, in.settings})
	}
	return ast.NewObject(kvs...), nil
}

// withRelated is base with input.related added: a new object sharing
// base's terms, so each batch group of a resource gets its own related
// list without converting the resource again.
func withRelated(base ast.Object, related ast.Value) ast.Object {
	return withMember(base, inputKeyRelated, ast.NewTerm(related))
}

// withMember is a new object of base's members, their terms shared, and
// key: value.
func withMember(base ast.Object, key, value *ast.Term) ast.Object {
	kvs := make([][2]*ast.Term, 0, base.Len()+1)
	base.Foreach(func(k, v *ast.Term) { kvs = append(kvs, [2]*ast.Term{k, v}) })
	return ast.NewObject(append(kvs, [2]*ast.Term{key, value})...)
}

// scopeValue is scopeMap as a Rego object: the platform always, the other
// parts where set.
func scopeValue(s evidence.Scope) ast.Object {
	kvs := make([][2]*ast.Term, 0, 6)
	kvs = append(kvs, [2]*ast.Term{ast.InternedTerm("platform"), ast.InternedTerm(s.Platform)})
	for _, part := range [...]struct{ key, value string }{
		{"org", s.Org}, {"repo", s.Repo}, {"account_id", s.AccountID}, {"region", s.Region}, {"path", s.Path},
	} {
		if part.value != "" {
			kvs = append(kvs, [2]*ast.Term{ast.InternedTerm(part.key), ast.InternedTerm(part.value)})
		}
	}
	return ast.NewObject(kvs...)
}

// stringsValue is stringMap as a Rego object.
func stringsValue(m map[string]string) ast.Object {
	kvs := make([][2]*ast.Term, 0, len(m))
	for k, v := range m {
		kvs = append(kvs, [2]*ast.Term{ast.InternedTerm(k), ast.InternedTerm(v)})
	}
	return ast.NewObject(kvs...)
}

// systemValue is Input's input.system for sys.
func systemValue(sys System) ast.Object {
	return ast.NewObject(
		[2]*ast.Term{ast.InternedTerm("id"), ast.InternedTerm(sys.ID)},
		[2]*ast.Term{ast.InternedTerm("classification"), ast.InternedTerm(sys.Classification)},
		[2]*ast.Term{ast.InternedTerm("owner"), ast.InternedTerm(sys.Owner)},
		[2]*ast.Term{ast.InternedTerm("internet_facing"), ast.InternedTerm(sys.InternetFacing)},
	)
}
