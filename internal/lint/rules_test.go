package lint

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/engine"
)

const goodControl = `# METADATA
# title: Buckets are encrypted
# custom:
#   id: AWS-S3-050
#   severity: low
#   resource_types: [aws.s3.bucket]
#   frameworks:
#     iso27001-2022: ["A.8.24"]
#   remediation:
#     console: Turn default encryption on.
#     terraform: aws_s3_bucket_server_side_encryption_configuration.
package rampart.aws.s3.x

import data.rampart.lib

settings := ["enabled"]

deny contains "off" if {
	some s in settings
	lib.attr(["encryption", s]) == false
}

unknown contains "unknown" if not is_boolean(lib.attr(["encryption", "enabled"]))

recent if lib.days_since(input.attributes.encryption.changed_at) < 30

deny contains "new and off" if {
	recent
	time.now_ns() > 0
}

unknown contains "no date" if not is_string(lib.attr(["encryption", "changed_at"]))
`

const goodTest = `package rampart.aws.s3.x_test

import data.rampart.aws.s3.x

test_pass if count(x.deny) == 0 with input as {"attributes": {"encryption": {"enabled": true}}}
`

const goodLib = `package rampart.lib

attr(path) := object.get(input.attributes, path, null)

days_since(ts) := 1
`

func sources(control string, extra map[string]string) map[string][]byte {
	out := map[string][]byte{
		"controls/lib/lib.rego":       []byte(goodLib),
		"controls/aws/s3/x.rego":      []byte(control),
		"controls/aws/s3/x_test.rego": []byte(goodTest),
	}
	for k, v := range extra {
		if v == "" {
			delete(out, k)
			continue
		}
		out[k] = []byte(v)
	}
	return out
}

func TestGoodControlHasNoFindings(t *testing.T) {
	findings, problems := Sources(sources(goodControl, nil))
	require.Empty(t, problems)
	require.Empty(t, findings)
}

// Each rule fires on a control broken in its way, and only the good
// control above is its negative case (it triggers no rule at all).
func TestRules(t *testing.T) {
	r := strings.NewReplacer
	for _, tc := range []struct {
		rule    string
		control string
		extra   map[string]string
		want    string
	}{
		{RuleMetadataMissing, goodControl[strings.Index(goodControl, "package"):], nil,
			"controls/aws/s3/x.rego:1:1: metadata-missing: package rampart.aws.s3.x has no package METADATA"},
		{RuleMetadataField, r("#   severity: low\n", "").Replace(goodControl), nil,
			"controls/aws/s3/x.rego:1:1: metadata-field: custom.severity is required"},
		{RuleMetadataField, r("[aws.s3.bucket]", "aws.s3.bucket").Replace(goodControl), nil,
			"controls/aws/s3/x.rego:1:1: metadata-field: custom.resource_types must be a list, got a string"},
		{RuleMetadataField, r("#     terraform: aws_s3_bucket_server_side_encryption_configuration.\n", "").Replace(goodControl), nil,
			"controls/aws/s3/x.rego:1:1: metadata-field: custom.remediation.terraform must be a non-empty string"},
		{RuleIDFormat, r("AWS-S3-050", "S3-50").Replace(goodControl), nil,
			`controls/aws/s3/x.rego:1:1: id-format: custom.id "S3-50" does not match PLATFORM-SERVICE-NNN (e.g. AWS-S3-010)`},
		{RuleIDDuplicate, goodControl, map[string]string{
			"controls/aws/s3/y.rego":      r("rampart.aws.s3.x", "rampart.aws.s3.y").Replace(goodControl),
			"controls/aws/s3/y_test.rego": r("x", "y").Replace(goodTest),
		}, "controls/aws/s3/y.rego:1:1: id-duplicate: control ID AWS-S3-050 is already defined at controls/aws/s3/x.rego:1"},
		{RulePackageDuplicate, goodControl, map[string]string{"controls/aws/s3/z.rego": r("AWS-S3-050", "AWS-S3-051").Replace(goodControl)},
			"controls/aws/s3/z.rego:12:1: package-duplicate: package rampart.aws.s3.x is already declared at controls/aws/s3/x.rego:12"},
		{RuleSeverityUnknown, r("severity: low", "severity: urgent").Replace(goodControl), nil,
			`controls/aws/s3/x.rego:1:1: severity-unknown: custom.severity "urgent" is not one of critical, high, medium, low, info`},
		{RuleResourceTypeUnknown, r("[aws.s3.bucket]", "[aws.s3.buckets]").Replace(goodControl), nil,
			`controls/aws/s3/x.rego:1:1: resource-type-unknown: resource type "aws.s3.buckets" is not documented in docs/resources.md`},
		{RuleFrameworkUnknown, r("iso27001-2022:", "pci-dss:").Replace(goodControl), nil,
			`controls/aws/s3/x.rego:1:1: framework-unknown: framework key "pci-dss" is not one of the documented keys (docs/controls.md)`},
		{RuleDenyMissing, r("deny contains", "denied contains").Replace(goodControl), nil,
			"controls/aws/s3/x.rego:12:1: deny-missing: control AWS-S3-050 defines no deny rule, so it can never fail"},
		{RuleForbiddenBuiltin, goodControl + "\ndeny contains \"sent\" if http.send({\"method\": \"GET\", \"url\": \"https://example.com\"})\n", nil,
			"controls/aws/s3/x.rego:34:25: forbidden-builtin: http.send is not available to controls"},
		{RuleForbiddenBuiltin, goodControl + "\nunknown contains \"maybe\" if rand.intn(\"x\", 2) == 1\n", nil,
			"controls/aws/s3/x.rego:34:29: forbidden-builtin: rand.intn is not available to controls"},
		{RuleForbiddenBuiltin, goodControl, map[string]string{"controls/aws/s3/x_test.rego": goodTest + "\ntest_env if opa.runtime().env\n"},
			"controls/aws/s3/x_test.rego:7:13: forbidden-builtin: opa.runtime is not available to controls"},
		{RuleUnguardedAttribute, goodControl + "\ndeny contains \"v\" if input.attributes.versioning.status == \"Suspended\"\n", nil,
			"controls/aws/s3/x.rego:18:1: unguarded-attribute: deny reads attributes.versioning.status but no unknown rule does"},
		{RuleUnguardedAttribute, r("recent if lib.days_since(input.attributes.encryption.changed_at) < 30", "created := input.attributes.created\n\nrecent if lib.days_since(created) < 30").Replace(goodControl), nil,
			"controls/aws/s3/x.rego:18:1: unguarded-attribute: deny reads attributes.created but no unknown rule does"},
		{RuleNotSet, goodControl + "\nunknown[x] := 1 if x := \"a\"\n", nil,
			"controls/aws/s3/x.rego:34:1: rule-not-set: unknown must be a set: write `unknown contains msg if { ... }`"},
		{RuleResourceTypeUnknown, r("[aws.s3.bucket]", "[S3]").Replace(goodControl), nil,
			`controls/aws/s3/x.rego:1:1: resource-type-unknown: resource type "S3" is not a dotted resource type`},
		{RuleTestMissing, goodControl, map[string]string{"controls/aws/s3/x_test.rego": ""},
			"controls/aws/s3/x.rego:12:1: test-missing: no test refers to package rampart.aws.s3.x: add x_test.rego"},
		{RuleUnusedRule, goodControl + "\nhelper := 1\n", nil,
			"controls/aws/s3/x.rego:34:1: rule-unused: rule helper is never used"},
		{RuleDeprecatedSyntax, r("import data.rampart.lib", "import rego.v1\n\nimport data.rampart.lib").Replace(goodControl), nil,
			"controls/aws/s3/x.rego:14:1: deprecated-syntax: import rego.v1 is redundant in Rego v1: remove it"},
		{RuleDeprecatedSyntax, goodControl + "\ndeny contains \"any\" if any([input.attributes.x])\n", nil,
			"controls/aws/s3/x.rego:34:24: deprecated-syntax: built-in any is deprecated"},
		{RuleDeprecatedSyntax, goodControl, map[string]string{"controls/aws/s3/x_test.rego": "package rampart.aws.s3.x_test\n\nimport data.rampart.aws.s3.x\n\ntest_v0 { count(x.deny) == 0 }\n"},
			"controls/aws/s3/x_test.rego:5:1: deprecated-syntax: Rego v0 syntax (`if` keyword is required before rule body)"},
		{RuleEquivalentUnknown, r("#   remediation:", "#   equivalents:\n#     prowler: [s3_bucket_default_encryption, s3_bucket_default_encrytpion]\n#   remediation:").Replace(goodControl), nil,
			`controls/aws/s3/x.rego:10:1: equivalent-unknown: custom.equivalents.prowler: "s3_bucket_default_encrytpion" is not a check in the checked-in Prowler list (controls/anchors)`},
		{RuleRelatedInvalid, r("#   remediation:", "#   related:\n#     trails: {type: aws.cloudtrail.trail, join: org}\n#   remediation:").Replace(goodControl), nil,
			`controls/aws/s3/x.rego:1:1: related-invalid: custom.related.trails.join "org" is not account, region or {attribute: ..., key: ...}`},
		{RuleResourceTypeUnknown, r("#   remediation:", "#   related:\n#     trails: {type: aws.cloudtrail.trial, join: account}\n#   remediation:").Replace(goodControl), nil,
			`controls/aws/s3/x.rego:1:1: resource-type-unknown: custom.related.trails.type "aws.cloudtrail.trial" is not documented in docs/resources.md`},
		{RuleRelatedUndeclared, goodControl + "\ndeny contains \"t\" if count(input.related.trails) == 0\n", nil,
			"controls/aws/s3/x.rego:34:28: related-undeclared: input.related.trails is not declared in the control's custom.related (it declares none)"},
		{RuleRelatedUndeclared, r("#   remediation:", "#   related:\n#     trails: {type: aws.cloudtrail.trail, join: account}\n#   remediation:").Replace(goodControl) + "\ndeny contains \"t\" if count(object.get(input, [\"related\", \"trail\"], [])) == 0\n", nil,
			"controls/aws/s3/x.rego:36:28: related-undeclared: input.related.trail is not declared in the control's custom.related (it declares trails)"},
		{RuleUnguardedAttribute, r("#   remediation:", "#   related:\n#     trails: {type: aws.cloudtrail.trail, join: account}\n#   remediation:").Replace(goodControl) + "\ndeny contains \"t\" if {\n\tsome t in input.related.trails\n\tt.attributes.is_logging == false\n}\n", nil,
			"controls/aws/s3/x.rego:20:1: unguarded-attribute: deny reads related.trails[_].attributes.is_logging but no unknown rule does: a related resource without it would pass unseen (add unknown ... if { some t in object.get(input, [\"related\", <name>], []); not is_...(object.get(t, [\"attributes\", ...], null)) }, and one for the list itself)"},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			findings, problems := Sources(sources(tc.control, tc.extra))
			require.Empty(t, problems)
			var got []string
			for _, f := range findings {
				if f.Code == tc.rule {
					got = append(got, Format(f))
				}
			}
			require.NotEmpty(t, got, "rule %s did not fire; findings: %v", tc.rule, findings)
			found := false
			for _, g := range got {
				found = found || strings.HasPrefix(g, tc.want)
			}
			require.True(t, found, "want a finding starting with\n  %s\ngot\n  %s", tc.want, strings.Join(got, "\n  "))
		})
	}
}

// Every code the engine's front end reports for a parsed module has a lint
// rule, and a code without one is still an error finding, never dropped.
func TestFrontEndCodesHaveRules(t *testing.T) {
	for _, code := range []string{
		engine.CodeMetadataMissing, engine.CodeFieldMissing, engine.CodeFieldType, engine.CodeIDFormat,
		engine.CodeIDDuplicate, engine.CodePackageDuplicate, engine.CodeSeverityUnknown,
		engine.CodeResourceTypeFormat, engine.CodeResourceTypeUnknown, engine.CodeFrameworkUnknown,
		engine.CodeDenyMissing, engine.CodeNotSet, engine.CodeForbiddenBuiltin, engine.CodeRelatedInvalid,
	} {
		_, ok := byCode[code]
		require.True(t, ok, "engine code %s has no lint rule", code)
	}
	f := fromProblem(engine.Problem{File: "x.rego", Line: 1, Code: "some-new-check", Severity: engine.SeverityWarning, Message: "m"})
	require.Equal(t, "some-new-check", f.Code)
	require.Equal(t, LevelError, f.Severity)
	// An engine warning becomes the rule's level: lint holds Rampart's own
	// controls to the registry.
	f = fromProblem(engine.Problem{Code: engine.CodeResourceTypeUnknown, Severity: engine.SeverityWarning})
	require.Equal(t, RuleResourceTypeUnknown, f.Code)
	require.Equal(t, LevelError, f.Severity)
}

func TestSyntaxErrorIsAProblemWithLocation(t *testing.T) {
	_, problems := Sources(map[string][]byte{"x.rego": []byte("package x\n\ndeny contains \"x\" if {\n\tinput.x ==\n}\n")})
	require.Len(t, problems, 1)
	require.Equal(t, "x.rego:5:1: unexpected } token", problems[0].String())
}

// Every registered rule has a description: SARIF consumers show it.
func TestRulesAreDescribed(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules() {
		require.NotEmpty(t, r.Description, r.Name)
		require.False(t, seen[r.Name], "rule %s registered twice", r.Name)
		seen[r.Name] = true
	}
}

// Controls whose deny rules read a nested attribute, a field of a list
// element or input.system that no unknown rule reads: the built-in
// controls as they were before the mutation test found them passing
// (AWS-KMS-001 through `attrs := input.attributes`), and a system read.
func TestUnguardedNestedReads(t *testing.T) {
	for _, tc := range []struct {
		file string
		want []string
	}{
		{"kms_rotation.rego", []string{"attributes.key_spec", "attributes.key_state"}},
		{"admin_ports_open.rego", []string{"attributes.ingress[_].cidr_ipv4", "attributes.ingress[_].cidr_ipv6"}},
		{"no_public_grants.rego", []string{"attributes.policy.document.Statement"}},
		{"system_read.rego", []string{"system.classification"}},
		{"lifted_negation.rego", []string{"attributes.webhooks[_].url_scheme"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata/unguarded", tc.file))
			require.NoError(t, err)
			findings, problems := Sources(map[string][]byte{"controls/lib/lib.rego": []byte(goodLib), "controls/x.rego": src})
			require.Empty(t, problems)
			var got []string
			for _, f := range findings {
				if f.Code == RuleUnguardedAttribute {
					got = append(got, strings.Fields(strings.TrimPrefix(f.Message, "deny reads "))[0])
				}
			}
			require.Equal(t, tc.want, got)
		})
	}
}

// The built-in controls keep the guard contract at every depth.
func TestBuiltinControlsAreGuarded(t *testing.T) {
	var files []string
	require.NoError(t, filepath.WalkDir("../../controls", func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".rego") {
			files = append(files, p)
		}
		return err
	}))
	findings, problems := Files(files)
	require.Empty(t, problems)
	for _, f := range findings {
		require.NotEqual(t, RuleUnguardedAttribute, f.Code, Format(f))
	}
}
