package engine

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/controls"
	"github.com/rampart-audit/rampart/internal/benchdata"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/model"
	"github.com/rampart-audit/rampart/internal/regovm"
	"github.com/rampart-audit/rampart/internal/terraform"
)

// evaluatorPair is the catalogue loaded twice, on the IR evaluator and on
// topdown, each also with its batches off (every control alone: the
// per-control queries a failed batch falls back to).
type evaluatorPair struct {
	ir, topdown             *Engine
	irSingle, topdownSingle *Engine
}

func newEvaluatorPair(t *testing.T) evaluatorPair {
	t.Helper()
	ctx := context.Background()
	load := func(opts ...Option) *Engine {
		e, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}}, opts...)
		require.NoError(t, err)
		return e
	}
	p := evaluatorPair{
		ir: load(), topdown: load(WithEvaluator(Topdown)),
		irSingle: load(), topdownSingle: load(WithEvaluator(Topdown)),
	}
	p.irSingle.batch, p.topdownSingle.batch = nil, nil
	return p
}

// judgeAlike evaluates snap on both evaluators and fails on any finding
// that differs (status, message, path, order), with and without the
// workspace's settings (the alert-SLA controls need them).
func (p evaluatorPair) judgeAlike(t *testing.T, snap *evidence.Snapshot) []finding.Finding {
	t.Helper()
	ctx := context.Background()
	var all []finding.Finding
	for _, env := range []Env{{}, {Settings: model.Settings{}.ControlInput()}} {
		want := p.topdown.EvaluateIn(ctx, snap, env)
		sameFindings(t, want, p.ir.EvaluateIn(ctx, snap, env), fmt.Sprintf("batches, settings %v", env.Settings != nil))
		sameFindings(t, p.topdownSingle.EvaluateIn(ctx, snap, env), p.irSingle.EvaluateIn(ctx, snap, env),
			fmt.Sprintf("every control alone, settings %v", env.Settings != nil))
		all = append(all, want...)
	}
	return all
}

// sameFindings fails on the first few findings of got (IR) that differ
// from want (topdown), printed whole; a diff of the whole lists would be
// tens of thousands of lines.
func sameFindings(t *testing.T, want, got []finding.Finding, what string) {
	t.Helper()
	if len(want) != len(got) {
		t.Errorf("%s: topdown gave %d findings, IR %d", what, len(want), len(got))
		return
	}
	shown := 0
	for i := range want {
		if !reflect.DeepEqual(want[i], got[i]) {
			if shown++; shown <= 5 {
				t.Errorf("%s: finding %d differs\n topdown: %s %s %s: %s %q (path %q)\n      IR: %s %s %s: %s %q (path %q)", what, i,
					want[i].ControlID, want[i].Resource.Type, want[i].Resource.ID, want[i].Status, want[i].Message, want[i].Path,
					got[i].ControlID, got[i].Resource.Type, got[i].Resource.ID, got[i].Status, got[i].Message, got[i].Path)
			}
		}
	}
	if shown > 5 {
		t.Errorf("%s: %d findings differ in all", what, shown)
	}
}

// noFallback fails if a query the IR engine planned runs on topdown for
// any reason but the rule-index screen (indexScreened, which these tests
// show necessary: without it the mutation test finds the differences), and
// logs those: the catalogue must otherwise be covered by the IR evaluator,
// or these tests would compare topdown with itself.
func noFallback(t *testing.T, engines ...*Engine) {
	t.Helper()
	planned, screened := 0, map[string]string{}
	for _, e := range engines {
		for _, m := range []map[string]*lazyQuery{e.batch, e.prepared} {
			for name, q := range m {
				if !q.planned {
					continue
				}
				planned++
				switch {
				case errors.Is(q.fellBack, errIndexScreened):
					screened[name] = q.fellBack.Error()
				case q.fellBack != nil:
					t.Errorf("%s runs on topdown: %v", name, q.fellBack)
				}
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(screened)) {
		t.Logf("on topdown: %s: %s", name, screened[name])
	}
	t.Logf("%d queries planned, %d of them on topdown (rule-index screen)", planned, len(screened))
}

// terraformSnapshot is what the gate evaluates for a directory, nil when
// its Terraform is refused.
func terraformSnapshot(t *testing.T, dir string) *evidence.Snapshot {
	t.Helper()
	res, err := terraform.Load(context.Background(), os.DirFS(dir), []string{"."}, terraform.Options{})
	require.NoError(t, err, dir)
	return res.Snapshot
}

// differentialSets is every example and fixture with evidence or
// Terraform: the example's evidence and its Terraform, every Terraform
// case of internal/terraform (the gate's reader), the CLI's small
// workspace, the collectors' golden snapshots, the acme-shaped set and
// the generated set.
func differentialSets(t *testing.T) map[string]*evidence.Snapshot {
	t.Helper()
	sets := map[string]*evidence.Snapshot{}
	example, err := evidence.Load("../../examples/acme/evidence")
	require.NoError(t, err)
	sets["examples/acme/evidence"] = example
	sets["examples/acme/terraform"] = terraformSnapshot(t, "../../examples/acme/terraform")
	cases, err := os.ReadDir("../terraform/testdata/cases")
	require.NoError(t, err)
	for _, c := range cases {
		if c.IsDir() {
			dir := filepath.Join("../terraform/testdata/cases", c.Name())
			// A case whose Terraform is refused (syntax, duplicates) has
			// no snapshot: the gate evaluates nothing there either.
			if snap := terraformSnapshot(t, dir); snap != nil {
				sets[dir] = snap
			}
		}
	}
	small, err := evidence.Load("../cli/testdata/small/evidence")
	require.NoError(t, err)
	sets["cli/testdata/small"] = small
	goldens, err := filepath.Glob("../collect/*/testdata/*.golden.json")
	require.NoError(t, err)
	more, err := filepath.Glob("../collect/*/testdata/golden/*.json")
	require.NoError(t, err)
	goldens = append(goldens, more...)
	require.NotEmpty(t, goldens)
	for _, g := range goldens {
		snap, err := evidence.LoadFile(g)
		require.NoError(t, err, g)
		sets[g] = snap
	}
	acme, err := benchdata.Acme("../../examples/acme", 200, 20)
	require.NoError(t, err)
	sets["benchdata.Acme(200, 20)"] = acme
	sets["generated"] = &evidence.Snapshot{Resources: generateResources(2000)}
	return sets
}

// TestIRJudgesAsTopdown holds the IR evaluator to topdown on every example
// and fixture: every finding identical, batched and control by control,
// and no query of the catalogue left to topdown.
func TestIRJudgesAsTopdown(t *testing.T) {
	p := newEvaluatorPair(t)
	statuses := map[finding.Status]int{}
	sets := differentialSets(t)
	for _, name := range slices.Sorted(maps.Keys(sets)) {
		t.Run(name, func(t *testing.T) {
			for _, f := range p.judgeAlike(t, sets[name]) {
				statuses[f.Status]++
			}
		})
	}
	for _, s := range []finding.Status{finding.Pass, finding.Fail, finding.NotEvaluated, finding.Error} {
		if statuses[s] == 0 && s != finding.Error {
			t.Errorf("no %s finding over %d sets: the sets do not exercise the controls", s, len(sets))
		}
	}
	t.Logf("%d sets, findings per status (both evaluators alike): %v", len(sets), statuses)
	noFallback(t, p.ir, p.irSingle)
}

// TestIRJudgesMutationsAsTopdown breaks the example's resources at random —
// an attribute deleted, a boolean flipped, a value replaced by null, a
// string, an object, an array or a number, an unknown marker added, at
// the top or nested — and holds the IR evaluator to topdown on every
// mutant. The seed is fixed so a failure reproduces; RAMPART_MUTATION_SEED
// picks another.
func TestIRJudgesMutationsAsTopdown(t *testing.T) {
	p := newEvaluatorPair(t)
	seed := uint64(16)
	if s := os.Getenv("RAMPART_MUTATION_SEED"); s != "" {
		_, err := fmt.Sscan(s, &seed)
		require.NoError(t, err)
	}
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	example, err := evidence.Load("../../examples/acme/evidence")
	require.NoError(t, err)
	base := append(slices.Clone(example.Resources), terraformSnapshot(t, "../../examples/acme/terraform").Resources...)
	base = append(base, generateResources(50)...)
	var mutants []evidence.Resource
	for round := range 4 {
		for i, r := range base {
			m := mutateResource(rng, r)
			m.ID = fmt.Sprintf("%s#mutant-%d-%d", r.ID, round, i)
			mutants = append(mutants, m)
		}
	}
	fs := p.judgeAlike(t, &evidence.Snapshot{Resources: mutants})
	require.NotEmpty(t, fs)
	noFallback(t, p.ir, p.irSingle)
}

// mutateResource returns r with one to three random changes; r is not modified.
func mutateResource(rng *rand.Rand, r evidence.Resource) evidence.Resource {
	c := r.Clone()
	attrs, unknown := c.Attributes, c.Unknown
	if attrs == nil {
		attrs = map[string]any{}
	}
	if unknown == nil {
		unknown = map[string]string{}
	}
	for range 1 + rng.IntN(3) {
		keys := slices.Sorted(maps.Keys(attrs))
		if len(keys) == 0 {
			attrs["added"] = true
			continue
		}
		key := keys[rng.IntN(len(keys))]
		if rng.IntN(6) == 0 {
			unknown[key] = "the mutation test made it unknown"
			continue
		}
		attrs[key] = mutateValue(rng, attrs[key], 0)
		if _, deleted := attrs[key].(deletedValue); deleted {
			delete(attrs, key)
		}
	}
	r.Attributes, r.Unknown = attrs, unknown
	return r
}

// deletedValue marks a value mutateValue removed.
type deletedValue struct{}

func mutateValue(rng *rand.Rand, v any, depth int) any {
	// Go into an object or array now and then, to break nested fields.
	switch x := v.(type) {
	case map[string]any:
		if len(x) > 0 && depth < 3 && rng.IntN(2) == 0 {
			keys := slices.Sorted(maps.Keys(x))
			k := keys[rng.IntN(len(keys))]
			if nv := mutateValue(rng, x[k], depth+1); nv == (deletedValue{}) {
				delete(x, k)
			} else {
				x[k] = nv
			}
			return x
		}
	case []any:
		if len(x) > 0 && depth < 3 && rng.IntN(2) == 0 {
			i := rng.IntN(len(x))
			if nv := mutateValue(rng, x[i], depth+1); nv != (deletedValue{}) {
				x[i] = nv
			}
			return x
		}
	case bool:
		if rng.IntN(2) == 0 {
			return !x
		}
	}
	switch rng.IntN(7) {
	case 0:
		return deletedValue{}
	case 1:
		return nil
	case 2:
		return "mutated"
	case 3:
		return map[string]any{"mutated": true}
	case 4:
		return []any{"mutated", nil}
	case 5:
		return evidenceNumber(rng.IntN(100) - 50)
	default:
		return []any{}
	}
}

// evidenceNumber is a number as a decoded snapshot holds it.
func evidenceNumber(n int) any {
	v, err := evidence.NormalizeValue(n)
	if err != nil {
		panic(err)
	}
	return v
}

// TestIRFallsBackToTopdown: a query the IR evaluator cannot plan runs on
// topdown — the same findings, the reason kept — never a pass and never an
// error finding because one evaluator lacks a feature.
func TestIRFallsBackToTopdown(t *testing.T) {
	p := newEvaluatorPair(t)
	refused := errors.New("unsupported built-in example.refused")
	var mu sync.Mutex
	var asked []string
	p.ir.planIR = func(ctx context.Context, query string, extra []func(*rego.Rego)) (rego.PreparedEvalQuery, error) {
		mu.Lock()
		asked = append(asked, query)
		mu.Unlock()
		if strings.Contains(query, "rampart.github.repo.") {
			return rego.PreparedEvalQuery{}, refused
		}
		return p.ir.prepareFor(ctx, query, true, extra)
	}
	example, err := evidence.Load("../../examples/acme/evidence")
	require.NoError(t, err)
	p.judgeAlike(t, example)
	require.NotEmpty(t, asked)
	fellBack := 0
	for _, m := range []map[string]*lazyQuery{p.ir.batch, p.ir.prepared} {
		for _, q := range m {
			if q.planned && errors.Is(q.fellBack, refused) {
				fellBack++
			}
		}
	}
	require.Positive(t, fellBack, "no query fell back: the test refused nothing the example needs")
	sort.Strings(asked)
	t.Logf("%d queries planned, %d on topdown", len(asked), fellBack)
}

// TestIRPreparesConcurrently plans the IR queries and the topdown ones of
// one engine from several workers at once and evaluates them side by side
// (run with -race, make race): rego switches the shared compiler's
// evaluation mode for every IR prepare (evaluator.go, prepareMu), and the
// IR programs share their pooled evaluation states between workers.
func TestIRPreparesConcurrently(t *testing.T) {
	ctx := context.Background()
	e, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}}, WithWorkers(4))
	require.NoError(t, err)
	td, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}}, WithWorkers(1), WithEvaluator(Topdown))
	require.NoError(t, err)
	example, err := evidence.Load("../../examples/acme/evidence")
	require.NoError(t, err)
	snap := &evidence.Snapshot{Resources: append(slices.Clone(example.Resources), terraformSnapshot(t, "../../examples/acme/terraform").Resources...)}
	var wg sync.WaitGroup
	results := make([][]finding.Finding, 3)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = e.Evaluate(ctx, snap, nil)
		}()
	}
	wg.Wait()
	want := td.Evaluate(ctx, snap, nil)
	for i, got := range results {
		sameFindings(t, want, got, fmt.Sprintf("concurrent run %d", i))
	}
}

// BenchmarkPrepare is the cost the IR evaluator adds where a run starts:
// planning every query of the catalogue (the batches of every resource
// type and every control alone) for the IR evaluator — rego compiles the
// query, OPA's planner turns it and the rules it reaches into IR, regovm
// resolves its calls — against planning them for topdown, in the same
// iterations:
//
//	go test -run '^$' -bench BenchmarkPrepare -benchtime 3x ./internal/engine/
//
// The gate plans only the batches of the resource types its Terraform
// has (lazy.go); this is the whole catalogue's worth.
func BenchmarkPrepare(b *testing.B) {
	ctx := context.Background()
	plan := func(ev Evaluator) func() (int, error) {
		return func() (int, error) {
			e, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}}, WithEvaluator(ev))
			if err != nil {
				return 0, err
			}
			if err := e.prepareAll(ctx); err != nil {
				return 0, err
			}
			return len(e.batch) + len(e.prepared), nil
		}
	}
	cs := race(b, &contender{name: "ir", eval: plan(IR)}, &contender{name: "topdown", eval: plan(Topdown)})
	report(b, cs)
	b.ReportMetric(float64(cs[0].cpu.Microseconds())/float64(b.N)/float64(cs[0].pairs), "ir-cpu-µs/query")
	b.ReportMetric(float64(cs[1].cpu.Microseconds())/float64(b.N)/float64(cs[1].pairs), "topdown-cpu-µs/query")
}

// TestEvaluatorEnv: RAMPART_EVALUATOR=topdown puts an engine on topdown,
// an option still wins, and anything else leaves the IR default.
func TestEvaluatorEnv(t *testing.T) {
	for _, tc := range []struct {
		env  string
		opts []Option
		want Evaluator
	}{
		{"", nil, IR},
		{"topdown", nil, Topdown},
		{"topdown", []Option{WithEvaluator(IR)}, IR},
		{"something", nil, IR},
	} {
		t.Setenv(EvaluatorEnv, tc.env)
		if got := newEngine(tc.opts).evaluator; got != tc.want {
			t.Errorf("%s=%q, %d options: evaluator %v, want %v", EvaluatorEnv, tc.env, len(tc.opts), got, tc.want)
		}
	}
}

// TestIndexScreenKnowsStringChecks: a call topdown's rule index decides
// is screened to topdown unless an is_string check of the same operand
// comes first in the body. Where it is not screened, topdown and the IR
// evaluator give the same answer on string and non-string inputs; where it
// is, they differ on one (a type error on IR where the index rules the
// body out) — the difference the screen exists for — except where the
// screen is knowingly conservative.
func TestIndexScreenKnowsStringChecks(t *testing.T) {
	cases := []struct {
		name, body   string
		screened     bool
		conservative bool // screened, though the two would agree
	}{
		{"bare startswith on input", `startswith(input.v, "arn:")`, true, false},
		{"checked first", "is_string(input.v)\n\tstartswith(input.v, \"arn:\")", false, false},
		{"checked after", "startswith(input.v, \"arn:\")\n\tis_string(input.v)", true, false},
		{"other operand checked", "is_string(input.w)\n\tstartswith(input.v, \"arn:\")", true, false},
		{"negated check", "not is_string(input.v)\n\tendswith(input.v, \"arn:\")", true, false},
		{"checked local", "x := input.v\n\tis_string(x)\n\tendswith(x, \".json\")", false, false},
		{"glob on checked value", "is_string(input.v)\n\tglob.match(\"arn:*\", [\":\"], input.v)", false, false},
		{"glob unchecked", `glob.match("arn:*", [":"], input.v)`, true, false},
		{"any_prefix_match takes arrays too", "is_string(input.v)\n\tstrings.any_prefix_match(input.v, \"arn:\")", true, true},
		{"constant operand", `startswith("arn:x", "arn:")`, false, false},
	}
	ctx := context.Background()
	regovm.Register()
	inputs := []any{map[string]any{"v": "arn:x", "w": "arn:x"}, map[string]any{"v": 7, "w": "arn:x"}, map[string]any{"v": []any{"arn:x"}}, map[string]any{}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			module := "package screen\n\nr if {\n\t" + c.body + "\n}\n"
			mod, problems := ParseModule("screen.rego", []byte(module))
			require.Empty(t, problems)
			compiler, problems := compile([]Module{mod})
			require.Empty(t, problems)
			err := indexScreened(compiler, []*Control{{ID: "X", Package: "screen"}})
			require.Equal(t, c.screened, err != nil, "screen: %v", err)
			if c.screened {
				require.ErrorIs(t, err, errIndexScreened)
			}
			differ := 0
			for _, input := range inputs {
				var got []string
				for _, target := range []string{"rego", regovm.Name} {
					rs, err := rego.New(rego.Query("data.screen.r"), rego.Module("screen.rego", module), rego.Input(input),
						rego.StrictBuiltinErrors(true), rego.Target(target)).Eval(ctx)
					got = append(got, fmt.Sprintf("%v %v", rs, err))
				}
				if !c.screened {
					require.Equal(t, got[0], got[1], "topdown and IR on %v", input)
				}
				if got[0] != got[1] {
					differ++
				}
			}
			if c.screened && !c.conservative {
				require.Positive(t, differ, "screened, yet topdown and IR agree on every input: the case shows nothing")
			}
		})
	}
}
