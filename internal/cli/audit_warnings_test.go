package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAuditNothingDroppedSilently (issue 14, "Nothing is dropped
// silently"), end to end: a workspace whose typos would each make part of
// it mean nothing — a role no training requires, a GitHub login no one in
// the evidence has, a system whose selector claims nothing (so every
// resource is unclaimed), a training ID in the records that does not exist
// — gets one warning for each, naming the nearest real value where there
// is one, printed once on standard error and kept in the JSON report.
func TestAuditNothingDroppedSilently(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, "ws/workspace.hcl", `system "platform" {
  owner          = "ann"
  classification = "internal"
  github {
    org = "smal"
  }
}

person "ann" {
  roles  = ["developr"]
  github = "annn"
}
`)
	records := writeFile(t, dir, "lms.csv", "person,training,completed_at\nann,secure-ci-pipeline,2026-01-01\n")
	report := filepath.Join(dir, "r.json")
	r := run(t, "audit", filepath.Join(dir, "ws"), "--evidence", smallEvidence, "--training-records", records, "--format", "json="+report)
	require.NotEqual(t, 2, r.code, r.stderr)
	want := []string{
		`names the role "developr" (ann), so it asks nothing of them. Did you mean`, // the log wraps the diagnostic
		`"developer"?`,
		`person ann: GitHub login "annn" is no member, owner, admin or collaborator in the evidence`,
		`system "platform": its github selectors (org smal) claim none of the 2 github resource(s) of the evidence; check the names`,
		"2 of 2 github resource(s) are claimed by no system",
		`training "secure-ci-pipeline" is not in the workspace; row not applied (did you mean "secure-ci-pipelines"?)`,
	}
	warnings := strings.Join(readReport(t, report).Warnings, "\n")
	for _, w := range want {
		assert.Equal(t, 1, strings.Count(r.stderr, w), "once in the log: %q\n%s", w, r.stderr)
		assert.Contains(t, warnings, w, "and in the report")
	}
	assert.Contains(t, warnings, `no training's required_for names the role "developr" (ann), so it asks nothing of them. Did you mean "developer"?`)

	// A CSV header in another case or with another name is named, with the
	// column it probably means.
	bad := writeFile(t, dir, "bad.csv", "Person,Training,Completed\nann,secure-ci-pipelines,2026-01-01\n")
	r = run(t, "audit", filepath.Join(dir, "ws"), "--evidence", smallEvidence, "--training-records", bad)
	require.Equal(t, 2, r.code, r.stderr)
	assert.Contains(t, r.stderr, `header has no "completed_at" column`)
	assert.Contains(t, r.stderr, `did you mean "Completed"?`)
}

// TestWorkspaceErrorsInOneRound (issue 14, "Validation in one round"): every
// error of the workspace is printed in one run, with file:line:column — a
// block that decoded with errors keeps its other mistakes in view — a
// duplicate ID quotes the other definition's own line, and a clash with
// the embedded pack names the pack's file as built in; a control ID one
// edit away from a real one is named with it.
func TestWorkspaceErrorsInOneRound(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ws := filepath.Dir(writeFile(t, dir, "ws/a.hcl", `person "ann" {
  roles = ["developer"]
}

system "shop" {
  owner          = "nobody"
  classification = "secretish"
}

risk "data-exposure" {
  title      = "mine"
  likelihood = 2
  impact     = 1
}

mitigation "m" {
  title    = "m"
  controls = ["GH-ORG-01"]
}
`))
	writeFile(t, dir, "ws/b.hcl", `person "ann" {
  roles = ["developer"]
}
`)
	r := run(t, "audit", ws, "--evidence", smallEvidence)
	require.Equal(t, 2, r.code, r.stderr)
	for _, want := range []string{
		`a.hcl line 6, in system "shop"`, // an unknown owner
		`a.hcl line 7, in system "shop"`, // and, in the same block, a classification not allowed
		`b.hcl line 1, in person "ann"`,  // a duplicate
		`a.hcl:1:8`,                      // quoting the first definition's own line
		`(person "ann" {)`,
		`policies/risks.hcl (built in):`,                      // the pack's risk data-exposure, named as embedded
		`control "GH-ORG-01" is not in the control catalogue`, // a control ID one edit away
		`"GH-ORG-001"?`,                                       // suggested (the log wraps the line before it)
		"5 error(s) in the workspace",
	} {
		assert.Contains(t, r.stderr, want, r.stderr)
	}
}
