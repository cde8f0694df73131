package lint

import (
	"fmt"
	"path"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-audit/rampart/internal/engine"
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
	RuleNotSet              = "rule-not-set"
	RuleEquivalentUnknown   = "equivalent-unknown"
)

// rule is one lint rule: either a check of lint's own over every parsed
// module at once (uniqueness, tests and unused rules need the whole set),
// or, with codes, the name lint gives the engine front end's problems of
// those codes (the METADATA contract is checked once, by engine.Check).
type rule struct {
	Name        string
	Level       Level
	Description string
	check       func(mods []*module) []Finding
	codes       []string
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
// for files that only parse as Rego v0. New rules go at the end: a rule's
// position is its SARIF ruleIndex.
var rules = []rule{
	{RuleMetadataMissing, LevelError, "a control package (not " + engine.LibraryPackage + ", not a test) has no package-scoped # METADATA", nil, []string{engine.CodeMetadataMissing}},
	{RuleMetadataField, LevelError, "a required METADATA field is missing or has the wrong type: title, custom.id, severity, resource_types, frameworks, remediation.console/terraform", nil, []string{engine.CodeFieldMissing, engine.CodeFieldType}},
	{RuleIDFormat, LevelError, "custom.id does not match PLATFORM-SERVICE-NNN", nil, []string{engine.CodeIDFormat}},
	{RuleIDDuplicate, LevelError, "two controls share a custom.id", nil, []string{engine.CodeIDDuplicate}},
	{RulePackageDuplicate, LevelError, "two files declare the same control package, so Rego merges their rules", nil, []string{engine.CodePackageDuplicate}},
	{RuleSeverityUnknown, LevelError, "custom.severity is not critical, high, medium, low or info", nil, []string{engine.CodeSeverityUnknown}},
	{RuleResourceTypeUnknown, LevelError, "a resource type in custom.resource_types is not documented in docs/resources.md", nil, []string{engine.CodeResourceTypeUnknown, engine.CodeResourceTypeFormat}},
	{RuleFrameworkUnknown, LevelWarning, "a framework key in custom.frameworks is not one of the documented keys", nil, []string{engine.CodeFrameworkUnknown}},
	{RuleDenyMissing, LevelError, "a control package defines no deny rule, so it can never fail", nil, []string{engine.CodeDenyMissing}},
	{RuleForbiddenBuiltin, LevelError, "a call to a network, host or non-deterministic built-in, which controls cannot use", nil, []string{engine.CodeForbiddenBuiltin}},
	{RuleUnguardedAttribute, LevelWarning, "deny reads an input path (an attribute at any depth, a list element's field, input.system) that no unknown rule tests in a negated expression, so a resource without it passes unseen", checkGuards, nil},
	{RuleTestMissing, LevelError, "no test module refers to the control's package", checkTests, nil},
	{RuleUnusedRule, LevelWarning, "a helper rule of a control package that no rule refers to", checkUnused, nil},
	{RuleDeprecatedSyntax, LevelWarning, "Rego v0 syntax, redundant future.keywords or rego.v1 imports, or deprecated built-ins", checkDeprecated, nil},
	{RuleNotSet, LevelError, "deny or unknown is not a set rule (`deny contains msg if ...`), which the engine refuses to load", nil, []string{engine.CodeNotSet}},
	{RuleRelatedInvalid, LevelError, "a custom.related entry is malformed: a name that is not lower_snake, no type or join, a join other than account, region or {attribute, key}", nil, []string{engine.CodeRelatedInvalid}},
	{RuleRelatedUndeclared, LevelError, "a control reads input.related.<name> for a name its custom.related does not declare, so the rules reading it never hold", checkRelated, nil},
	{RuleEquivalentUnknown, LevelError, "custom.equivalents names an anchor or a check ID that is not in the checked-in anchor lists (controls/anchors), which would inflate coverage", nil, []string{engine.CodeEquivalentUnknown}},
}

// byCode maps each front-end problem code to its rule.
var byCode = func() map[string]rule {
	out := map[string]rule{}
	for _, r := range rules {
		for _, c := range r.codes {
			out[c] = r
		}
	}
	return out
}()

// fromProblem reports a front-end problem under its lint rule and level.
// A code no rule claims keeps its code as the rule and stays an error,
// so a new engine check is reported, never dropped.
func fromProblem(p engine.Problem) Finding {
	if r, ok := byCode[p.Code]; ok {
		p.Code, p.Severity = r.Name, r.Level
		return p
	}
	p.Severity = LevelError
	return p
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
	f := Finding{File: m.file, Code: rule, Severity: level, Message: fmt.Sprintf(format, args...)}
	if loc != nil {
		f.Line, f.Col = loc.Row, loc.Col
	}
	return f
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
		if engine.PackageAnnotation(m.mod) == nil || referenced[m.mod.Package.Path.String()] {
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
			name := engine.RuleName(r)
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
