package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/golden"
)

// fixedNow is the clock of every CLI test, so waiver states and key ages are stable.
var fixedNow = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

type result struct {
	code           int
	stdout, stderr string
}

func run(t *testing.T, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, Params{Stdout: &out, Stderr: &errb, Now: func() time.Time { return fixedNow }})
	return result{code, out.String(), errb.String()}
}

// writeFile writes a file under a fresh temporary folder and returns its path.
func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	return p
}

func TestAuditExitCodes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	failing := writeFile(t, dir, "failing.json", withOrgAttribute(t, "default_repository_permission", "admin"))
	incomplete := writeFile(t, dir, "incomplete.json", `{"schema": "rampart.evidence/v1", "incomplete": true,
		"incomplete_reason": "rate limit exhausted", "resources": []}`)
	malformed := writeFile(t, dir, "malformed.json", `{"schema": "rampart.evidence/v1", "resources": [,]}`)
	badWorkspace := filepath.Dir(writeFile(t, dir, "bad/w.hcl", "system \"x\" {\n  owner = \"nobody\"\n  classification = \"internal\"\n}\n"))
	badControls := filepath.Dir(writeFile(t, dir, "badcontrols/c.rego", "package x\n\ndeny contains 1 if true\n"))

	tests := []struct {
		name       string
		args       []string
		want       int
		wantStderr string
	}{
		{"clean", []string{"audit", "testdata/small"}, 0, ""},
		{"failure at or above fail-on", []string{"audit", "testdata/small", "--evidence", failing}, 1, ""},
		{"failure below fail-on", []string{"audit", "testdata/small", "--evidence", failing, "--fail-on", "critical"}, 0, ""},
		{"not evaluated", []string{"audit", "../../examples/acme"}, 3, ""},
		{"incomplete evidence", []string{"audit", "testdata/small", "--evidence", incomplete}, 3, ""},
		{"unknown flag", []string{"audit", "--nope"}, 2, "unknown flag: --nope"},
		{"bad fail-on", []string{"audit", "testdata/small", "--fail-on", "urgent"}, 2, `unknown severity "urgent"`},
		{"bad format", []string{"audit", "testdata/small", "--format", "pdf"}, 2, `unknown format "pdf"`},
		{"malformed evidence", []string{"audit", "testdata/small", "--evidence", malformed}, 2, "malformed JSON at byte offset 48 (line 1, column 49)"},
		{"missing evidence", []string{"audit", "testdata/small", "--evidence", filepath.Join(dir, "nope.json")}, 2, "no such file"},
		{"invalid workspace", []string{"audit", badWorkspace}, 2, "w.hcl line 2"},
		{"invalid controls", []string{"audit", "testdata/small", "--controls", badControls}, 2, "c.rego:1:1: package x has no package METADATA"},
		{"unknown command", []string{"nope"}, 2, `unknown command "nope"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := run(t, tc.args...)
			assert.Equal(t, tc.want, r.code, "stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
			assert.Contains(t, r.stderr, tc.wantStderr)
		})
	}
}

// assertSameLines reports the first differing line of a large golden file
// rather than dumping both documents.
func assertSameLines(t *testing.T, want, got, goldenPath string) {
	t.Helper()
	if want == got {
		return
	}
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			t.Fatalf("%s differs at line %d (run go test -update after an intended change):\n want: %s\n  got: %s", goldenPath, i+1, wl, gl)
		}
	}
}

// withOrgAttribute returns the small workspace's clean GitHub evidence with
// one organisation attribute changed, so exactly one control fails.
func withOrgAttribute(t *testing.T, name string, value any) string {
	t.Helper()
	data, err := os.ReadFile("testdata/small/evidence/github.json")
	require.NoError(t, err)
	var snap map[string]any
	require.NoError(t, json.Unmarshal(data, &snap))
	for _, r := range snap["resources"].([]any) {
		res := r.(map[string]any)
		if res["type"] == "github.organization" {
			res["attributes"].(map[string]any)[name] = value
		}
	}
	out, err := json.Marshal(snap)
	require.NoError(t, err)
	return string(out)
}

// TestAuditJSONGolden pins the rampart.report/v1 document for the example
// workspace. Run `go test ./internal/cli -update` after an intended change.
func TestAuditJSONGolden(t *testing.T) {
	t.Parallel()
	r := run(t, "audit", "../../examples/acme", "--format", "json")
	require.Equal(t, 3, r.code, r.stderr)
	got := strings.ReplaceAll(r.stdout, "../../examples/acme", "examples/acme")
	goldenPath := "testdata/acme-report.golden.json"
	if golden.Update() {
		require.NoError(t, os.WriteFile(goldenPath, []byte(got), 0o644))
	}
	want, err := os.ReadFile(goldenPath)
	require.NoError(t, err)
	assertSameLines(t, string(want), got, goldenPath)

	var doc struct {
		Schema  string         `json:"schema"`
		Summary map[string]int `json:"summary"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &doc))
	assert.Equal(t, "rampart.report/v1", doc.Schema)
	for _, s := range []string{"pass", "fail", "not_evaluated", "waived"} {
		assert.Positive(t, doc.Summary[s], "the example shows %s results", s)
	}
}

func TestAuditWritesOutputFilesAtomically(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "report.json")
	r := run(t, "audit", "testdata/small", "--format", "json", "--output", out)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Empty(t, r.stdout)
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.True(t, json.Valid(data))

	// An output that cannot be written is an input error naming the file
	// (TestFormatOutputsAllOrNone has the cases with several outputs).
	r = run(t, "audit", "testdata/small", "--format", "json", "--output", filepath.Join(dir, "missing-dir", "r.json"))
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "no report written: "+filepath.Join(dir, "missing-dir", "r.json"))

	r = run(t, "audit", "testdata/small", "--format", "json", "--format", "text")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "only one --format may go to standard output")
}

func TestAuditTextShowsFailuresWithRisks(t *testing.T) {
	t.Parallel()
	r := run(t, "audit", "../../examples/acme")
	require.Equal(t, 3, r.code)
	for _, want := range []string{
		"results:", "severity", "Failing (",
		"Risk register (appetite 8):", "accepted by waiver office-vpn-ssh (expired)", "Training gaps (",
		"security-awareness     expired 2026-08-20   required for employee",
		`IAM user "frank" has a console password and no MFA device`,
		"risks: account-takeover, card-data-breach",
		"Waived (", "waiver ledger-single-review",
		"Not evaluated (", "missing permission: ec2:DescribeSecurityGroups",
		"waiver office-vpn-ssh expired on 2026-06-30",
	} {
		assert.Contains(t, r.stdout, want)
	}
}

func TestAuditTextShowsFrameworkView(t *testing.T) {
	t.Parallel()
	r := run(t, "audit", "../../examples/acme", "--framework", "iso27001-2022")
	require.Equal(t, 3, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Framework iso27001-2022: ")
	assert.Regexp(t, `(?m)^  A\.5\.5 +fail +AWS-ACCT-001, GH-REPO-033$`, r.stdout)
}

func TestControlsCatalogue(t *testing.T) {
	t.Parallel()
	r := run(t, "controls", "--format", "json")
	require.Equal(t, 0, r.code, r.stderr)
	var cat []struct {
		ID            string              `json:"id"`
		Title         string              `json:"title"`
		Severity      string              `json:"severity"`
		ResourceTypes []string            `json:"resource_types"`
		Equivalents   map[string][]string `json:"equivalents"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &cat))
	require.GreaterOrEqual(t, len(cat), 8)
	for _, c := range cat {
		if c.ID == "AWS-S3-008" {
			assert.Equal(t, map[string][]string{"prowler": {"s3_bucket_no_mfa_delete"}, "trivy": {"AVD-AWS-0170"}}, c.Equivalents)
		}
		assert.NotNil(t, c.Equivalents, "%s declares no equivalents", c.ID)
		assert.NotEmpty(t, c.ID)
		assert.NotEmpty(t, c.Title)
		assert.NotEmpty(t, c.Severity)
		assert.NotEmpty(t, c.ResourceTypes)
	}
	r = run(t, "controls")
	require.Equal(t, 0, r.code)
	assert.Contains(t, r.stdout, "GH-ORG-001")
	assert.Regexp(t, `(?m)^AWS-S3-008 +low +aws\.s3\.bucket +prowler:1,trivy:1 +S3 buckets require MFA`, r.stdout)
	r = run(t, "controls", "--format", "yaml")
	assert.Equal(t, 2, r.code)
}

func TestVersion(t *testing.T) {
	t.Parallel()
	r := run(t, "version")
	assert.Equal(t, 0, r.code)
	assert.Equal(t, "rampart dev\n", r.stdout)
}

// TestAuditLoadsWorkspaceControls: a workspace's controls/ folder is
// evaluated beside the built-in set, and a clash with a built-in ID is an
// input error naming both files.
func TestAuditLoadsWorkspaceControls(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src, err := os.ReadFile("testdata/small/workspace.hcl")
	require.NoError(t, err)
	writeFile(t, dir, "workspace.hcl", string(src))
	writeFile(t, dir, "evidence/github.json", withOrgAttribute(t, "login", "small"))
	control := func(id, pkg string) string {
		return "# METADATA\n# title: Organization login is not admin\n# custom:\n#   id: " + id + "\n#   severity: low\n" +
			"#   resource_types: [github.organization]\n#   frameworks:\n#     iso27001-2022: [\"A.5.15\"]\n" +
			"#   remediation:\n#     console: Rename it.\n#     terraform: Rename it.\npackage " + pkg + "\n\n" +
			"deny contains \"the organization is called small\" if input.attributes.login == \"small\"\n"
	}
	writeFile(t, dir, "controls/login.rego", control("ACME-ORG-001", "acme.org.login"))
	r := run(t, "audit", dir, "--format", "json")
	require.Equal(t, 1, r.code, r.stderr)
	assert.Contains(t, r.stdout, `"control_id": "ACME-ORG-001"`)
	assert.Contains(t, r.stdout, "the organization is called small")

	writeFile(t, dir, "controls/clash.rego", control("GH-ORG-001", "acme.org.clash"))
	r = run(t, "audit", dir)
	assert.Equal(t, 2, r.code)
	assert.Regexp(t, `control ID GH-ORG-001 is already defined at controls/github/org/two_factor\.rego:\d+`, r.stderr)
}
