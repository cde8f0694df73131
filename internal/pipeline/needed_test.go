package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/terraform"
)

// judged is what a finding says: which control on which resource, and
// with which status, message and path.
type judged struct {
	control, resourceType, resource string
	status                          finding.Status
	message, path                   string
}

func judgements(fs []finding.Finding) []judged {
	out := make([]judged, len(fs))
	for i, f := range fs {
		out[i] = judged{f.ControlID, f.Resource.Type, f.Resource.ID, f.Status, f.Message, f.Path}
	}
	return out
}

// gateSets are the snapshots the gate's tests judge: every Terraform test
// repository of internal/terraform (the gate goldens' inputs), the
// example's Terraform, and the example's recorded GitHub and AWS evidence.
func gateSets(t *testing.T) map[string]*evidence.Snapshot {
	t.Helper()
	sets := map[string]*evidence.Snapshot{}
	cases, err := filepath.Glob(filepath.Join("..", "terraform", "testdata", "cases", "*"))
	require.NoError(t, err)
	dirs := append(cases, filepath.Join("..", "..", "examples", "acme", "terraform"))
	for _, dir := range dirs {
		res, err := terraform.Load(context.Background(), terraform.Dir(dir), []string{"."}, terraform.Options{})
		if err != nil || res.Snapshot == nil {
			continue // a repository the gate refuses (syntax errors): nothing to judge
		}
		sets["terraform "+filepath.Base(dir)] = res.Snapshot
	}
	for _, name := range []string{"github.json", "aws.json"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "examples", "acme", "evidence", name))
		require.NoError(t, err)
		snap, err := evidence.Decode(data)
		require.NoError(t, err)
		sets["evidence "+name] = snap
	}
	require.Greater(t, len(sets), 30, "the gate's test repositories were not found")
	return sets
}

// TestCompileNeededJudgesAlike holds the gate's "compile only what the run
// needs" (engine.CompileNeeded) to compiling the whole catalogue: every
// finding of every gate test repository and of the example's evidence is
// the same, status, message and path. Each set is judged by an engine of
// its own (only its types compiled) and by one engine shared by all sets in
// turn (each new type compiling the union again, as the gate's baseline
// does), beside an engine that compiled everything at load.
func TestCompileNeededJudgesAlike(t *testing.T) {
	ctx := context.Background()
	now := func() time.Time { return time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC) }
	ws := filepath.Join("..", "..", "examples", "acme")
	load := func(opts ...engine.Option) *Inputs {
		in, err := Load(ctx, nil, "", ws, append([]engine.Option{engine.WithClock(now)}, opts...)...)
		require.NoError(t, err)
		return in
	}
	all, shared := load(), load(engine.CompileNeeded())
	run := func(in *Inputs, snap *evidence.Snapshot) []judged {
		r, err := Run(ctx, Config{Inputs: in, Workspace: ws, Now: now, PullRequest: true, Evidence: []*evidence.Snapshot{snap}})
		require.NoError(t, err)
		return judgements(r.Findings)
	}
	sets := gateSets(t)
	total := 0
	for name, snap := range sets {
		t.Run(name, func(t *testing.T) {
			want := run(all, snap)
			total += len(want)
			assert.Equal(t, want, run(load(engine.CompileNeeded()), snap), "an engine of its own")
			assert.Equal(t, want, run(shared, snap), "the shared engine")
		})
	}
	assert.Greater(t, total, 1000, "the sets gave almost no findings: the comparison says nothing")
}

// TestCompileNeededStopsOnItsBrokenControl: a control that does not
// compile stops a run whose resources it judges (a load problem, as when
// everything was compiled at load), and does not stop one that never meets
// its type — `rampart lint` and `test` report it there.
func TestCompileNeededStopsOnItsBrokenControl(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	// x is unsafe: a compile error, which parsing and the METADATA check
	// do not see.
	broken := `# METADATA
# title: Widgets are checked by a broken control
# custom:
#   id: TEST-002
#   severity: high
#   resource_types: [test.widget]
#   frameworks:
#     iso27001-2022: ["A.5.9"]
#   remediation:
#     console: Fix it.
#     terraform: Fix it.
package test.broken

deny contains msg if {
	input.attributes.bad
	msg := concat("", [x])
}
`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "broken.rego"), []byte(broken), 0o644))
	in, err := Load(ctx, []string{dir}, t.TempDir(), "", engine.CompileNeeded())
	require.NoError(t, err)

	other := &evidence.Snapshot{Schema: evidence.SchemaV1, Resources: []evidence.Resource{{Type: "test.gadget", ID: "g", Scope: evidence.Scope{Platform: "terraform"}}}}
	_, err = Run(ctx, Config{Inputs: in, Evidence: []*evidence.Snapshot{other}})
	require.NoError(t, err, "a control of a type the run does not meet is not compiled")

	widget := &evidence.Snapshot{Schema: evidence.SchemaV1, Resources: []evidence.Resource{tfWidget("w", "main.tf")}}
	_, err = Run(ctx, Config{Inputs: in, Evidence: []*evidence.Snapshot{widget}})
	var problems engine.Problems
	require.ErrorAs(t, err, &problems)
	assert.Contains(t, err.Error(), "broken.rego")

	// Evaluated anyway (a caller that skipped Run's compile): an error
	// finding with the reason, never a pass.
	fs := in.Engine.Evaluate(ctx, widget, nil)
	require.Len(t, fs, 1)
	assert.Equal(t, finding.Error, fs[0].Status)
	assert.Contains(t, fs[0].Message, "compile controls")
}
