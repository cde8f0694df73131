package model

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/golden"
)

const workspaceDocPath = "../../docs/workspace.md"

// TestWorkspaceDoc fails when docs/workspace.md is not what the schema
// renders; -update rewrites it.
func TestWorkspaceDoc(t *testing.T) {
	got, err := WorkspaceDoc()
	require.NoError(t, err, "every root block needs a rootBlockDocs entry and every field a doc tag")
	if golden.Update() {
		require.NoError(t, os.WriteFile(workspaceDocPath, got, 0o644))
	}
	want, err := os.ReadFile(workspaceDocPath)
	require.NoError(t, err)
	if !bytes.Equal(want, got) {
		t.Fatalf("docs/workspace.md is not current: run go test ./internal/model -run TestWorkspaceDoc -update")
	}
}

// TestSchemaIsTheDecoders: the reference lists exactly the root blocks the
// loader decodes, and what it calls required is what the decoder refuses
// to go without.
func TestSchemaIsTheDecoders(t *testing.T) {
	t.Parallel()
	blocks, err := Schema()
	require.NoError(t, err)
	var types []string
	for _, b := range blocks {
		types = append(types, b.Type)
	}
	assert.Equal(t, RootBlocks(), types)
	assert.Len(t, rootBlockDocs, len(RootBlocks()), "a rootBlockDocs entry for a block the loader does not decode")

	for _, b := range blocks {
		t.Run(b.Type, func(t *testing.T) {
			t.Parallel()
			var want []string
			for _, f := range b.Fields {
				if f.Required && !f.Block {
					want = append(want, f.Name)
				}
			}
			header := b.Type
			if b.Label != "" {
				header += ` "x"`
			}
			_, diags := loadSource(t, header+" {\n}\n")
			var got []string
			for _, d := range diags {
				if name, ok := strings.CutPrefix(d.Detail, `The argument "`); ok && d.Summary == "Missing required argument" {
					got = append(got, name[:strings.Index(name, `"`)])
				}
			}
			assert.ElementsMatch(t, want, got, "required in the reference, required by the decoder")
		})
	}
}

func TestSchemaPlaceholders(t *testing.T) {
	t.Parallel()
	blocks, err := Schema()
	require.NoError(t, err)
	doc := func(block, field string) string {
		for _, b := range blocks {
			for _, f := range b.Fields {
				if b.Type == block && f.Name == field {
					return f.Doc
				}
			}
		}
		t.Fatalf("%s.%s not in the schema", block, field)
		return ""
	}
	assert.Contains(t, doc("system", "classification"), "`public`, `internal`, `confidential`, `restricted`")
	assert.Contains(t, doc("risk", "alerts"), "`code_scanning`, `dependabot`, `guardduty`, `inspector`, `secret_scanning`")
	assert.Contains(t, doc("settings", "alert_sla"), "critical 7d, high 30d, medium 90d")
	_, err = expand("{{nope}}", placeholders())
	assert.ErrorContains(t, err, "unknown placeholder {{nope}}")
}

// loadSource loads one workspace file of the given text.
func loadSource(t *testing.T, src string) (*Workspace, hcl.Diagnostics) {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "w.hcl"), []byte(src), 0o644))
	return Load(Input{Dir: dir, KnownControl: known})
}
