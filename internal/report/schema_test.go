package report_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/pipeline"
	"github.com/rampart-audit/rampart/internal/report"
)

// The published JSON Schemas (docs/schema) are held to what this build
// writes: the example's JSON report and evidence snapshots validate, and a
// field the schema does not document is rejected — so a writer that adds
// one without documenting it fails here.

func compileSchema(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	file := filepath.Join("..", "..", "docs", "schema", name)
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	require.NoError(t, c.AddResource(name, doc))
	s, err := c.Compile(name)
	require.NoError(t, err)
	return s
}

func validate(t *testing.T, s *jsonschema.Schema, data []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	require.NoError(t, err)
	return s.Validate(inst)
}

func TestReportSchema(t *testing.T) {
	t.Parallel()
	s := compileSchema(t, "report.schema.json")
	r, err := pipeline.Run(context.Background(), pipeline.Config{
		Workspace: filepath.Join("..", "..", "examples", "acme"), WorkspaceEvidence: true,
		Records:    filepath.Join("..", "..", "examples", "acme", "training-records.csv"),
		Frameworks: []string{"iso27001-2022", "cis-aws"},
		Now:        func() time.Time { return time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC) },
	})
	require.NoError(t, err)
	write, err := report.Lookup("json")
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, write(&buf, r))
	require.NoError(t, validate(t, s, buf.Bytes()), "the example's JSON report")

	// A run over evidence with nothing in it (no verdict, every list empty).
	empty, err := pipeline.Run(context.Background(), pipeline.Config{
		Evidence: []*evidence.Snapshot{{Schema: evidence.SchemaV1, Collectors: []string{"recorded"}, Resources: []evidence.Resource{}}},
		Now:      func() time.Time { return time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC) },
	})
	require.NoError(t, err)
	buf.Reset()
	require.NoError(t, write(&buf, empty))
	require.NoError(t, validate(t, s, buf.Bytes()), "an empty run:\n%s", buf.String())

	bad := bytes.Replace(buf.Bytes(), []byte(`"schema": "rampart.report/v1",`), []byte(`"schema": "rampart.report/v1", "undocumented": 1,`), 1)
	require.Error(t, validate(t, s, bad), "an undocumented field is rejected")
}

func TestEvidenceSchema(t *testing.T) {
	t.Parallel()
	s := compileSchema(t, "evidence.schema.json")
	files, err := filepath.Glob(filepath.Join("..", "..", "examples", "acme", "evidence", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		require.NoError(t, validate(t, s, data), f)
		// What the loader reads, written back the way collect writes it.
		snap, err := evidence.Load(f)
		require.NoError(t, err)
		out := filepath.Join(t.TempDir(), "snap.json")
		require.NoError(t, evidence.WriteFile(out, snap))
		written, err := os.ReadFile(out)
		require.NoError(t, err)
		require.NoError(t, validate(t, s, written), "%s as written", f)
	}
	require.Error(t, validate(t, s, []byte(`{"schema":"rampart.evidence/v1","resources":[{"type":"t","id":"x","colour":"red"}]}`)))
	require.Error(t, validate(t, s, []byte(`{"schema":"rampart.evidence/v2","resources":[]}`)))
}
