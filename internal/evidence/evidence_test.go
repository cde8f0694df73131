package evidence

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeRejectsBadInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"malformed JSON names offset, line and column", "{\"schema\": \"rampart.evidence/v1\",\n \"resources\": [}", "malformed JSON at byte offset 49 (line 2, column 16)"},
		{"truncated file", `{"schema": "rampart.evidence/v1", "resources": [`, "malformed JSON at byte offset 48 (line 1, column 49): unexpected end of JSON input"},
		{"wrong type names the field", "{\"schema\": \"rampart.evidence/v1\", \"resources\": [{\"type\": 7}]}", `wrong JSON type at byte offset 58 (line 1, column 59): field "resources.type" wants string, got number`},
		{"no schema", `{"resources": []}`, `no "schema" field`},
		{"unknown schema version", `{"schema": "rampart.evidence/v2", "resources": []}`, `unsupported evidence schema "rampart.evidence/v2"`},
		{"resource without id", `{"schema": "rampart.evidence/v1", "resources": [{"type": "aws.s3.bucket"}]}`, "resources[0]: type and id are required"},
		{"duplicate resource", `{"schema": "rampart.evidence/v1", "resources": [{"type": "a.b", "id": "x"}, {"type": "a.b", "id": "x"}]}`, `resources[1]: a.b "x" is already resources[0]`},
		{"gap without reason", `{"schema": "rampart.evidence/v1", "resources": [], "not_collected": [{"resource_type": "a.b"}]}`, "not_collected[0]: resource_type and reason are required"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := Decode([]byte(tc.in))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestDecodeKeepsAttributesAndNumbers(t *testing.T) {
	t.Parallel()
	s, err := Decode([]byte(`{"schema": "rampart.evidence/v1", "resources": [
		{"type": "github.repository", "id": "github.com/a/b", "scope": {"platform": "github", "org": "a", "repo": "b"},
		 "attributes": {"count": 2}, "unknown": {"x": "403"}},
		{"type": "github.organization", "id": "github.com/a"}]}`))
	require.NoError(t, err)
	require.Len(t, s.Resources, 2)
	assert.Equal(t, "2", s.Resources[0].Attributes["count"].(interface{ String() string }).String())
	assert.Equal(t, "403", s.Resources[0].Unknown["x"])
	assert.NotNil(t, s.Resources[1].Attributes, "a resource without attributes gets an empty map, so controls see absence, not an undefined input")
}

func TestLoadFolderMergesAndNamesTheFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, body string) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644))
	}
	write("a.json", `{"schema": "rampart.evidence/v1", "collectors": ["github"], "resources": [{"type": "a.b", "id": "1"}]}`)
	write("b.json", `{"schema": "rampart.evidence/v1", "collectors": ["aws"], "incomplete": true, "incomplete_reason": "cancelled", "resources": [{"type": "a.b", "id": "2"}]}`)
	write("notes.txt", "ignored")
	s, err := Load(dir)
	require.NoError(t, err)
	assert.Len(t, s.Resources, 2)
	assert.Equal(t, []string{"github", "aws"}, s.Collectors)
	assert.True(t, s.Incomplete, "one incomplete snapshot makes the merge incomplete")

	write("c.json", `{"schema": "rampart.evidence/v1", "resources": [{"type": "a.b", "id": "1"}]}`)
	_, err = Load(dir)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `a.b "1" appears in more than one snapshot`)

	write("d.json", `{"schema": `)
	_, err = Load(dir)
	require.Error(t, err)
	assert.Contains(t, err.Error(), filepath.Join(dir, "d.json"))
}

func TestWriteFileRoundTripsAndLeavesNothingOnFailure(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "snap.json")
	s := &Snapshot{Resources: []Resource{{Type: "b.c", ID: "2", Attributes: map[string]any{}}, {Type: "a.b", ID: "1", Attributes: map[string]any{}}}}
	require.NoError(t, WriteFile(path, s))
	back, err := LoadFile(path)
	require.NoError(t, err)
	assert.Equal(t, SchemaV1, back.Schema)
	assert.Equal(t, "a.b", back.Resources[0].Type, "resources are written sorted")

	bad := &Snapshot{Resources: []Resource{{Type: "a.b", ID: "x", Attributes: map[string]any{"f": func() {}}}}}
	err = WriteFile(filepath.Join(dir, "bad.json"), bad)
	require.Error(t, err)
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.Equal(t, []string{"snap.json"}, names, "a failed write leaves neither the target nor a temporary file")
}

func TestLoadMissingPath(t *testing.T) {
	t.Parallel()
	_, err := Load(filepath.Join(t.TempDir(), "nope.json"))
	require.Error(t, err)
	assert.True(t, errors.Is(err, os.ErrNotExist))
	assert.True(t, strings.HasPrefix(err.Error(), "read evidence"))
}
