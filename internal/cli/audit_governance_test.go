package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type governanceDoc struct {
	Warnings     []string `json:"warnings"`
	TrainingGaps []struct {
		Person   string `json:"person"`
		Training string `json:"training"`
		Status   string `json:"status"`
	} `json:"training_gaps"`
	Frameworks []struct {
		Name       string `json:"name"`
		References []struct {
			Ref    string `json:"ref"`
			Status string `json:"status"`
		} `json:"references"`
	} `json:"frameworks"`
	Risks []struct {
		ID             string `json:"id"`
		AppetiteStatus string `json:"appetite_status"`
	} `json:"risks"`
}

func auditGovernance(t *testing.T, args ...string) (result, governanceDoc) {
	t.Helper()
	r := run(t, append([]string{"audit", "../../examples/acme", "--format", "json"}, args...)...)
	var doc governanceDoc
	if r.code != 2 {
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &doc), r.stderr)
	}
	return r, doc
}

func hasGap(doc governanceDoc, person, training string) bool {
	for _, g := range doc.TrainingGaps {
		if g.Person == person && g.Training == training {
			return true
		}
	}
	return false
}

func TestAuditTrainingRecords(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	base, doc := auditGovernance(t)
	require.Equal(t, 3, base.code, base.stderr)
	require.True(t, hasGap(doc, "frank", "secure-code-review"), "the example has frank without secure-code-review")

	t.Run("records close gaps", func(t *testing.T) {
		t.Parallel()
		file := writeFile(t, dir, "ok.csv", "person,training,completed_at\nfrank,secure-code-review,2026-11-01\n")
		r, got := auditGovernance(t, "--training-records", file)
		assert.Equal(t, 3, r.code, r.stderr)
		assert.False(t, hasGap(got, "frank", "secure-code-review"))
	})

	t.Run("unknown people are reported, not fatal", func(t *testing.T) {
		t.Parallel()
		file := writeFile(t, dir, "leaver.csv", "person,training,completed_at\nzoe,secure-code-review,2026-11-01\n")
		r, got := auditGovernance(t, "--training-records", file)
		assert.Equal(t, 3, r.code, r.stderr)
		assert.Contains(t, r.stderr, file+`:2: person "zoe" is not in the workspace; row not applied`)
		assert.Contains(t, got.Warnings, "training records: "+file+`:2: person "zoe" is not in the workspace; row not applied`)
	})

	t.Run("bad rows stop the audit with every line named", func(t *testing.T) {
		t.Parallel()
		file := writeFile(t, dir, "bad.csv", "person,training,completed_at\nfrank,secure-code-review,2026-11-01\nfrank,secure-code-review\nerin,security-awareness,yesterday\n")
		r, _ := auditGovernance(t, "--training-records", file)
		assert.Equal(t, 2, r.code)
		assert.Empty(t, r.stdout, "no report from a half-read file")
		assert.Contains(t, r.stderr, file+":3: 2 fields, the header has 3")
		assert.Contains(t, r.stderr, file+`:4: completed_at: "yesterday" is neither a date`)
		assert.Contains(t, r.stderr, "--training-records: 2 problem(s) in "+file)
	})

	t.Run("missing file", func(t *testing.T) {
		t.Parallel()
		r, _ := auditGovernance(t, "--training-records", filepath.Join(dir, "nope.csv"))
		assert.Equal(t, 2, r.code)
		assert.Contains(t, r.stderr, "no such file")
	})
}

func TestAuditFrameworkView(t *testing.T) {
	t.Parallel()
	r, doc := auditGovernance(t, "--framework", "iso27001-2022", "--framework", "soc2")
	require.Equal(t, 3, r.code, r.stderr)
	require.Len(t, doc.Frameworks, 2)
	assert.Equal(t, "iso27001-2022", doc.Frameworks[0].Name)
	assert.Equal(t, "soc2", doc.Frameworks[1].Name)
	assert.NotEmpty(t, doc.Frameworks[0].References)

	r, _ = auditGovernance(t, "--framework", "pci-dss")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, `--framework: no control maps to framework "pci-dss" (known: `)
	assert.Empty(t, r.stdout)
}

func TestAuditGovernanceWriters(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	html, md, csv := filepath.Join(dir, "r.html"), filepath.Join(dir, "r.md"), filepath.Join(dir, "r.csv")
	r := run(t, "audit", "../../examples/acme", "--format", "html="+html, "--format", "summary="+md, "--format", "csv="+csv)
	require.Equal(t, 3, r.code, r.stderr)
	page, err := os.ReadFile(html)
	require.NoError(t, err)
	assert.Contains(t, string(page), `class="heat-cell`, "the heat maps")
	assert.Contains(t, string(page), `<title>Acme Payments Ltd — security audit</title>`, "the organisation is the title")
	summary, err := os.ReadFile(md)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(summary), "# Acme Payments Ltd — security audit, management summary"), "the organisation is the title")
	rows, err := os.ReadFile(csv)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(rows), "control_id,title,severity,status,"))
}
