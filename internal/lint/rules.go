package lint

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
)

// Rule names, as printed and as SARIF rule IDs.
const (
	RuleMetadataMissing     = "metadata-missing"
	RuleMetadataField       = "metadata-field"
	RuleIDFormat            = "id-format"
	RuleIDDuplicate         = "id-duplicate"
	RulePackageDuplicate    = "package-duplicate"
	RuleSeverityUnknown     = "severity-unknown"
	RuleResourceTypeUnknown = "resource-type-unknown"
	RuleFrameworkUnknown    = "framework-unknown"
	RuleDenyMissing         = "deny-missing"
	RuleForbiddenBuiltin    = "forbidden-builtin"
	RuleTestMissing         = "test-missing"
	RuleUnusedRule          = "rule-unused"
	RuleDeprecatedSyntax    = "deprecated-syntax"
)

// rule is one check over every parsed module at once (uniqueness, tests
// and unused rules need the whole set).
type rule struct {
	Name        string
	Level       Level
	Description string
	check       func(mods []*module) []Finding
}

// RuleInfo describes a rule for documentation and SARIF.
type RuleInfo struct {
	Name, Description string
	Level             Level
}

// Rules lists every rule in the order they run.
func Rules() []RuleInfo {
	out := make([]RuleInfo, len(rules))
	for i, r := range rules {
		out[i] = RuleInfo{Name: r.Name, Description: r.Description, Level: r.Level}
	}
	return out
}

// rules is the registry; deprecated-syntax is also raised while parsing,
// for files that only parse as Rego v0.
var rules = []rule{
	{RuleMetadataMissing, LevelError, "a control package (not " + engine.LibraryPackage + ", not a test) has no package-scoped # METADATA", checkMetadataMissing},
	{RuleMetadataField, LevelError, "a required METADATA field is missing or has the wrong type: title, custom.id, severity, resource_types, frameworks, remediation.console/terraform", checkMetadataFields},
	{RuleIDFormat, LevelError, "custom.id does not match PLATFORM-SERVICE-NNN", checkIDFormat},
	{RuleIDDuplicate, LevelError, "two controls share a custom.id", checkIDDuplicate},
	{RulePackageDuplicate, LevelError, "two files declare the same control package, so Rego merges their rules", checkPackageDuplicate},
	{RuleSeverityUnknown, LevelError, "custom.severity is not critical, high, medium, low or info", checkSeverity},
	{RuleResourceTypeUnknown, LevelError, "a resource type in custom.resource_types is not documented in docs/resources.md", checkResourceTypes},
	{RuleFrameworkUnknown, LevelWarning, "a framework key in custom.frameworks is not one of the documented keys", checkFrameworks},
	{RuleDenyMissing, LevelError, "a control package defines no deny rule, so it can never fail", checkDeny},
	{RuleForbiddenBuiltin, LevelError, "a call to a network, host or non-deterministic built-in, which controls cannot use", checkForbidden},
	{RuleUnguardedAttribute, LevelWarning, "deny reads an input path (an attribute at any depth, a list element's field, input.system) that no unknown rule tests in a negated expression, so a resource without it passes unseen", checkGuards},
	{RuleTestMissing, LevelError, "no test module refers to the control's package", checkTests},
	{RuleUnusedRule, LevelWarning, "a helper rule of a control package that no rule refers to", checkUnused},
	{RuleDeprecatedSyntax, LevelWarning, "Rego v0 syntax, redundant future.keywords or rego.v1 imports, or deprecated built-ins", checkDeprecated},
}

// controls returns the non-test, non-library modules with their METADATA.
func controls(mods []*module) []*module {
	var out []*module
	for _, m := range mods {
		if !m.test && !m.library() {
			out = append(out, m)
		}
	}
	return out
}

func at(m *module, loc *ast.Location, rule string, level Level, format string, args ...any) Finding {
	f := Finding{File: m.file, Rule: rule, Level: level, Message: fmt.Sprintf(format, args...)}
	if loc != nil {
		f.Line, f.Col = loc.Row, loc.Col
	}
	return f
}

func annLoc(m *module) *ast.Location {
	if a := packageAnnotation(m.mod); a != nil && a.Location != nil {
		return a.Location
	}
	return m.mod.Package.Location
}

func checkMetadataMissing(mods []*module) []Finding {
	var out []Finding
	for _, m := range controls(mods) {
		if packageAnnotation(m.mod) == nil {
			out = append(out, at(m, m.mod.Package.Location, RuleMetadataMissing, LevelError,
				"package %s has no package METADATA: a control needs # METADATA with title and custom id, severity, resource_types, frameworks, remediation (helpers belong under package %s)", m.pkg, engine.LibraryPackage))
		}
	}
	return out
}

func checkMetadataFields(mods []*module) []Finding {
	var out []Finding
	for _, m := range controls(mods) {
		a := packageAnnotation(m.mod)
		if a == nil {
			continue
		}
		bad := func(format string, args ...any) {
			out = append(out, at(m, annLoc(m), RuleMetadataField, LevelError, format, args...))
		}
		if strings.TrimSpace(a.Title) == "" {
			bad("title is required")
		}
		for _, key := range []string{"id", "severity"} {
			switch v := a.Custom[key].(type) {
			case nil:
				bad("custom.%s is required", key)
			case string:
			default:
				bad("custom.%s must be a string, got %s", key, typeName(v))
			}
		}
		switch v := a.Custom["resource_types"].(type) {
		case nil:
			bad("custom.resource_types is required")
		case []any:
			if len(v) == 0 {
				bad("custom.resource_types must list at least one resource type")
			}
			if !allStrings(v) {
				bad("custom.resource_types must contain only strings")
			}
		default:
			bad("custom.resource_types must be a list, got %s", typeName(v))
		}
		switch v := a.Custom["frameworks"].(type) {
		case nil:
			bad("custom.frameworks is required (framework → list of references)")
		case map[string]any:
			if len(v) == 0 {
				bad("custom.frameworks must name at least one framework")
			}
			for _, k := range sortedKeys(v) {
				refs, ok := v[k].([]any)
				if !ok || !allStrings(refs) {
					bad("custom.frameworks.%s must be a list of strings", k)
				}
			}
		default:
			bad("custom.frameworks must be a map, got %s", typeName(v))
		}
		switch v := a.Custom["remediation"].(type) {
		case nil:
			bad("custom.remediation is required (console and terraform)")
		case map[string]any:
			for _, k := range []string{"console", "terraform"} {
				if s, ok := v[k].(string); !ok || strings.TrimSpace(s) == "" {
					bad("custom.remediation.%s must be a non-empty string", k)
				}
			}
		default:
			bad("custom.remediation must be a map with console and terraform, got %s", typeName(v))
		}
	}
	return out
}

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
	}
	return fmt.Sprintf("%T", v)
}

func allStrings(v []any) bool {
	for _, x := range v {
		if _, ok := x.(string); !ok {
			return false
		}
	}
	return true
}

func sortedKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func customString(m *module, key string) string {
	a := packageAnnotation(m.mod)
	if a == nil {
		return ""
	}
	s, _ := a.Custom[key].(string)
	return s
}

func checkIDFormat(mods []*module) []Finding {
	var out []Finding
	for _, m := range controls(mods) {
		if id := customString(m, "id"); id != "" && !engine.IDPattern.MatchString(id) {
			out = append(out, at(m, annLoc(m), RuleIDFormat, LevelError, "custom.id %q does not match PLATFORM-SERVICE-NNN (e.g. AWS-S3-010)", id))
		}
	}
	return out
}

func checkIDDuplicate(mods []*module) []Finding {
	var out []Finding
	first := map[string]Finding{}
	for _, m := range controls(mods) {
		id := customString(m, "id")
		if id == "" {
			continue
		}
		here := at(m, annLoc(m), RuleIDDuplicate, LevelError, "")
		if prev, dup := first[id]; dup {
			here.Message = fmt.Sprintf("control ID %s is already defined at %s:%d", id, prev.File, prev.Line)
			out = append(out, here)
			continue
		}
		first[id] = here
	}
	return out
}

func checkPackageDuplicate(mods []*module) []Finding {
	var out []Finding
	first := map[string]*module{}
	for _, m := range controls(mods) {
		if prev, dup := first[m.pkg]; dup {
			if packageAnnotation(m.mod) != nil || packageAnnotation(prev.mod) != nil {
				out = append(out, at(m, m.mod.Package.Location, RulePackageDuplicate, LevelError,
					"package %s is already declared at %s:%d: each control needs a package of its own", m.pkg, prev.file, prev.mod.Package.Location.Row))
			}
			continue
		}
		first[m.pkg] = m
	}
	return out
}

func checkSeverity(mods []*module) []Finding {
	var out []Finding
	for _, m := range controls(mods) {
		sev := customString(m, "severity")
		if sev == "" {
			continue
		}
		if parsed, err := finding.ParseSeverity(sev); err != nil || string(parsed) != sev {
			out = append(out, at(m, annLoc(m), RuleSeverityUnknown, LevelError, "custom.severity %q is not one of critical, high, medium, low, info", sev))
		}
	}
	return out
}

func checkResourceTypes(mods []*module) []Finding {
	var out []Finding
	for _, m := range controls(mods) {
		a := packageAnnotation(m.mod)
		if a == nil {
			continue
		}
		list, _ := a.Custom["resource_types"].([]any)
		for _, v := range list {
			t, ok := v.(string)
			if ok && !evidence.KnownResourceType(t) {
				out = append(out, at(m, annLoc(m), RuleResourceTypeUnknown, LevelError,
					"resource type %q is not documented in docs/resources.md", t))
			}
		}
	}
	return out
}

func checkFrameworks(mods []*module) []Finding {
	var out []Finding
	for _, m := range controls(mods) {
		a := packageAnnotation(m.mod)
		if a == nil {
			continue
		}
		fw, _ := a.Custom["frameworks"].(map[string]any)
		for _, k := range sortedKeys(fw) {
			if _, ok := engine.Frameworks[k]; !ok {
				out = append(out, at(m, annLoc(m), RuleFrameworkUnknown, LevelWarning, "framework key %q is not one of the documented keys (docs/controls.md)", k))
			}
		}
	}
	return out
}

func checkDeny(mods []*module) []Finding {
	var out []Finding
	for _, m := range controls(mods) {
		if packageAnnotation(m.mod) == nil {
			continue
		}
		found := false
		for _, r := range m.mod.Rules {
			if ruleName(r) == "deny" {
				found = true
			}
		}
		if !found {
			out = append(out, at(m, m.mod.Package.Location, RuleDenyMissing, LevelError, "control package %s defines no deny rule", m.pkg))
		}
	}
	return out
}

// checkForbidden looks at every call, in controls, libraries and tests
// alike: the tests compile with the same capabilities as the controls.
func checkForbidden(mods []*module) []Finding {
	var out []Finding
	for _, m := range mods {
		report := func(op *ast.Term) {
			name := op.String()
			if engine.Forbidden(name) {
				out = append(out, at(m, op.Location, RuleForbiddenBuiltin, LevelError,
					"%s is not available to controls: they see only their input (no network, no host, no randomness)", name))
			}
		}
		ast.NewGenericVisitor(func(x any) bool {
			switch x := x.(type) {
			case *ast.Expr:
				if x.IsCall() {
					report(x.OperatorTerm())
				}
			case *ast.Term:
				if call, ok := x.Value.(ast.Call); ok && len(call) > 0 {
					report(call[0])
				}
			}
			return false
		}).Walk(m.mod)
	}
	return out
}

func checkTests(mods []*module) []Finding {
	referenced := map[string]bool{}
	for _, m := range mods {
		if !m.test {
			continue
		}
		for _, ref := range resolvedRefs(m.mod) {
			for i := 2; i <= len(ref); i++ {
				referenced[ref[:i].String()] = true
			}
		}
	}
	var out []Finding
	for _, m := range controls(mods) {
		if packageAnnotation(m.mod) == nil || referenced[m.mod.Package.Path.String()] {
			continue
		}
		want := strings.TrimSuffix(path.Base(m.file), ".rego") + "_test.rego"
		out = append(out, at(m, m.mod.Package.Location, RuleTestMissing, LevelError,
			"no test refers to package %s: add %s with a passing, a failing and a missing-data case", m.pkg, want))
	}
	return out
}

// checkUnused reports helper rules of control packages nothing refers to.
// deny and unknown are the engine's entry points; library rules are an
// API for controls outside the linted set, so they are not judged.
func checkUnused(mods []*module) []Finding {
	used := map[string]bool{}
	for _, m := range mods {
		for _, ref := range resolvedRefs(m.mod) {
			for i := 2; i <= len(ref); i++ {
				used[ref[:i].String()] = true
			}
		}
	}
	var out []Finding
	for _, m := range controls(mods) {
		reported := map[string]bool{}
		for _, r := range m.mod.Rules {
			name := ruleName(r)
			if name == "deny" || name == "unknown" || reported[name] {
				continue
			}
			full := m.mod.Package.Path.Append(ast.StringTerm(name)).String()
			if !used[full] {
				reported[name] = true
				out = append(out, at(m, r.Location, RuleUnusedRule, LevelWarning, "rule %s is never used: remove it or use it in deny or unknown", name))
			}
		}
	}
	return out
}

// deprecatedBuiltins are the built-ins OPA marks deprecated (any, all,
// re_match, set_diff, cast_* …), which Rego v1 no longer compiles.
var deprecatedBuiltins = func() map[string]bool {
	out := map[string]bool{}
	for _, b := range ast.Builtins {
		if b.Deprecated {
			out[b.Name] = true
		}
	}
	return out
}()

func checkDeprecated(mods []*module) []Finding {
	var out []Finding
	for _, m := range mods {
		for _, imp := range m.mod.Imports {
			p := imp.Path.String()
			if p == "rego.v1" || strings.HasPrefix(p, "future.keywords") {
				out = append(out, at(m, imp.Location, RuleDeprecatedSyntax, LevelWarning, "import %s is redundant in Rego v1: remove it", p))
			}
		}
		ast.NewGenericVisitor(func(x any) bool {
			var op *ast.Term
			switch x := x.(type) {
			case *ast.Expr:
				if x.IsCall() {
					op = x.OperatorTerm()
				}
			case *ast.Term:
				if call, ok := x.Value.(ast.Call); ok && len(call) > 0 {
					op = call[0]
				}
			}
			if op != nil && deprecatedBuiltins[op.String()] {
				out = append(out, at(m, op.Location, RuleDeprecatedSyntax, LevelWarning, "built-in %s is deprecated", op.String()))
			}
			return false
		}).Walk(m.mod)
	}
	return out
}
