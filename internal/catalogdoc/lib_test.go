package catalogdoc_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/controls"
	"github.com/rampart-audit/rampart/internal/catalogdoc"
	"github.com/rampart-audit/rampart/internal/engine"
)

func builtinLibrary(t *testing.T) ([]engine.Module, []catalogdoc.Helper) {
	t.Helper()
	mods, problems := engine.Parse(engine.Source{Name: "controls", FS: controls.FS})
	require.Empty(t, problems.Errors())
	eng, err := engine.Load(context.Background(), mods)
	require.NoError(t, err)
	helpers, lp := catalogdoc.Library(mods, eng.Catalog())
	require.Empty(t, lp, "every rampart.lib helper is documented")
	return mods, helpers
}

// TestLibraryExamples evaluates the example of every helper against the
// built-in library, with its input, and requires its result: the page
// cannot show an example that is wrong, and no helper lacks one.
func TestLibraryExamples(t *testing.T) {
	t.Parallel()
	mods, helpers := builtinLibrary(t)
	var opts []func(*rego.Rego)
	for _, m := range mods {
		if !m.Test && engine.IsLibrary(strings.TrimPrefix(m.Module.Package.Path.String(), "data.")) {
			opts = append(opts, rego.ParsedModule(m.Module))
		}
	}
	examples := 0
	for _, h := range helpers {
		require.NotEmpty(t, h.Example, "%s has no example", h.Name)
		examples++
		t.Run(h.Name, func(t *testing.T) {
			t.Parallel()
			query := "got := (" + h.Example + "); got == " + h.Result
			o := append([]func(*rego.Rego){rego.Query(query), rego.Imports([]string{"data.rampart.lib"})}, opts...)
			if h.Input != "" {
				var in any
				require.NoError(t, json.Unmarshal([]byte(h.Input), &in), "custom.input of %s is JSON", h.Name)
				o = append(o, rego.Input(in))
			}
			rs, err := rego.New(o...).Eval(context.Background())
			require.NoError(t, err, query)
			if len(rs) == 0 {
				got, _ := rego.New(append(o[:0:0], append([]func(*rego.Rego){rego.Query("got := (" + h.Example + ")"), rego.Imports([]string{"data.rampart.lib"})}, o[2:]...)...)...).Eval(context.Background())
				t.Fatalf("%s: %s gives %v, the page says %s", h.Name, h.Example, got, h.Result)
			}
		})
	}
	assert.Equal(t, len(helpers), examples, "every helper has an example")
	assert.GreaterOrEqual(t, examples, 86)
}

// A helper without a description, or one a control calls without an
// example, is a problem at its rule (a warning of `rampart docs`), and the
// page says so where it would document it.
func TestLibraryUndocumented(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"lib/lib.rego": {Data: []byte(`package rampart.lib

# METADATA
# description: documented(x) holds for true.
# custom:
#   example: lib.documented(true)
#   result: "true"
documented(x) if x == true

# METADATA
# description: used_without_example(x) is x.
used_without_example(x) := x

internal_without_description := 1
`)},
		"aws/x.rego": {Data: []byte(`# METADATA
# title: X
# description: X.
# custom:
#   id: TST-X-001
#   severity: low
#   resource_types: [aws.s3.bucket]
#   frameworks:
#     iso27001-2022: ["A.8.9"]
#   remediation:
#     console: Do it.
#     terraform: Do it.
#   equivalents: {}
package rampart.aws.x

import data.rampart.lib

deny contains {"msg": "x", "path": "attributes.x"} if lib.used_without_example(input.attributes.x) == 1

unknown contains {"msg": "x", "path": "attributes.x"} if not is_number(object.get(input.attributes, "x", null))
`)},
	}
	mods, problems := engine.Parse(engine.Source{Name: "t", FS: fsys})
	require.Empty(t, problems.Errors())
	eng, err := engine.Load(context.Background(), mods)
	require.NoError(t, err)
	helpers, lp := catalogdoc.Library(mods, eng.Catalog())
	require.Len(t, helpers, 3)
	var msgs []string
	for _, p := range lp {
		msgs = append(msgs, p.String())
	}
	assert.Equal(t, []string{
		"t/lib/lib.rego:14: rampart.lib helper internal_without_description has no METADATA description",
		"t/lib/lib.rego:12: rampart.lib helper used_without_example has no custom.example and custom.result in its METADATA",
	}, msgs)
	files := map[string][]byte{}
	assert.Len(t, catalogdoc.AddLibrary(files, mods, eng.Catalog(), "out"), 2, "the holes are warnings")
	page := string(files[catalogdoc.LibraryFile])
	assert.Contains(t, page, "No example: its METADATA has no `custom.example`", "the page says where the holes are")
	assert.Contains(t, page, "### internal_without_description\n\n`lib.internal_without_description` — value")
	assert.Contains(t, page, "*Not documented: the rule has no METADATA description.*")
}
