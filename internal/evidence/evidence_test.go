package evidence

import (
	"encoding/json"
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
	const head = `{"schema": "rampart.evidence/v1", `
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"malformed JSON names offset, line and column", "{\"schema\": \"rampart.evidence/v1\",\n \"resources\": [}", "malformed JSON at byte offset 49 (line 2, column 16): resources[0]: invalid character '}' looking for the beginning of a value"},
		{"truncated file", `{"schema": "rampart.evidence/v1", "resources": [`, "malformed JSON at byte offset 48 (line 1, column 49): resources[0]: unexpected end of JSON input"},
		{"empty file", ``, "malformed JSON at byte offset 0 (line 1, column 1): unexpected end of input: want a snapshot object"},
		{"wrong type names the value and points at it", head + `"resources": [{"type": 7}]}`, `wrong JSON type at byte offset 57 (line 1, column 58): resources[0].type: wants a string, got a number`},
		{"null is not a string", head + `"resources": [{"type": null, "id": "x"}]}`, `wrong JSON type at byte offset 57 (line 1, column 58): resources[0].type: wants a string, got null`},
		{"no schema", `{"resources": []}`, `no "schema" field`},
		{"no schema explains other errors", `{"resources": [{"typo": 1}]}`, `no "schema" field`},
		{"unknown schema version", `{"schema": "rampart.evidence/v2", "resources": []}`, `invalid snapshot at byte offset 11 (line 1, column 12): unsupported evidence schema "rampart.evidence/v2"`},
		{"unknown schema version after a key it defines", `{"resources": [], "findings": {}, "schema": "rampart.evidence/v2"}`, `invalid snapshot at byte offset 44 (line 1, column 45): unsupported evidence schema "rampart.evidence/v2"`},
		{"trailing data", head + `"resources": []} {}`, `malformed JSON at byte offset 51 (line 1, column 52): invalid character '{' after the snapshot object`},
		{"resource without id", head + `"resources": [{"type": "aws.s3.bucket"}]}`, "invalid snapshot at byte offset 48 (line 1, column 49): resources[0]: type and id are required"},
		{"duplicate resource", head + `"resources": [{"type": "a.b", "id": "x"}, {"type": "a.b", "id": "x"}]}`, `invalid snapshot at byte offset 76 (line 1, column 77): resources[1]: a.b "x" is already resources[0] at byte offset 48`},
		{"gap without reason", head + `"resources": [], "not_collected": [{"resource_type": "a.b"}]}`, "invalid snapshot at byte offset 69 (line 1, column 70): not_collected[0]: resource_type and reason are required"},

		// An unknown key was ignored: a misspelt not_collected dropped the gap (exit 1 instead of 3).
		{"unknown top-level key", head + `"resources": [], "not_colected": [{"resource_type": "a.b", "reason": "403"}]}`,
			`unknown key at byte offset 51 (line 1, column 52): "not_colected" is not a key of a snapshot (keys are case-sensitive: schema, collected_at, collectors, incomplete, incomplete_reason, resources, not_collected, collected)`},
		{"unknown resource key", head + `"resources": [{"type": "a.b", "id": "x", "attributs": {}}]}`, `unknown key at byte offset 75 (line 1, column 76): resources[0]: "attributs" is not a key of a resource`},
		{"unknown scope key", head + `"resources": [{"type": "a.b", "id": "x", "scope": {"organisation": "acme"}}]}`, `unknown key at byte offset 85 (line 1, column 86): resources[0].scope: "organisation" is not a key of a scope`},
		// encoding/json matched keys case-insensitively.
		{"key in the wrong case", head + `"Incomplete": true, "resources": []}`, `unknown key at byte offset 34 (line 1, column 35): "Incomplete" is not a key of a snapshot`},
		// encoding/json took the last of two: an incomplete snapshot read as complete.
		{"duplicate key names both offsets", head + `"incomplete": true, "resources": [], "incomplete": false}`,
			`duplicate key at byte offset 71 (line 1, column 72): "incomplete" is already given at byte offset 34 (line 1, column 35)`},
		{"duplicate attribute", head + `"resources": [{"type": "a.b", "id": "x", "attributes": {"public": true,` + "\n" + ` "public": false}}]}`,
			`duplicate key at byte offset 107 (line 2, column 2): resources[0].attributes: "public" is already given at byte offset 90 (line 1, column 91)`},
		{"duplicate nested attribute", head + `"resources": [{"type": "a.b", "id": "x", "attributes": {"acl": [{"grantee": "a", "grantee": "b"}]}}]}`,
			`duplicate key at byte offset 115 (line 1, column 116): resources[0].attributes.acl[0]: "grantee" is already given at byte offset 99`},
		{"duplicate unknown reason", head + `"resources": [{"type": "a.b", "id": "x", "unknown": {"a": "403", "a": "404"}}]}`,
			`duplicate key at byte offset 99 (line 1, column 100): resources[0].unknown: "a" is already given at byte offset 87`},
		// encoding/json replaced invalid UTF-8 with U+FFFD: an org login changed and claims broke.
		{"invalid UTF-8", head + "\"resources\": [{\"type\": \"a.b\", \"id\": \"x\", \"scope\": {\"org\": \"ac\xffme\"}}]}", `invalid UTF-8 at byte offset 95 (line 1, column 96): resources[0].scope.org: byte 0xff in a string is not valid UTF-8`},
		{"invalid UTF-8 in a key", head + "\"resources\": [{\"type\": \"a.b\", \"id\": \"x\", \"attributes\": {\"\xc3\": 1}}]}", `invalid UTF-8 at byte offset 91 (line 1, column 92): resources[0].attributes: byte 0xc3 in a string is not valid UTF-8`},
		{"lone surrogate escape", head + `"resources": [{"type": "a.b", "id": "x", "scope": {"org": "ac\ud800me"}}]}`, `invalid UTF-8 at byte offset 95 (line 1, column 96): resources[0].scope.org: \uD800 is a high surrogate without its low surrogate`},
		// collected_at errors had no offset.
		{"collected_at not a time", head + `"collected_at": "yesterday", "resources": []}`, `wrong JSON type at byte offset 50 (line 1, column 51): collected_at: "yesterday" is not an RFC 3339 time`},
		{"source collected_at not a time", head + `"resources": [{"type": "a.b", "id": "x", "source": {"kind": "live", "collected_at": "2026-13-01T00:00:00Z"}}]}`, `wrong JSON type at byte offset 118 (line 1, column 119): resources[0].source.collected_at: "2026-13-01T00:00:00Z" is not an RFC 3339 time`},
		{"line not an integer", head + `"resources": [{"type": "a.b", "id": "x", "source": {"kind": "terraform", "line": 1.5}}]}`, `wrong JSON type at byte offset 115 (line 1, column 116): resources[0].source.line: wants a line number (a non-negative integer), got 1.5`},
		{"attributes not an object", head + `"resources": [{"type": "a.b", "id": "x", "attributes": []}]}`, `wrong JSON type at byte offset 89 (line 1, column 90): resources[0].attributes: wants an object, got an array`},
		{"nesting too deep", head + `"resources": [{"type": "a.b", "id": "x", "attributes": {"a": ` + strings.Repeat("[", 1001) + strings.Repeat("]", 1001) + `}}]}`, `resources[0].attributes.a` + strings.Repeat("[0]", 999) + `: values nest deeper than 1000 levels`},
		{"bad number", head + `"resources": [{"type": "a.b", "id": "x", "attributes": {"n": -}}]}`, `malformed JSON at byte offset 96 (line 1, column 97): resources[0].attributes.n: invalid character '}' in numeric literal`},
		{"bad escape", head + `"resources": [{"type": "a\x.b", "id": "x"}]}`, `malformed JSON at byte offset 60 (line 1, column 61): resources[0].type: invalid character 'x' in string escape code`},
		{"control character in a string", head + "\"resources\": [{\"type\": \"a\n.b\", \"id\": \"x\"}]}", `malformed JSON at byte offset 59 (line 1, column 60): resources[0].type: invalid character '\n' in string literal`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := Decode([]byte(tc.in))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			var de *DecodeError
			require.ErrorAs(t, err, &de, "every decode error carries its byte offset")
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

// TestRepositorySnapshotsDecodeStrictly keeps the recorded snapshots of the
// repository (the demo, fixtures and collector goldens) readable by the
// strict decoder, so a key a writer adds cannot slip past review.
func TestRepositorySnapshotsDecodeStrictly(t *testing.T) {
	t.Parallel()
	for _, f := range repositorySnapshots {
		t.Run(f, func(t *testing.T) {
			t.Parallel()
			s, err := LoadFile(f)
			require.NoError(t, err)
			assert.NotEmpty(t, s.Resources)
		})
	}
}

var repositorySnapshots = []string{
	"../../examples/acme/evidence/github.json",
	"../../examples/acme/evidence/aws.json",
	"../fixture/testdata/snapshot.json",
	"../collect/aws/testdata/sample.golden.json",
	"../collect/github/testdata/golden/acme.json",
	"../cli/testdata/small/evidence/github.json",
}

func TestDecodeAcceptsWhatEncodingJSONAcceptsForValidInput(t *testing.T) {
	t.Parallel()
	in := `{"schema": "rampart.evidence/v1", "collected_at": "2026-03-01T09:00:00+01:00", "collectors": ["github"],
		"incomplete": true, "incomplete_reason": "rate limit", "resources": [
		{"type": "a.b", "id": "x\u00e9\ud83d\ude00\n", "system": "s", "scope": {"platform": "github", "org": "acme"},
		 "source": {"kind": "terraform", "file": "main.tf", "line": 12, "collected_at": "2026-03-01T08:00:00Z"},
		 "attributes": {"n": -1.5e3, "z": 0, "s": "a\"b\\c\/d\b\f\r\t", "l": [true, false, null, {}, []], "o": {"k": {"k": 1}}},
		 "unknown": {"u": "403"}}],
		"not_collected": [{"resource_type": "a.b", "scope": {"platform": "aws", "account_id": "1"}, "scope_id": "aws:1", "system": "s", "reason": "403", "missing_permission": "x:Y"}]}`
	got, err := Decode([]byte(in))
	require.NoError(t, err)
	want, err := legacyDecode([]byte(in))
	require.NoError(t, err)
	assert.Equal(t, want, got, "on valid input the strict decoder gives what encoding/json gave")
	assert.Equal(t, "x\u00e9\U0001F600\n", got.Resources[0].ID)
	assert.Equal(t, json.Number("-1.5e3"), got.Resources[0].Attributes["n"])
}

// TestResourceCloneSharesNothing: changing a clone's attributes at any
// depth, or its unknown reasons, leaves the original as it was.
func TestResourceCloneSharesNothing(t *testing.T) {
	orig := Resource{Type: "t", ID: "i",
		Attributes: map[string]any{"a": map[string]any{"b": []any{"x", map[string]any{"c": true}}}, "n": nil},
		Unknown:    map[string]string{"k": "403"}}
	want := Resource{Type: "t", ID: "i",
		Attributes: map[string]any{"a": map[string]any{"b": []any{"x", map[string]any{"c": true}}}, "n": nil},
		Unknown:    map[string]string{"k": "403"}}
	c := orig.Clone()
	require.Equal(t, want, c)
	c.Attributes["a"].(map[string]any)["b"].([]any)[1].(map[string]any)["c"] = false
	c.Attributes["a"].(map[string]any)["b"].([]any)[0] = "y"
	c.Attributes["new"] = 1
	c.Unknown["k"] = "changed"
	require.Equal(t, want, orig)
	require.Equal(t, Resource{}, Resource{}.Clone(), "nil stays nil")
}
