package engine

import (
	"context"
	"fmt"
	"maps"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/controls"
	"github.com/rampart-audit/rampart/internal/benchdata"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/model"
)

// inputCases are resources every input test converts: the example's
// evidence (GitHub and AWS), the acme-shaped set, the generated one, and
// the edges of Input's shape (no attributes, no unknowns, every scope
// part, a system the run knows, one it does not, an empty system ID).
func inputCases(t testing.TB) []evidence.Resource {
	t.Helper()
	example, err := evidence.Load("../../examples/acme/evidence")
	require.NoError(t, err)
	acme, err := benchdata.Acme("../../examples/acme", 20, 5)
	require.NoError(t, err)
	rs := append(append(append([]evidence.Resource{}, example.Resources...), acme.Resources...), generateResources(50)...)
	return append(rs,
		evidence.Resource{Type: "t", ID: "bare"},
		evidence.Resource{Type: "t", ID: "scoped", System: "payments", Scope: evidence.Scope{Platform: "aws", Org: "o", Repo: "r", AccountID: "1", Region: "eu-west-1", Path: "p"},
			Unknown: map[string]string{"a": "denied", "b.c": "throttled"}, Attributes: map[string]any{"n": 1, "f": 1.5, "s": []string{"x"}, "nil": nil, "deep": map[string]any{"l": []any{true, "y"}}}},
		evidence.Resource{Type: "t", ID: "unclaimed", System: "nobody"},
		evidence.Resource{Type: "t", ID: "empty-system", System: ""},
	)
}

var inputSystems = map[string]System{
	"payments": {ID: "payments", Classification: "restricted", Owner: "team-pay", InternetFacing: true},
	"":         {ID: "blank"}, // never input.system: Env.input ignores an empty ID
}

// TestInputValueIsInterfaceToValue: the document built directly is the
// one ast.InterfaceToValue made of env.input(r), for every resource, with
// and without systems and settings, and with input.related added.
func TestInputValueIsInterfaceToValue(t *testing.T) {
	t.Parallel()
	related := ast.NewObject([2]*ast.Term{ast.StringTerm("trails"), ast.ArrayTerm(ast.StringTerm("x"))})
	for name, env := range map[string]Env{
		"bare":     {},
		"systems":  {Systems: inputSystems},
		"settings": {Systems: inputSystems, Settings: model.Settings{}.ControlInput()},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cases := inputCases(t)
			ins := newRunInputs(env, cases)
			for _, r := range cases {
				doc := env.input(r)
				want, err := ast.InterfaceToValue(doc)
				require.NoError(t, err)
				got, err := ins.value(r, nil)
				require.NoError(t, err)
				require.Zero(t, ast.Compare(want, got), "%s %s:\nwant %v\ngot  %v", r.Type, r.ID, want, got)
				require.Equal(t, want.Hash(), got.Hash(), "%s %s", r.Type, r.ID)

				// As the join index converted it, for the controls that
				// relate to r.
				asRelated, err := ast.InterfaceToValue(env.relatedInput(r))
				require.NoError(t, err)
				reused, err := ins.value(r, asRelated)
				require.NoError(t, err)
				require.Zero(t, ast.Compare(want, reused), "%s %s from its related document", r.Type, r.ID)

				doc = maps.Clone(doc)
				doc["related"] = related
				want, err = ast.InterfaceToValue(doc)
				require.NoError(t, err)
				require.Zero(t, ast.Compare(want, withRelated(got, related)), "%s %s with related", r.Type, r.ID)
			}
		})
	}
}

// TestInputValueFailsAsInterfaceToValue: an attribute or a setting that
// cannot be converted fails the document with the error converting the
// whole document gave.
func TestInputValueFailsAsInterfaceToValue(t *testing.T) {
	t.Parallel()
	bad := evidence.Resource{Type: "t", ID: "bad", Attributes: map[string]any{"ch": make(chan int)}}
	for name, c := range map[string]struct {
		env Env
		r   evidence.Resource
	}{
		"attribute": {Env{}, bad},
		"setting":   {Env{Settings: map[string]any{"f": func() {}}}, evidence.Resource{Type: "t", ID: "ok"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, want := ast.InterfaceToValue(c.env.input(c.r))
			require.Error(t, want)
			_, got := newRunInputs(c.env, []evidence.Resource{c.r}).value(c.r, nil)
			require.EqualError(t, got, want.Error())
		})
	}
}

// perGroupInput is the engine as it was before input.go: the document
// built as Go maps and converted by ast.InterfaceToValue once per batch
// group, each finding with its own resource reference, the findings of
// the groups appended. It is the baseline of BenchmarkEvaluateInput and
// what TestInputJudgesAlike compares the engine with.
func perGroupInput() Option {
	return func(e *Engine) {
		e.resourceBaseline = func(ctx context.Context, r evidence.Resource, run runState, now time.Time) []finding.Finding {
			groups := e.groups[r.Type]
			if len(groups) == 0 {
				return nil
			}
			var out []finding.Finding
			if ok, err := e.compiledFor(r.Type); !ok {
				for _, controls := range groups {
					for _, ctl := range controls {
						f := newFinding(ctl, r)
						f.Status, f.Message = finding.Error, fmt.Sprintf("compile controls: %v", err)
						out = append(out, f)
					}
				}
				return out
			}
			base := run.env.input(r)
			for g, controls := range groups {
				in := base
				related, blocks := run.relate(r, groupRelations(controls))
				if related != nil {
					in = maps.Clone(base)
					in["related"] = related
				}
				value, err := ast.InterfaceToValue(in)
				fs := e.evaluateGroupCached(ctx, run, g, controls, r, nil, groupInput{value: value, err: err, doc: in}, now)
				for i, ctl := range controls {
					if b := blockedBy(ctl, blocks); b != nil {
						fs[i].Status, fs[i].Message, fs[i].Path = b.status, b.message, ""
					}
				}
				out = append(out, fs...)
			}
			return out
		}
	}
}

// TestInputJudgesAlike: the engine's findings are the per-group
// conversion's, on the example (AWS relations included), the acme-shaped
// and the generated set, with systems and settings, and on resources whose
// document cannot be converted.
func TestInputJudgesAlike(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}})
	require.NoError(t, err)
	before, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}}, perGroupInput())
	require.NoError(t, err)
	example, err := evidence.Load("../../examples/acme/evidence")
	require.NoError(t, err)
	acme, err := benchdata.Acme("../../examples/acme", 40, 12)
	require.NoError(t, err)
	broken := &evidence.Snapshot{Resources: []evidence.Resource{
		{Type: "github.repository", ID: "o/bad", Attributes: map[string]any{"ch": make(chan int)}},
		{Type: "aws.account", ID: "1", Attributes: map[string]any{"f": func() {}}},
	}}
	env := Env{Systems: inputSystems, Settings: model.Settings{}.ControlInput()}
	for name, snap := range map[string]*evidence.Snapshot{
		"example": example, "acme": acme, "generated": {Resources: generateResources(500)}, "broken": broken,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			want := before.EvaluateIn(ctx, snap, env)
			require.NotEmpty(t, want)
			assert.Equal(t, want, now.EvaluateIn(ctx, snap, env))
			assert.Equal(t, before.Evaluate(ctx, snap, nil), now.Evaluate(ctx, snap, nil), "no systems, no settings")
		})
	}
}

// BenchmarkInputConversion is the conversion of a resource's input
// document alone, as the engine did it (a Go map, then
// ast.InterfaceToValue) and as runInputs does, on the acme-shaped set with
// the workspace's settings, in the same iterations:
//
//	go test -run '^$' -bench 'BenchmarkInputConversion' -benchtime 20x ./internal/engine/
func BenchmarkInputConversion(b *testing.B) {
	snap, err := benchdata.Acme("../../examples/acme", 2000, 200)
	if err != nil {
		b.Fatal(err)
	}
	env := Env{Systems: inputSystems, Settings: model.Settings{}.ControlInput()}
	cs := []*contender{
		{name: "direct", eval: func() (int, error) {
			ins := newRunInputs(env, snap.Resources)
			for _, r := range snap.Resources {
				if _, err := ins.value(r, nil); err != nil {
					return 0, err
				}
			}
			return len(snap.Resources), nil
		}},
		{name: "interface", eval: func() (int, error) {
			for _, r := range snap.Resources {
				if _, err := ast.InterfaceToValue(env.input(r)); err != nil {
					return 0, err
				}
			}
			return len(snap.Resources), nil
		}},
	}
	report(b, race(b, cs...))
}

// BenchmarkEvaluateInput is the engine against perGroupInput, one worker
// each, CPU time against CPU time in the same iterations, on the
// acme-shaped and the generated set, each without settings (as
// BenchmarkEvaluateToday runs) and with the workspace's (as an audit
// runs):
//
//	go test -run '^$' -bench 'BenchmarkEvaluateInput' -benchtime 5x ./internal/engine/
func BenchmarkEvaluateInput(b *testing.B) {
	ctx := context.Background()
	now, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}}, WithWorkers(1))
	if err != nil {
		b.Fatal(err)
	}
	before, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}}, WithWorkers(1), perGroupInput())
	if err != nil {
		b.Fatal(err)
	}
	envs := map[string]Env{"bare": {}, "settings": {Settings: model.Settings{}.ControlInput()}}
	for name, snap := range benchSets(b) {
		for envName, env := range envs {
			run := func(e *Engine) func() (int, error) {
				return func() (int, error) { return len(e.EvaluateIn(ctx, snap, env)), nil }
			}
			b.Run("set="+name+"/env="+envName, func(b *testing.B) {
				report(b, race(b, &contender{name: "rampart", eval: run(now)}, &contender{name: "pergroup", eval: run(before)}))
			})
		}
	}
}
