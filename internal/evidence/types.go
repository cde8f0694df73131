package evidence

import (
	"slices"
	"strings"
)

// The resource-type registry is the contract between the producers of
// evidence (live collectors, the Terraform mapping, recorded snapshots) and
// the controls: every type a producer may emit, the attributes it carries
// with their JSON kinds, and which producer can know each one. It lives in
// the hand-off stage so that producers take their type names from it,
// lint checks controls against it and docs/resources.md is generated from
// it (TestResourcesDoc); TestProducersConform holds every collector,
// Terraform and example golden to it. Adding a type is one entry in
// types_aws.go or types_github.go plus the producers' own code.

// Kind is the JSON shape of an attribute value.
type Kind string

// The kinds an attribute may have.
const (
	KindBool   Kind = "bool"
	KindString Kind = "string"
	KindNumber Kind = "number"
	KindObject Kind = "object"
	KindList   Kind = "list"
)

// Producers says which producers can fill an attribute with a value. A
// producer not named never knows it: it leaves the attribute absent or
// names it in the resource's unknown map, so a control on it reports
// not_evaluated there (e.g. an IAM user's MFA devices in Terraform).
type Producers uint8

// Producers of evidence. Recorded snapshots replay what a live collector
// produced, so they count as Live.
const (
	Live Producers = 1 << iota
	Terraform
	Both = Live | Terraform
)

// String is how docs/resources.md names the producers.
func (p Producers) String() string {
	switch p {
	case Both:
		return "live, terraform"
	case Live:
		return "live"
	case Terraform:
		return "terraform"
	}
	return "none"
}

// Attribute is one documented attribute of a resource type.
type Attribute struct {
	// Name is the attribute's key; a field of an object attribute is
	// dotted (encryption.enabled). An object with declared fields is
	// closed: a producer may write no other field. An object without
	// declared fields (a policy document, regions keyed by region name)
	// is open, and so is every list.
	Name string
	Kind Kind
	// Shape, when set, replaces the kind in the document's type column
	// ("list of `{serial_number}`").
	Shape string
	// From names the producers that can know the value.
	From        Producers
	Description string
}

// ResourceType is one registered resource type.
type ResourceType struct {
	Name string
	// ID says how the resource is identified (Markdown).
	ID string
	// Scope lists the scope fields a live resource of this type carries,
	// platform first. A Terraform resource carries platform terraform,
	// path, and of these region, org and repo when known.
	Scope []string
	// Platform is scope.platform of the live resources.
	Platform string
	// Collector names the live collector that produces the type
	// (rampart collect <Collector>); empty when none does.
	Collector string
	// Terraform is set when the Terraform mapping produces the type.
	Terraform bool
	// ScopeNote follows the scope in the document; Notes follow the first
	// line, Footer the attribute table (Markdown).
	ScopeNote, Notes, Footer string
	Attributes               []Attribute
}

// Attribute returns the declared attribute name (dotted for nested ones).
func (t *ResourceType) Attribute(name string) (Attribute, bool) {
	for _, a := range t.Attributes {
		if a.Name == name {
			return a, true
		}
	}
	return Attribute{}, false
}

// closed reports whether the object attribute name has declared fields.
func (t *ResourceType) closed(name string) bool {
	prefix := name + "."
	for _, a := range t.Attributes {
		if strings.HasPrefix(a.Name, prefix) {
			return true
		}
	}
	return false
}

// registry holds every type, in the order docs/resources.md lists them.
var registry = slices.Concat(githubTypes, awsTypes, awsEdgeTypes, awsEC2RDSTypes, awsComputeTypes, awsDataTypes, awsThreatTypes, awsLogsTypes, awsBackupTypes, awsOrgTypes)

// byName indexes registry; built once, read-only afterwards.
var byName = func() map[string]*ResourceType {
	m := make(map[string]*ResourceType, len(registry))
	for i := range registry {
		m[registry[i].Name] = &registry[i]
	}
	return m
}()

// ResourceTypes returns the registered types in document order. The
// slice is a copy; the attributes are shared and must not be modified.
func ResourceTypes() []ResourceType { return slices.Clone(registry) }

// LookupResourceType returns the registered type called name.
func LookupResourceType(name string) (ResourceType, bool) {
	t, ok := byName[name]
	if !ok {
		return ResourceType{}, false
	}
	return *t, true
}

// KnownResourceType reports whether t is a registered resource type.
func KnownResourceType(t string) bool {
	_, ok := byName[t]
	return ok
}

// ResourceTypeNames returns the registered types, sorted.
func ResourceTypeNames() []string {
	out := make([]string, 0, len(registry))
	for _, t := range registry {
		out = append(out, t.Name)
	}
	slices.Sort(out)
	return out
}

// TypesFor returns, in document order, the types the live collector
// called collector ("aws", "github") produces, for its help text and its
// list of what a cut-short run did not collect.
func TypesFor(collector string) []string {
	var out []string
	for _, t := range registry {
		if t.Collector == collector {
			out = append(out, t.Name)
		}
	}
	return out
}

// TerraformTypes returns the types the Terraform mapping produces, sorted:
// a module that could not be read may hold any of them.
func TerraformTypes() []string {
	var out []string
	for _, t := range registry {
		if t.Terraform {
			out = append(out, t.Name)
		}
	}
	slices.Sort(out)
	return out
}

// TypeList names the types the live collector called collector produces,
// as prose: "github.organization, github.member and github.repository".
func TypeList(collector string) string {
	types := TypesFor(collector)
	switch len(types) {
	case 0:
		return ""
	case 1:
		return types[0]
	}
	return strings.Join(types[:len(types)-1], ", ") + " and " + types[len(types)-1]
}

// helpWidth is where collector help paragraphs wrap, as the rest of the
// hand-wrapped help text does.
const helpWidth = 75

// CollectorHelp is the opening paragraph of `rampart collect NAME --help`:
// before, the collector's types (TypeList) and after, wrapped at 75
// columns, so the help lists exactly what the registry says it produces.
func CollectorHelp(collector, before, after string) string {
	var b strings.Builder
	line := 0
	for i, w := range strings.Fields(before + TypeList(collector) + after) {
		if i > 0 && line+1+len(w) > helpWidth {
			b.WriteByte('\n')
			line = 0
		} else if i > 0 {
			b.WriteByte(' ')
			line++
		}
		b.WriteString(w)
		line += len(w)
	}
	return b.String()
}
