package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// jsonIndent is what appendIndented must equal: the standard library's.
func jsonIndent(t testing.TB, compact []byte, prefix, indent string) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, json.Indent(&b, compact, prefix, indent))
	return b.Bytes()
}

func compacted(t testing.TB, src []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, json.Compact(&b, src))
	return b.Bytes()
}

// TestAppendIndentedIsJSONIndent compares appendIndented with json.Indent
// on every JSON and SARIF golden of this package and on the shapes that
// are easy to get wrong: empty containers, escaped quotes and backslashes
// before a closing quote, brackets and commas inside strings, nesting.
func TestAppendIndentedIsJSONIndent(t *testing.T) {
	t.Parallel()
	inputs := map[string][]byte{
		"empty object":       []byte(`{}`),
		"empty array":        []byte(`[]`),
		"nested empties":     []byte(`{"a":{},"b":[],"c":[{}],"d":[[]]}`),
		"escapes":            []byte(`{"q":"a \"quoted\" \\","b":"\\\\","u":"\u2028<>&","x":"}],:{["}`),
		"numbers and bools":  []byte(`[1,-2.5e10,true,false,null,"s"]`),
		"deep":               []byte(`{"a":[{"b":{"c":[1,{"d":[]}]}}]}`),
		"string only":        []byte(`"just a string"`),
		"backslash at end":   []byte(`["\\"]`),
		"unicode":            []byte(`{"é":"ü — ✓","k":"\ud83d\ude00"}`),
		"array of documents": []byte(`[{"a":1},{"b":2}]`),
	}
	goldens, err := filepath.Glob(filepath.Join("testdata", "*.golden.*"))
	require.NoError(t, err)
	for _, g := range goldens {
		data, err := os.ReadFile(g)
		require.NoError(t, err)
		if json.Valid(data) {
			inputs[g] = data
		}
	}
	require.Greater(t, len(inputs), 12, "the goldens are among the inputs")
	for name, src := range inputs {
		compact := compacted(t, src)
		for _, pre := range []string{"", "    "} {
			want := jsonIndent(t, compact, pre, "  ")
			got := appendIndented([]byte("kept:"), compact, pre, "  ")
			require.Equal(t, "kept:"+string(want), string(got), "%s, prefix %q", name, pre)
		}
	}
}

// FuzzAppendIndented: for any valid JSON, compacted as the encoder writes
// it, appendIndented equals json.Indent.
func FuzzAppendIndented(f *testing.F) {
	for _, s := range []string{`{}`, `{"a":[1,2,{"b":"c\"d"}]}`, `[[],{},""]`, `"\\"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) {
			return
		}
		compact := compacted(t, data)
		want := jsonIndent(t, compact, "  ", "  ")
		if got := appendIndented(nil, compact, "  ", "  "); !bytes.Equal(got, want) {
			t.Fatalf("appendIndented(%q)\n got %q\nwant %q", compact, got, want)
		}
	})
}
