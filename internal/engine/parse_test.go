package engine

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func parseFiles(t *testing.T, files map[string]string) ([]Module, Problems) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, body := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	return Parse(Source{Name: "controls", FS: fsys})
}

const goodBody = "package test.good\n\ndeny contains \"x\" if input.attributes.flag == false\n"

// Every problem of the front end carries its stable code, a location and
// whether it stops a load; lint and `rampart test` match on the codes.
func TestParseProblemCodes(t *testing.T) {
	t.Parallel()
	good := meta("TST-GOOD-001", "aws.s3.bucket") + goodBody
	r := strings.NewReplacer
	for _, tc := range []struct {
		name  string
		files map[string]string
		code  string
		sev   Severity
		want  string
	}{
		{"read", map[string]string{"big.rego": "package x\n# " + strings.Repeat("x", MaxFileBytes) + "\n"}, CodeRead, SeverityError, "controls/big.rego: "},
		{"syntax", map[string]string{"s.rego": "package x\n\ndeny contains \"x\" if {\n"}, CodeSyntax, SeverityError, "controls/s.rego:4: unexpected eof token"},
		{"metadata missing", map[string]string{"m.rego": goodBody}, CodeMetadataMissing, SeverityError, "controls/m.rego:1:1: package test.good has no package METADATA"},
		{"field missing", map[string]string{"f.rego": r("#   severity: high\n", "").Replace(good)}, CodeFieldMissing, SeverityError, "controls/f.rego:1:1: custom.severity is required"},
		{"title missing", map[string]string{"f.rego": r("# title: Test control TST-GOOD-001\n", "").Replace(good)}, CodeFieldMissing, SeverityError, "controls/f.rego:1:1: METADATA title is required"},
		{"field type", map[string]string{"f.rego": r("[aws.s3.bucket]", "aws.s3.bucket").Replace(good)}, CodeFieldType, SeverityError, "controls/f.rego:1:1: custom.resource_types must be a list, got a string"},
		{"framework refs type", map[string]string{"f.rego": r(`["A.8.9"]`, "A.8.9").Replace(good)}, CodeFieldType, SeverityError, "custom.frameworks.iso27001-2022 must be a list of strings, got a string"},
		{"remediation empty", map[string]string{"f.rego": r("Fix it in code.", `""`).Replace(good)}, CodeFieldMissing, SeverityError, "custom.remediation.terraform must be a non-empty string"},
		{"id format", map[string]string{"i.rego": r("TST-GOOD-001", "good-1").Replace(good)}, CodeIDFormat, SeverityError, `custom.id "good-1" does not match`},
		{"id duplicate", map[string]string{"a.rego": good, "b.rego": r("test.good", "test.other").Replace(good)}, CodeIDDuplicate, SeverityError, "controls/b.rego:1:1: control ID TST-GOOD-001 is already defined at controls/a.rego:1"},
		{"package duplicate", map[string]string{"a.rego": good, "b.rego": r("TST-GOOD-001", "TST-GOOD-002").Replace(good)}, CodePackageDuplicate, SeverityError, "controls/b.rego:12:1: package test.good is already declared at controls/a.rego:12"},
		{"severity", map[string]string{"v.rego": r("severity: high", "severity: urgent").Replace(good)}, CodeSeverityUnknown, SeverityError, `custom.severity "urgent" is not one of`},
		{"resource type format", map[string]string{"t.rego": r("[aws.s3.bucket]", "[S3]").Replace(good)}, CodeResourceTypeFormat, SeverityError, `resource type "S3" is not a dotted resource type`},
		{"resource type unknown", map[string]string{"t.rego": r("[aws.s3.bucket]", "[aws.s3.buckets]").Replace(good)}, CodeResourceTypeUnknown, SeverityWarning, `controls/t.rego:1:1: resource type "aws.s3.buckets" is not documented in docs/resources.md`},
		{"framework unknown", map[string]string{"w.rego": r("iso27001-2022:", "pci-dss:").Replace(good)}, CodeFrameworkUnknown, SeverityWarning, `framework key "pci-dss" is not one of the documented keys`},
		{"deny missing", map[string]string{"d.rego": r("deny contains", "denied contains").Replace(good)}, CodeDenyMissing, SeverityError, "controls/d.rego:12:1: control TST-GOOD-001 defines no deny rule"},
		{"deny not a set", map[string]string{"d.rego": meta("TST-GOOD-001", "aws.s3.bucket") + "package test.d\n\ndeny := true\n"}, CodeNotSet, SeverityError, "controls/d.rego:14:1: deny must be a set"},
		{"forbidden in a test", map[string]string{"g.rego": good, "g_test.rego": "package test.good_test\n\ntest_env if opa.runtime().env\n"}, CodeForbiddenBuiltin, SeverityError, "controls/g_test.rego:3:13: opa.runtime is not available to controls"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, problems := parseFiles(t, tc.files)
			var got []string
			for _, p := range problems {
				if p.Code == tc.code {
					assert.Equal(t, tc.sev, p.Severity, p.String())
					got = append(got, p.String())
				}
			}
			require.NotEmpty(t, got, "no %s problem in %v", tc.code, problems)
			assert.True(t, strings.HasPrefix(got[0], tc.want) || strings.Contains(got[0], tc.want), "want %q, got %q", tc.want, got[0])
		})
	}
}

// A good control has no problem at all and comes back decoded, which is
// what Load builds the catalogue from.
func TestParseDecodesGoodControl(t *testing.T) {
	t.Parallel()
	mods, problems := parseFiles(t, map[string]string{
		"good.rego":    meta("TST-GOOD-001", "aws.s3.bucket") + goodBody,
		"lib/lib.rego": "package rampart.lib\n\noff(x) if x == false\n",
	})
	require.Empty(t, problems)
	require.Len(t, mods, 2)
	for _, m := range mods {
		if m.File == "controls/good.rego" {
			require.NotNil(t, m.Control)
			assert.Equal(t, "TST-GOOD-001", m.Control.ID)
			assert.Equal(t, []string{"aws.s3.bucket"}, m.Control.ResourceTypes)
			assert.Equal(t, 1, m.Control.Line)
		} else {
			assert.Nil(t, m.Control, "a library is no control")
		}
	}
}

// Warnings do not stop a load (a snapshot may carry types the registry
// does not list) but are kept on the catalogue; an error does stop it.
func TestWarningsDoNotStopALoad(t *testing.T) {
	t.Parallel()
	e, err := load(t, map[string]string{"w.rego": meta("TST-WARN-001", "test.thing") + "package test.w\n\ndeny contains \"x\" if false\n"})
	require.NoError(t, err)
	require.Len(t, e.Catalog().Warnings, 1)
	assert.Equal(t, CodeResourceTypeUnknown, e.Catalog().Warnings[0].Code)
	assert.Equal(t, []string{"TST-WARN-001"}, e.Catalog().IDs())
}

// Load builds only from checked modules: modules that did not go through
// Parse (or Check) are refused, never loaded as an empty catalogue.
func TestLoadRefusesUncheckedModules(t *testing.T) {
	t.Parallel()
	m, ps := ParseModule("controls/good.rego", []byte(meta("TST-GOOD-001", "aws.s3.bucket")+goodBody))
	require.Empty(t, ps)
	_, err := Load(context.Background(), []Module{m})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "controls/good.rego:12:1: module was not checked")

	mods := []Module{m}
	require.Empty(t, Check(mods))
	e, err := Load(context.Background(), mods)
	require.NoError(t, err)
	assert.Equal(t, []string{"TST-GOOD-001"}, e.Catalog().IDs())
}

// The test runner takes parsed modules, so `rampart test` parses once.
func TestRunModuleTestsOnParsedModules(t *testing.T) {
	t.Parallel()
	mods, problems := parseFiles(t, map[string]string{
		"good.rego":      meta("TST-GOOD-001", "aws.s3.bucket") + goodBody,
		"good_test.rego": "package test.good_test\n\nimport data.test.good\n\ntest_fails if good.deny with input as {\"attributes\": {\"flag\": false}}\n\ntest_wrong if count(good.deny) == 1 with input as {\"attributes\": {\"flag\": true}}\n",
	})
	require.Empty(t, problems)
	results, err := RunModuleTests(context.Background(), mods, "", TraceRules)
	require.NoError(t, err)
	pass := map[string]bool{}
	for _, r := range results {
		pass[r.Name] = r.Pass
	}
	assert.Equal(t, map[string]bool{"test_fails": true, "test_wrong": false}, pass)
}

func TestProblemsSplitBySeverity(t *testing.T) {
	t.Parallel()
	ps := Problems{{Message: "a", Severity: SeverityWarning}, {Message: "b"}, {Message: "c", Severity: SeverityError}}
	assert.Equal(t, Problems{{Message: "b"}, {Message: "c", Severity: SeverityError}}, ps.Errors(), "an unclassified problem is an error")
	assert.Equal(t, Problems{{Message: "a", Severity: SeverityWarning}}, ps.Warnings())
	assert.Equal(t, "f.rego:3:4: m", Problem{File: "f.rego", Line: 3, Col: 4, Message: "m"}.String())
	assert.Equal(t, "f.rego:3: m", Problem{File: "f.rego", Line: 3, Message: "m"}.String())
	assert.Equal(t, "f.rego: m", Problem{File: "f.rego", Message: "m"}.String())
}
