package engine

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/controls"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
)

func neededControl(id, pkg, typ, body string) string {
	return `# METADATA
# title: ` + id + `
# custom:
#   id: ` + id + `
#   severity: high
#   resource_types: [` + typ + `]
#   frameworks:
#     iso27001-2022: ["A.5.9"]
#   remediation:
#     console: Fix it.
#     terraform: Fix it.
package ` + pkg + `

` + body
}

// TestNeededModules: the modules compiled for a set of types are the
// controls of those types and the packages they read, helpers and other
// controls, transitively — and nothing else.
func TestNeededModules(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"lib/util.rego": {Data: []byte("package rampart.lib.util\n\nbad(x) if x.bad == true\n")},
		// a reads b's rules, b reads c's: evaluating widgets needs all three.
		"a.rego": {Data: []byte(neededControl("TEST-A-001", "test.a", "test.widget", "import data.rampart.lib.util\n\ndeny contains \"bad\" if {\n\tutil.bad(input.attributes)\n\tcount(data.test.b.deny) >= 0\n}\n"))},
		"b.rego": {Data: []byte(neededControl("TEST-B-001", "test.b", "test.other", "deny contains m if {\n\tsome m in data.test.c.deny\n}\n"))},
		"c.rego": {Data: []byte(neededControl("TEST-C-001", "test.c", "test.third", "deny contains \"c\" if input.attributes.c\n"))},
		"d.rego": {Data: []byte(neededControl("TEST-D-001", "test.d", "test.gadget", "deny contains \"d\" if input.attributes.d\n"))},
	}
	mods, problems := Parse(Source{Name: "t", FS: fsys})
	require.Empty(t, problems.Errors())
	for _, tc := range []struct {
		types []string
		want  []string
	}{
		{nil, nil},
		{[]string{"test.widget"}, []string{"t/a.rego", "t/b.rego", "t/c.rego", "t/lib/util.rego"}},
		{[]string{"test.other"}, []string{"t/b.rego", "t/c.rego"}},
		{[]string{"test.gadget"}, []string{"t/d.rego"}},
		{[]string{"test.third", "test.gadget"}, []string{"t/c.rego", "t/d.rego"}},
		{[]string{"test.unknown"}, nil},
	} {
		types := map[string]bool{}
		for _, ty := range tc.types {
			types[ty] = true
		}
		var got []string
		needed, ps := neededModules(mods, types)
		require.Empty(t, ps)
		for _, m := range needed {
			got = append(got, m.File)
		}
		assert.ElementsMatch(t, tc.want, got, "types %v", tc.types)
	}
}

// TestCompileNeededCompilesTheUnion: an engine loaded with CompileNeeded
// compiles nothing at load, the types of each evaluated snapshot as they
// come, and judges as the engine that compiled everything.
func TestCompileNeededCompilesTheUnion(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	src := Source{Name: "controls", FS: controls.FS}
	all, err := New(ctx, []Source{src})
	require.NoError(t, err)
	needed, err := New(ctx, []Source{src}, CompileNeeded())
	require.NoError(t, err)
	assert.Nil(t, needed.compiler, "compiled at load")
	assert.Equal(t, all.Catalog().IDs(), needed.Catalog().IDs(), "the catalogue is complete before any compile")

	byType := map[string][]evidence.Resource{}
	for _, r := range generateResources(20) {
		byType[r.Type] = append(byType[r.Type], r)
	}
	repos := &evidence.Snapshot{Resources: byType["github.repository"]}
	assert.Equal(t, all.Evaluate(ctx, repos, nil), needed.Evaluate(ctx, repos, nil))
	assert.Equal(t, "github.repository", needed.neededSummary())
	reposCompiled := len(needed.compiler.Modules)
	assert.Less(t, reposCompiled, len(all.compiler.Modules), "compiled the whole catalogue for one type")

	var rest []evidence.Resource
	for ty, rs := range byType {
		if ty != "github.repository" {
			rest = append(rest, rs...)
		}
	}
	others := &evidence.Snapshot{Resources: rest}
	assert.Equal(t, all.Evaluate(ctx, others, nil), needed.Evaluate(ctx, others, nil))
	assert.Greater(t, len(needed.compiler.Modules), reposCompiled, "the second snapshot's types were not added")
	// The first snapshot again, on the grown compiler: the same.
	assert.Equal(t, all.Evaluate(ctx, repos, nil), needed.Evaluate(ctx, repos, nil))
}

// TestCompileNeededUncompiledTypeIsAnError: a resource whose controls
// could not be compiled gets an error finding per control, never a pass.
func TestCompileNeededUncompiledTypeIsAnError(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"w.rego": {Data: []byte(neededControl("TEST-W-001", "test.w", "test.widget", "deny contains msg if {\n\tinput.attributes.bad\n\tmsg := concat(\"\", [x])\n}\n"))},
	}
	e, err := New(context.Background(), []Source{{Name: "t", FS: fsys}}, CompileNeeded())
	require.NoError(t, err, "a compile error is not a parse error: the load passes")
	snap := &evidence.Snapshot{Resources: []evidence.Resource{{Type: "test.widget", ID: "w", Attributes: map[string]any{"bad": false}}}}
	var problems Problems
	require.ErrorAs(t, e.CompileFor(snap), &problems)
	fs := e.Evaluate(context.Background(), snap, nil)
	require.Len(t, fs, 1)
	assert.Equal(t, finding.Error, fs[0].Status)
	assert.Contains(t, fs[0].Message, "compile controls")
}

// TestHeadParseGivesTheSameControl: the METADATA and package line of every
// module of the embedded catalogue give the Control the whole file gives,
// and the catalogue a CompileNeeded engine builds from them is the one New
// builds from the whole files.
func TestHeadParseGivesTheSameControl(t *testing.T) {
	t.Parallel()
	src := Source{Name: "controls", FS: controls.FS, Verified: true}
	whole, ps := parseSources(false, false, []Source{src})
	require.Empty(t, ps)
	heads, ps := parseSources(false, true, []Source{src})
	require.Empty(t, ps)
	require.Empty(t, Check(whole).Errors())
	require.Empty(t, Check(heads).Errors())
	require.Len(t, heads, len(whole))
	controlsSeen := 0
	for i := range whole {
		require.Equal(t, whole[i].File, heads[i].File)
		assert.False(t, whole[i].Head)
		if whole[i].Control == nil {
			assert.Nil(t, heads[i].Control, "%s", whole[i].File)
			continue
		}
		controlsSeen++
		assert.True(t, heads[i].Head, "%s: parsed whole", whole[i].File)
		assert.Equal(t, *whole[i].Control, *heads[i].Control, "%s", whole[i].File)
		assert.Equal(t, whole[i].Raw, heads[i].Raw)
		again, ps := wholeModule(heads[i])
		require.Empty(t, ps)
		assert.Equal(t, *whole[i].Control, *again.Control, "%s parsed whole later", whole[i].File)
	}
	assert.Greater(t, controlsSeen, 200)

	ctx := context.Background()
	all, err := New(ctx, []Source{src})
	require.NoError(t, err)
	needed, err := New(ctx, []Source{src}, CompileNeeded())
	require.NoError(t, err)
	assert.Equal(t, all.Catalog(), needed.Catalog())
	assert.Equal(t, all.SourceDigest(), needed.SourceDigest())
}

// TestHeadParseChecksTheRulesBeforeCompiling: a Verified module whose
// rules break the METADATA contract (here: no deny rule) is caught when a
// run needs it and parses it whole, as Check catches it at load otherwise.
func TestHeadParseChecksTheRulesBeforeCompiling(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"w.rego": {Data: []byte(neededControl("TEST-W-001", "test.w", "test.widget", "allow if true\n"))},
	}
	_, err := New(context.Background(), []Source{{Name: "t", FS: fsys, Verified: true}})
	require.Error(t, err, "New without CompileNeeded reads the rules")
	e, err := New(context.Background(), []Source{{Name: "t", FS: fsys, Verified: true}}, CompileNeeded())
	require.NoError(t, err, "only the head is read at load")
	snap := &evidence.Snapshot{Resources: []evidence.Resource{{Type: "test.widget", ID: "w"}}}
	err = e.CompileFor(snap)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "defines no deny rule")
	fs := e.Evaluate(context.Background(), snap, nil)
	require.Len(t, fs, 1)
	assert.Equal(t, finding.Error, fs[0].Status)
}
