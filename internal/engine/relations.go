package engine

import (
	"fmt"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
)

// A control sees one resource as input; some truths need others beside it
// (an account with no trail that logs everywhere; an instance behind an open
// security group). A control declares those in METADATA custom.related and
// reads them as input.related.<name>, a list of resources shaped like input.
// The engine indexes the snapshot once per run for every declared join, so a
// subject finds its related resources by map look-up, never by a scan, and
// it decides before evaluating whether what the control would see is
// complete: a related type not collected where the join looks, or a join
// value that is unknown, makes the result not_evaluated with that reason.

// Join kinds of a relation.
const (
	JoinAccount   = "account"   // same platform account (see AccountKey)
	JoinRegion    = "region"    // same account and scope.region
	JoinAttribute = "attribute" // the subject's attribute value(s) = the related resources' key (or ID)
)

// Relation is one entry of a control's custom.related.
type Relation struct {
	// Name is the key under input.related.
	Name string `json:"name"`
	// Type is the related resources' type.
	Type string `json:"type"`
	// Join is JoinAccount, JoinRegion or JoinAttribute.
	Join string `json:"join"`
	// Attribute is the subject's attribute holding the reference (a string
	// or a list of strings; dotted for a nested field), for JoinAttribute.
	Attribute string `json:"attribute,omitempty"`
	// Key is the related resources' attribute the reference is matched
	// against; empty matches their ID.
	Key string `json:"key,omitempty"`
}

// RelationNamePattern is what a relation may be called: it is read as
// input.related.<name>.
var RelationNamePattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// parseRelated decodes custom.related: a map of name → {type, join}, join
// being "account", "region" or {attribute, key?}. Every problem is
// reported, each with CodeRelatedInvalid.
func parseRelated(v any, bad func(code string, sev Severity, format string, args ...any)) []Relation {
	if v == nil {
		return nil
	}
	invalid := func(format string, args ...any) { bad(CodeRelatedInvalid, SeverityError, format, args...) }
	m, ok := v.(map[string]any)
	if !ok {
		invalid("custom.related must be a map of name → {type, join}, got %s", typeName(v))
		return nil
	}
	var out []Relation
	for _, name := range slices.Sorted(maps.Keys(m)) {
		at := "custom.related." + name
		if !RelationNamePattern.MatchString(name) {
			invalid("%s: the name must be lower case letters, digits and _ (it is read as input.related.%s)", at, name)
			continue
		}
		spec, ok := m[name].(map[string]any)
		if !ok {
			invalid("%s must be a map with type and join, got %s", at, typeName(m[name]))
			continue
		}
		rel := Relation{Name: name}
		good := true
		for _, k := range slices.Sorted(maps.Keys(spec)) {
			if k != "type" && k != "join" {
				invalid("%s: unknown field %q (type, join)", at, k)
				good = false
			}
		}
		switch t := spec["type"].(type) {
		case string:
			rel.Type = t
			switch {
			case !ResourceTypePattern.MatchString(t):
				invalid("%s.type %q is not a dotted resource type (e.g. aws.cloudtrail.trail)", at, t)
				good = false
			case !evidence.KnownResourceType(t):
				bad(CodeResourceTypeUnknown, SeverityWarning, "%s.type %q is not documented in docs/resources.md", at, t)
			}
		case nil:
			invalid("%s.type is required", at)
			good = false
		default:
			invalid("%s.type must be a string, got %s", at, typeName(t))
			good = false
		}
		switch j := spec["join"].(type) {
		case string:
			if j != JoinAccount && j != JoinRegion {
				invalid("%s.join %q is not account, region or {attribute: ..., key: ...}", at, j)
				good = false
			}
			rel.Join = j
		case map[string]any:
			rel.Join = JoinAttribute
			for _, k := range slices.Sorted(maps.Keys(j)) {
				if k != "attribute" && k != "key" {
					invalid("%s.join: unknown field %q (attribute, key)", at, k)
					good = false
				}
			}
			if a, ok := j["attribute"].(string); ok && strings.TrimSpace(a) != "" {
				rel.Attribute = a
			} else {
				invalid("%s.join.attribute must name the subject's attribute holding the reference", at)
				good = false
			}
			switch k := j["key"].(type) {
			case nil:
			case string:
				rel.Key = k
			default:
				invalid("%s.join.key must be a string (the related attribute; omit it to match the ID), got %s", at, typeName(k))
				good = false
			}
		case nil:
			invalid("%s.join is required (account, region or {attribute: ..., key: ...})", at)
			good = false
		default:
			invalid("%s.join must be account, region or {attribute: ..., key: ...}, got %s", at, typeName(j))
			good = false
		}
		if good {
			out = append(out, rel)
		}
	}
	return out
}

// AccountKey is the account a resource belongs to for joins, prefixed by
// its platform so live and Terraform evidence never join each other: the
// AWS account (scope.account_id), the GitHub organisation (scope.org), or
// for Terraform evidence the root module — the root module and its
// provider are the account. The Terraform mapping names every resource
// <root>/<address> and an address has no "/" outside its ["key"]
// brackets, so the root is the ID's directory up to the first bracket.
func AccountKey(r evidence.Resource) string {
	return accountKey(r.Scope, r.ID)
}

func accountKey(s evidence.Scope, id string) string {
	var acct string
	switch {
	case s.Platform == "terraform":
		if i := strings.IndexByte(id, '['); i >= 0 {
			id = id[:i]
		}
		acct = path.Dir(id)
	case s.AccountID != "":
		acct = s.AccountID
	default:
		acct = s.Org
	}
	return s.Platform + "\x00" + acct
}

// gapAccount is the account a collection gap covers; "" when it covers the
// whole platform (a Terraform module that could not be read names a file,
// not its root, so it may hold any root's resources).
func gapAccount(g evidence.NotCollected) string {
	if g.Scope.Platform == "terraform" || (g.Scope.AccountID == "" && g.Scope.Org == "") {
		return ""
	}
	return accountKey(g.Scope, g.ScopeID)
}

type typeKey struct{ typ, key string }

type valueKey struct{ typ, key, value string }

// relIndex is the snapshot indexed for every relation the loaded controls
// declare, built once per run and read by every worker.
type relIndex struct {
	resources []evidence.Resource
	// values and inputs are each related resource's input, converted once
	// (values for in-process queries, inputs for evaluation children).
	values map[int]ast.Value
	inputs map[int]map[string]any
	// byAccount and byRegion map (type, account[, region]) to resources.
	byAccount map[typeKey][]int
	byRegion  map[typeKey][]int
	// byValue maps (type, key attribute, value) to resources; key "" is the ID.
	byValue map[valueKey][]int
	// unknownKey is, per (type, key attribute) and platform, a resource
	// whose key attribute is unknown: a reference matching nothing may
	// mean that resource.
	unknownKey map[valueKey]int
	// gaps lists the collection gaps of each type.
	gaps map[string][]evidence.NotCollected
	// read says which related types the snapshot lists as read completely,
	// and where (collected.go).
	read readIndex
}

// relations lists every distinct relation of the loaded controls.
func (e *Engine) relations() []Relation {
	seen := map[Relation]bool{}
	var out []Relation
	for _, ctl := range e.catalog.Controls {
		for _, rel := range ctl.Related {
			if !seen[rel] {
				seen[rel] = true
				out = append(out, rel)
			}
		}
	}
	return out
}

// newRelIndex indexes the snapshot for rels; nil when no control has any.
func newRelIndex(snap *evidence.Snapshot, rels []Relation, env Env) (*relIndex, error) {
	if len(rels) == 0 {
		return nil, nil
	}
	idx := &relIndex{
		resources: snap.Resources, values: map[int]ast.Value{}, inputs: map[int]map[string]any{},
		byAccount: map[typeKey][]int{}, byRegion: map[typeKey][]int{},
		byValue: map[valueKey][]int{}, unknownKey: map[valueKey]int{},
		gaps: map[string][]evidence.NotCollected{},
		read: newReadIndex(snap),
	}
	related := map[string]bool{}
	keys := map[string][]string{} // type → key attributes joined on
	for _, rel := range rels {
		related[rel.Type] = true
		if rel.Join == JoinAttribute && !slices.Contains(keys[rel.Type], rel.Key) {
			keys[rel.Type] = append(keys[rel.Type], rel.Key)
		}
	}
	for i, r := range snap.Resources {
		if !related[r.Type] {
			continue
		}
		in := env.relatedInput(r)
		v, err := ast.InterfaceToValue(in)
		if err != nil {
			return nil, fmt.Errorf("convert related resource %s %s to Rego input: %w", r.Type, r.ID, err)
		}
		idx.values[i], idx.inputs[i] = v, in
		acct := AccountKey(r)
		idx.byAccount[typeKey{r.Type, acct}] = append(idx.byAccount[typeKey{r.Type, acct}], i)
		reg := typeKey{r.Type, acct + "\x00" + r.Scope.Region}
		idx.byRegion[reg] = append(idx.byRegion[reg], i)
		for _, key := range keys[r.Type] {
			if key == "" {
				idx.byValue[valueKey{r.Type, "", r.ID}] = append(idx.byValue[valueKey{r.Type, "", r.ID}], i)
				continue
			}
			if _, unknown := lookupUnknown(r.Unknown, key); unknown {
				uk := valueKey{r.Type, key, r.Scope.Platform}
				if _, seen := idx.unknownKey[uk]; !seen {
					idx.unknownKey[uk] = i
				}
				continue
			}
			vals, _ := stringValues(attribute(r.Attributes, key))
			for _, s := range vals {
				vk := valueKey{r.Type, key, s}
				idx.byValue[vk] = append(idx.byValue[vk], i)
			}
		}
	}
	for _, g := range snap.NotCollected {
		if related[g.ResourceType] {
			idx.gaps[g.ResourceType] = append(idx.gaps[g.ResourceType], g)
		}
	}
	return idx, nil
}

// relatedInput is a related resource as a control sees it: the same shape
// as input, with its system; the run's settings are on input already.
func (env Env) relatedInput(r evidence.Resource) map[string]any {
	var sys *System
	if s, ok := env.Systems[r.System]; ok && r.System != "" {
		sys = &s
	}
	return Input(r, sys)
}

// blocked says why a control cannot be evaluated on its subject: the
// related resources it would see are not complete.
type blocked struct {
	status  finding.Status
	message string
}

// related finds the resources of rel for subject r: their indices in the
// snapshot, or why the control must not be evaluated.
func (idx *relIndex) related(r evidence.Resource, rel Relation) ([]int, *blocked) {
	acct := AccountKey(r)
	notCollected := func(match func(evidence.NotCollected) bool) *blocked {
		for _, g := range idx.gaps[rel.Type] {
			if match(g) {
				return &blocked{finding.NotEvaluated, fmt.Sprintf("related %s (%s) not collected in %s: %s", rel.Name, rel.Type, g.ScopeID, gapReason(g))}
			}
		}
		return nil
	}
	sameAccount := func(g evidence.NotCollected) bool {
		if g.Scope.Platform != r.Scope.Platform {
			return false
		}
		ga := gapAccount(g)
		return ga == "" || ga == acct
	}
	switch rel.Join {
	case JoinAccount:
		if b := notCollected(sameAccount); b != nil {
			return nil, b
		}
		if b := idx.read.unread(r, rel, false); b != nil {
			return nil, b
		}
		return idx.byAccount[typeKey{rel.Type, acct}], nil
	case JoinRegion:
		if b := notCollected(func(g evidence.NotCollected) bool {
			return sameAccount(g) && (g.Scope.Region == "" || g.Scope.Region == r.Scope.Region)
		}); b != nil {
			return nil, b
		}
		if b := idx.read.unread(r, rel, true); b != nil {
			return nil, b
		}
		return idx.byRegion[typeKey{rel.Type, acct + "\x00" + r.Scope.Region}], nil
	}
	if why, unknown := lookupUnknown(r.Unknown, rel.Attribute); unknown {
		return nil, &blocked{finding.NotEvaluated, fmt.Sprintf("related %s: %s unknown: %s", rel.Name, rel.Attribute, why)}
	}
	refs, ok := stringValues(attribute(r.Attributes, rel.Attribute))
	if !ok {
		return nil, &blocked{finding.Error, fmt.Sprintf("related %s: attribute %s must be a string or a list of strings to join %s on", rel.Name, rel.Attribute, rel.Type)}
	}
	var out []int
	for _, ref := range refs {
		hits := idx.byValue[valueKey{rel.Type, rel.Key, ref}]
		if len(hits) > 0 {
			for _, i := range hits {
				if !slices.Contains(out, i) {
					out = append(out, i)
				}
			}
			continue
		}
		// Nothing matches the reference: the resource may be where the
		// collector could not look, or one whose key is unknown. Join keys
		// are identifiers (IDs, names), so a reference that did match
		// needs neither check.
		if b := notCollected(func(g evidence.NotCollected) bool { return g.Scope.Platform == r.Scope.Platform }); b != nil {
			return nil, b
		}
		if b := idx.read.unread(r, rel, false); b != nil {
			return nil, b
		}
		if i, ok := idx.unknownKey[valueKey{rel.Type, rel.Key, r.Scope.Platform}]; ok {
			o := idx.resources[i]
			why, _ := lookupUnknown(o.Unknown, rel.Key)
			return nil, &blocked{finding.NotEvaluated, fmt.Sprintf("related %s: %s matches no %s, and %s has %s unknown: %s", rel.Name, ref, rel.Type, o.ID, rel.Key, why)}
		}
	}
	slices.Sort(out) // snapshot order, whatever the order of the references
	return out, nil
}

func gapReason(g evidence.NotCollected) string {
	msg := g.Reason
	if g.MissingPermission != "" {
		msg += " (missing permission: " + g.MissingPermission + ")"
	}
	return msg
}

// attribute reads a dotted attribute path; nil when any step is absent.
func attribute(attrs map[string]any, name string) any {
	var cur any = attrs
	for part := range strings.SplitSeq(name, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[part]
	}
	return cur
}

// stringValues accepts a join value: absent (no references), a string, or
// a list of strings; ok is false for anything else.
func stringValues(v any) (out []string, ok bool) {
	switch x := v.(type) {
	case nil:
		return nil, true
	case string:
		return []string{x}, true
	case []string:
		return x, true
	case []any:
		for _, item := range x {
			s, isStr := item.(string)
			if !isStr {
				return nil, false
			}
			out = append(out, s)
		}
		return out, true
	}
	return nil, false
}

// relate builds input.related for subject r over rels: the Rego value of
// each relation's resources (for the batch), and why each relation that
// cannot be trusted blocks its controls.
func (idx *relIndex) relate(r evidence.Resource, rels []Relation) (ast.Value, map[string]*blocked) {
	obj := ast.NewObject()
	var blocks map[string]*blocked
	for _, rel := range rels {
		hits, b := idx.related(r, rel)
		if b != nil {
			if blocks == nil {
				blocks = map[string]*blocked{}
			}
			blocks[rel.Name] = b
			// The control's result is replaced; an empty list keeps the
			// other controls of the batch evaluating normally.
		}
		terms := make([]*ast.Term, len(hits))
		for i, h := range hits {
			terms[i] = ast.NewTerm(idx.values[h])
		}
		obj.Insert(ast.StringTerm(rel.Name), ast.ArrayTerm(terms...))
	}
	return obj, blocks
}

// valueAt is the converted document of the snapshot's resource at index
// when the index holds it (a resource some control relates to), else nil.
func (idx *relIndex) valueAt(index int) ast.Value {
	if idx == nil || index < 0 {
		return nil
	}
	return idx.values[index]
}

// relateJSON is relate for an evaluation child, which receives JSON.
func (idx *relIndex) relateJSON(r evidence.Resource, rels []Relation) (map[string]any, *blocked) {
	out := make(map[string]any, len(rels))
	for _, rel := range rels {
		hits, b := idx.related(r, rel)
		if b != nil {
			return nil, b
		}
		list := make([]any, len(hits))
		for i, h := range hits {
			list[i] = idx.inputs[h]
		}
		out[rel.Name] = list
	}
	return out, nil
}

// blockedBy returns the first relation of ctl that blocks it, if any.
func blockedBy(ctl *Control, blocks map[string]*blocked) *blocked {
	for _, rel := range ctl.Related {
		if b := blocks[rel.Name]; b != nil {
			return b
		}
	}
	return nil
}

// batchGroups splits the controls of one type into groups whose related
// names agree, so each group shares one input document: two controls may
// both call a relation "trails" with different joins, and each must see
// its own.
func batchGroups(controls []*Control) [][]*Control {
	var groups [][]*Control
	var names []map[string]Relation
next:
	for _, ctl := range controls {
		for g := range groups {
			if compatible(names[g], ctl.Related) {
				groups[g] = append(groups[g], ctl)
				for _, rel := range ctl.Related {
					names[g][rel.Name] = rel
				}
				continue next
			}
		}
		m := map[string]Relation{}
		for _, rel := range ctl.Related {
			m[rel.Name] = rel
		}
		groups = append(groups, []*Control{ctl})
		names = append(names, m)
	}
	return groups
}

func compatible(names map[string]Relation, rels []Relation) bool {
	for _, rel := range rels {
		if prev, ok := names[rel.Name]; ok && prev != rel {
			return false
		}
	}
	return true
}

// groupRelations is the union of a group's relations, by name.
func groupRelations(controls []*Control) []Relation {
	seen := map[string]bool{}
	var out []Relation
	for _, ctl := range controls {
		for _, rel := range ctl.Related {
			if !seen[rel.Name] {
				seen[rel.Name] = true
				out = append(out, rel)
			}
		}
	}
	return out
}
