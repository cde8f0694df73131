package engine

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-audit/rampart/controls/anchors"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
)

// Control is one Rego package with its typed METADATA.
type Control struct {
	ID            string              `json:"id"`
	Title         string              `json:"title"`
	Description   string              `json:"description,omitempty"`
	Severity      finding.Severity    `json:"severity"`
	ResourceTypes []string            `json:"resource_types"`
	Frameworks    map[string][]string `json:"frameworks"`
	// Equivalents maps an anchor (anchors.Anchors: prowler, trivy, ...) to
	// the anchor's check IDs this control answers in full (docs/controls.md).
	// nil when the METADATA has no custom.equivalents; an empty map when it
	// says, with `equivalents: {}`, that no anchor has an equivalent check.
	Equivalents map[string][]string `json:"equivalents"`
	Remediation Remediation         `json:"remediation"`
	// Related are the resources the control reads beside its subject as
	// input.related.<name> (relations.go), sorted by name.
	Related []Relation `json:"related,omitempty"`
	// Package is the Rego package path, e.g. "rampart.github.org.two_factor".
	Package string `json:"package"`
	// File and Line locate the METADATA block; Source names where the file was loaded from.
	File   string `json:"file"`
	Line   int    `json:"line"`
	Source string `json:"source"`
	// untrusted controls are evaluated in a child process (sandbox.go).
	untrusted bool
}

// Remediation says what to change, once for people at a console or CLI and
// once for Terraform, so the same advice serves the audit and the PR gate.
type Remediation struct {
	Console   string `json:"console"`
	Terraform string `json:"terraform"`
}

// AppliesTo reports whether the control declares the resource type.
func (c *Control) AppliesTo(resourceType string) bool {
	for _, t := range c.ResourceTypes {
		if t == resourceType {
			return true
		}
	}
	return false
}

// IDPattern is the control ID format: platform, service, number (GH-ORG-001, AWS-S3-010).
var IDPattern = regexp.MustCompile(`^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-[0-9]{3}$`)

// ResourceTypePattern is the dotted resource type format (github.repository, aws.s3.bucket).
var ResourceTypePattern = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$`)

// PackageAnnotation returns a module's package-scoped METADATA, or nil.
func PackageAnnotation(m *ast.Module) *ast.Annotations {
	for _, a := range m.Annotations {
		if a.Scope == "package" {
			return a
		}
	}
	return nil
}

// RuleName is the first segment of a rule's head: "deny" for
// `deny contains msg if ...` as for `deny[msg] if ...`.
func RuleName(r *ast.Rule) string {
	if len(r.Head.Reference) > 0 {
		if v, ok := r.Head.Reference[0].Value.(ast.Var); ok {
			return string(v)
		}
	}
	return string(r.Head.Name)
}

// IsLibrary reports whether a package (without the data. prefix) holds
// shared helpers, which carry no control METADATA.
func IsLibrary(pkg string) bool {
	return pkg == LibraryPackage || strings.HasPrefix(pkg, LibraryPackage+".")
}

// controlFromAnnotations decodes package METADATA into a Control: the one
// place the METADATA contract is written. Every missing or mistyped field
// is reported, not just the first, each at the METADATA block.
func controlFromAnnotations(file string, pkg string, a *ast.Annotations, comments []*ast.Comment) (*Control, Problems) {
	c := &Control{Title: a.Title, Description: a.Description, Package: pkg, File: file}
	at := Problem{File: file}
	if a.Location != nil {
		at.Line, at.Col = a.Location.Row, a.Location.Col
		c.Line = a.Location.Row
	}
	var problems Problems
	bad := func(code string, sev Severity, format string, args ...any) {
		p := at
		p.Code, p.Severity, p.Message = code, sev, fmt.Sprintf(format, args...)
		problems = append(problems, p)
	}
	missing := func(format string, args ...any) { bad(CodeFieldMissing, SeverityError, format, args...) }
	mistyped := func(format string, args ...any) { bad(CodeFieldType, SeverityError, format, args...) }
	if strings.TrimSpace(c.Title) == "" {
		missing("METADATA title is required")
	}
	custom := a.Custom
	str := func(key string) string {
		switch v := custom[key].(type) {
		case nil:
			missing("custom.%s is required", key)
		case string:
			return v
		default:
			mistyped("custom.%s must be a string, got %s", key, typeName(v))
		}
		return ""
	}
	c.ID = str("id")
	if c.ID != "" && !IDPattern.MatchString(c.ID) {
		bad(CodeIDFormat, SeverityError, "custom.id %q does not match PLATFORM-SERVICE-NNN (e.g. AWS-S3-010)", c.ID)
	}
	if sev := str("severity"); sev != "" {
		parsed, err := finding.ParseSeverity(sev)
		if err != nil || string(parsed) != sev {
			bad(CodeSeverityUnknown, SeverityError, "custom.severity %q is not one of critical, high, medium, low, info", sev)
		}
		c.Severity = parsed
	}
	switch v := custom["resource_types"].(type) {
	case nil:
		missing("custom.resource_types is required")
	case []any:
		c.ResourceTypes = stringList(v, "resource_types", mistyped)
		if len(v) == 0 {
			mistyped("custom.resource_types must list at least one resource type")
		}
	default:
		mistyped("custom.resource_types must be a list, got %s", typeName(v))
	}
	for _, t := range c.ResourceTypes {
		switch {
		case !ResourceTypePattern.MatchString(t):
			bad(CodeResourceTypeFormat, SeverityError, "resource type %q is not a dotted resource type (e.g. aws.s3.bucket)", t)
		case !evidence.KnownResourceType(t):
			// A warning for the engine: a snapshot may carry types the
			// registry does not list, and a control written for one must
			// still load; lint makes it an error for Rampart's own controls.
			bad(CodeResourceTypeUnknown, SeverityWarning, "resource type %q is not documented in docs/resources.md", t)
		}
	}
	c.Frameworks = map[string][]string{}
	switch fw := custom["frameworks"].(type) {
	case nil:
		missing("custom.frameworks is required (framework → list of references)")
	case map[string]any:
		if len(fw) == 0 {
			mistyped("custom.frameworks must name at least one framework")
		}
		for _, name := range slices.Sorted(maps.Keys(fw)) {
			refs, ok := fw[name].([]any)
			if !ok {
				mistyped("custom.frameworks.%s must be a list of strings, got %s", name, typeName(fw[name]))
				continue
			}
			c.Frameworks[name] = stringList(refs, "frameworks."+name, mistyped)
			if _, known := Frameworks[name]; !known {
				bad(CodeFrameworkUnknown, SeverityWarning, "framework key %q is not one of the documented keys (docs/controls.md)", name)
			}
		}
	default:
		mistyped("custom.frameworks must be a map, got %s", typeName(fw))
	}
	switch rem := custom["remediation"].(type) {
	case nil:
		missing("custom.remediation is required (console and terraform)")
	case map[string]any:
		c.Remediation.Console, _ = rem["console"].(string)
		c.Remediation.Terraform, _ = rem["terraform"].(string)
		for _, k := range []string{"console", "terraform"} {
			if s, _ := rem[k].(string); strings.TrimSpace(s) == "" {
				missing("custom.remediation.%s must be a non-empty string", k)
			}
		}
	default:
		mistyped("custom.remediation must be a map with console and terraform, got %s", typeName(rem))
	}
	c.Related = parseRelated(custom["related"], bad)
	c.Equivalents = parseEquivalents(custom, func(id string) Problem { return locateInBlock(at, comments, id) }, &problems, mistyped)
	return c, problems
}

// stringList returns the strings of a METADATA list, sorted, reporting
// every item that is not one.
func stringList(list []any, field string, bad func(string, ...any)) []string {
	out := make([]string, 0, len(list))
	for _, item := range list {
		s, ok := item.(string)
		if !ok {
			bad("custom.%s must contain only strings, got %s", field, typeName(item))
			continue
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// typeName names a YAML value's type the way an author wrote it.
func typeName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case []any:
		return "a list"
	case map[string]any:
		return "a map"
	case bool:
		return "a boolean"
	case int, float64, uint64, int64:
		return "a number"
	case nil:
		return "nothing"
	}
	return fmt.Sprintf("%T", v)
}

// parseEquivalents decodes custom.equivalents, which is optional: a map
// from an anchor key to a list of that anchor's check IDs. Every key must
// be an anchor and every ID must be in the anchor's checked-in list
// (controls/anchors), so a typo cannot inflate the coverage count; each
// unknown ID is reported at its own line.
func parseEquivalents(custom map[string]any, at func(id string) Problem, problems *Problems, mistyped func(string, ...any)) map[string][]string {
	raw, present := custom["equivalents"]
	if !present {
		return nil
	}
	eq, ok := raw.(map[string]any)
	if !ok {
		if raw == nil {
			// `equivalents:` with nothing after it reads as null: the
			// author meant a map and wrote none, so say how to write "none".
			mistyped("custom.equivalents must be a map from anchor to check IDs (write {} for none), got nothing")
		} else {
			mistyped("custom.equivalents must be a map from anchor to check IDs, got %s", typeName(raw))
		}
		return nil
	}
	out := map[string][]string{}
	for _, key := range slices.Sorted(maps.Keys(eq)) {
		if _, known := anchors.Anchors[key]; !known {
			p := at(key + ":")
			p.Code, p.Severity = CodeEquivalentUnknown, SeverityError
			p.Message = fmt.Sprintf("custom.equivalents: %q is not an anchor (one of %s; see docs/controls.md)", key, strings.Join(anchors.Keys(), ", "))
			*problems = append(*problems, p)
			continue
		}
		list, ok := eq[key].([]any)
		if !ok {
			mistyped("custom.equivalents.%s must be a list of check IDs, got %s", key, typeName(eq[key]))
			continue
		}
		ids := stringList(list, "equivalents."+key, mistyped)
		if len(ids) == 0 {
			mistyped("custom.equivalents.%s is empty: leave the anchor out instead", key)
			continue
		}
		for i, id := range ids {
			if i > 0 && ids[i-1] == id {
				mistyped("custom.equivalents.%s lists %q twice", key, id)
				continue
			}
			if _, _, found := anchors.Lookup(key, id); !found {
				p := at(id)
				p.Code, p.Severity = CodeEquivalentUnknown, SeverityError
				p.Message = fmt.Sprintf("custom.equivalents.%s: %q is not a check in the checked-in %s list (controls/anchors)", key, id, anchors.Anchors[key])
				*problems = append(*problems, p)
			}
		}
		out[key] = slices.Compact(ids)
	}
	return out
}

// locateInBlock returns the problem located at the first line of the
// METADATA block (the contiguous comment lines from its start) that
// contains text, or at the block when none does.
func locateInBlock(at Problem, comments []*ast.Comment, text string) Problem {
	row := at.Line
	for _, c := range comments {
		if c.Location == nil || c.Location.Row < at.Line {
			continue
		}
		if c.Location.Row > row+1 {
			break // the block ended
		}
		row = c.Location.Row
		if strings.Contains(string(c.Text), text) {
			p := at
			p.Line, p.Col = c.Location.Row, c.Location.Col
			return p
		}
	}
	return at
}
