package regovm

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/ir"
	pb "github.com/open-policy-agent/opa/v1/ir/v1pb"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/test/cases"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	"github.com/rampart-audit/rampart/controls"
)

// encodePlan is a plan's wire form, as the repository would store it.
func encodePlan(tb testing.TB, p *ir.Policy) []byte {
	tb.Helper()
	m, err := ir.PolicyToProto(p)
	require.NoError(tb, err)
	b, err := proto.Marshal(m)
	require.NoError(tb, err)
	return b
}

// decodePlan is the way back: what a gate run would do with the stored
// bytes before Load.
func decodePlan(b []byte) (*ir.Policy, error) {
	var m pb.Policy
	if err := proto.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("unmarshal plan: %w", err)
	}
	return PolicyFromProto(&m)
}

// asWireCarries makes the planner's plan, in place, what the wire form
// can carry, for comparing with a decoded one:
//
//   - each statement's source text and debug file name are cleared
//     (ir.Location.Text and its unexported file, set by the planner's
//     SetLocation and read only by OPA's debug printing). SetLocation is
//     the one way to clear the file from outside package ir; it
//     recomputes the end from the (now empty) text, so the planner's end
//     is put back;
//   - an empty WithStmt.Path becomes nil: the planner gives `with input
//     as x` an empty path and the `with` that restores an input it saved
//     a nil one, and protobuf writes both as nothing, so no decoder can
//     tell them apart (the evaluator reads only its length). This is the
//     one difference of nil and empty the decoder cannot normalise
//     (sliceOf in planproto.go normalises the others).
func asWireCarries(p *ir.Policy) *ir.Policy {
	clearLoc := func(s ir.Stmt) {
		loc := s.GetLocation()
		saved := *loc
		loc.SetLocation(saved.File, saved.Row, saved.Col, "", nil)
		loc.EndRow, loc.EndCol = saved.EndRow, saved.EndCol
	}
	var block func(b *ir.Block)
	block = func(b *ir.Block) {
		for _, s := range b.Stmts {
			clearLoc(s)
			switch s := s.(type) {
			case *ir.BlockStmt:
				for _, b := range s.Blocks {
					block(b)
				}
			case *ir.NotStmt:
				block(s.Block)
			case *ir.ScanStmt:
				block(s.Block)
			case *ir.WithStmt:
				if len(s.Path) == 0 {
					s.Path = nil
				}
				block(s.Block)
			}
		}
	}
	if p.Plans != nil {
		for _, pl := range p.Plans.Plans {
			for _, b := range pl.Blocks {
				block(b)
			}
		}
	}
	if p.Funcs != nil {
		for _, f := range p.Funcs.Funcs {
			for _, b := range f.Blocks {
				block(b)
			}
		}
	}
	return p
}

// requireRoundTrip asserts PolicyFromProto(PolicyToProto(p)) is p, less
// what the wire form does not carry (asWireCarries, applied to p in place).
func requireRoundTrip(t *testing.T, p *ir.Policy) *ir.Policy {
	t.Helper()
	decoded, err := decodePlan(encodePlan(t, p))
	require.NoError(t, err)
	asWireCarries(p)
	if !reflect.DeepEqual(p, decoded) {
		// DeepEqual says only that they differ: the JSON form says where.
		want, _ := json.MarshalIndent(p, "", " ")
		got, _ := json.MarshalIndent(decoded, "", " ")
		t.Fatalf("decoded plan differs from the planner's%s", firstDifference(string(want), string(got)))
	}
	return decoded
}

// firstDifference shows the lines around the first line where two texts
// differ, or says they do not.
func firstDifference(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(w), len(g)) {
		if i < len(w) && i < len(g) && w[i] == g[i] {
			continue
		}
		from, to := max(0, i-8), i+3
		return fmt.Sprintf(" at line %d:\nplanner:\n%s\ndecoded:\n%s", i+1,
			strings.Join(w[from:min(to, len(w))], "\n"), strings.Join(g[from:min(to, len(g))], "\n"))
	}
	return " in something their JSON forms do not show"
}

// roundTripTarget is a target that hands the plan rego gives it through
// the wire form and back, then Load, instead of preparing it directly:
// a case evaluated on it and on Target must come out the same.
type roundTripTarget struct {
	Target
	t *testing.T
}

func (r roundTripTarget) PrepareForEval(_ context.Context, policy *ir.Policy, opts ...rego.PrepareOption) (rego.TargetPluginEval, error) {
	var cfg rego.PrepareConfig
	for _, o := range opts {
		o(&cfg)
	}
	decoded := requireRoundTrip(r.t, policy)
	prog, err := Load(decoded, cfg.BuiltinFuncs())
	if err != nil {
		return nil, err
	}
	if r.Data != nil {
		prog.data = ast.NewTerm(r.Data)
	}
	return (*program)(prog), nil
}

// TestPolicyFromProtoCompliance round-trips the plan of every one of
// OPA's compliance cases (the cases TestComplianceAgainstTopdown runs)
// through the wire form, and evaluates the decoded plan, loaded, beside
// the planner's, prepared by Target: the same results, or the same error,
// or the same refusal.
func TestPolicyFromProtoCompliance(t *testing.T) {
	dir := filepath.Join(opaDir(t), "v1", "test", "cases", "testdata", "v1")
	set, err := cases.Load(dir)
	require.NoError(t, err)
	ctx := context.Background()
	var evaluated, refused int
	for _, tc := range set.Sorted().Cases {
		for k, v := range tc.Env {
			t.Setenv(k, v)
		}
		direct := evalCaseOn(ctx, tc, func(name string, data ast.Value) rego.TargetPlugin {
			return Target{Name: name, Data: data}
		})
		decoded := evalCaseOn(ctx, tc, func(name string, data ast.Value) rego.TargetPlugin {
			return roundTripTarget{Target: Target{Name: name, Data: data}, t: t}
		})
		require.Equal(t, direct.String(), decoded.String(), "%s (%s)", tc.Note, tc.Filename)
		if direct.prepareErr != nil {
			refused++
		} else {
			evaluated++
		}
	}
	require.Greater(t, evaluated, 2000, "the compliance cases hardly ran")
	t.Logf("%d cases: %d evaluated alike on the decoded plan, %d refused alike (by the planner, rego or Load)", len(set.Cases), evaluated, refused)
}

// catalogPlan is the plan of one batch-shaped query over one control
// package of the embedded catalogue.
type catalogPlan struct {
	pkg    string
	query  string
	policy *ir.Policy
}

// capturingTarget is a target that keeps the plan rego hands it.
type capturingTarget struct {
	name string
	got  **ir.Policy
}

func (c capturingTarget) IsTarget(name string) bool { return name == c.name }

func (c capturingTarget) PrepareForEval(ctx context.Context, policy *ir.Policy, opts ...rego.PrepareOption) (rego.TargetPluginEval, error) {
	*c.got = policy
	return Target{}.PrepareForEval(ctx, policy, opts...)
}

var (
	catalogOnce     sync.Once
	catalogCompiler *ast.Compiler
	catalogPackages []string
	catalogErr      error
)

// compileCatalog compiles every module of the embedded catalogue (tests
// left out) and names the packages that define deny: the controls.
func compileCatalog() (*ast.Compiler, []string, error) {
	catalogOnce.Do(func() {
		modules := map[string]*ast.Module{}
		catalogErr = fs.WalkDir(controls.FS, ".", func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".rego") || strings.HasSuffix(path, "_test.rego") {
				return err
			}
			src, err := fs.ReadFile(controls.FS, path)
			if err != nil {
				return fmt.Errorf("read %s: %w", path, err)
			}
			m, err := ast.ParseModuleWithOpts(path, string(src), ast.ParserOptions{ProcessAnnotation: true})
			if err != nil {
				return fmt.Errorf("parse %s: %w", path, err)
			}
			modules[path] = m
			return nil
		})
		if catalogErr != nil {
			return
		}
		c := ast.NewCompiler()
		if c.Compile(modules); c.Failed() {
			catalogErr = fmt.Errorf("compile the catalogue: %w", c.Errors)
			return
		}
		seen := map[string]bool{}
		for _, m := range modules {
			for _, r := range m.Rules {
				if r.Head.Name.String() == "deny" || (len(r.Head.Reference) == 1 && r.Head.Reference[0].Value.Compare(ast.Var("deny")) == 0) {
					seen[m.Package.Path.String()] = true
				}
			}
		}
		for p := range seen {
			catalogPackages = append(catalogPackages, p)
		}
		slices.Sort(catalogPackages)
		catalogCompiler = c
	})
	return catalogCompiler, catalogPackages, catalogErr
}

func batchQuery(pkg string) string {
	return fmt.Sprintf("d := %s.deny; u := [x | some x in %s.unknown]", pkg, pkg)
}

// capturedPlan is where the capturing target leaves the plan it was
// given; planCatalog plans one query at a time, under planMu.
var (
	planMu       sync.Mutex
	capturedPlan *ir.Policy
	captureOnce  sync.Once
)

// planCatalog plans the batch query of every control package.
func planCatalog(tb testing.TB) []catalogPlan {
	tb.Helper()
	c, pkgs, err := compileCatalog()
	require.NoError(tb, err)
	require.NotEmpty(tb, pkgs)
	name := Name + "-capture"
	captureOnce.Do(func() { rego.RegisterPlugin(name, capturingTarget{name: name, got: &capturedPlan}) })
	planMu.Lock()
	defer planMu.Unlock()
	ctx := context.Background()
	out := make([]catalogPlan, 0, len(pkgs))
	for _, pkg := range pkgs {
		q := batchQuery(pkg)
		capturedPlan = nil
		_, err := rego.New(rego.Query(q), rego.Compiler(c), rego.Target(name), rego.StrictBuiltinErrors(true)).PrepareForEval(ctx)
		require.NoError(tb, err, q)
		require.NotNil(tb, capturedPlan, q)
		out = append(out, catalogPlan{pkg: pkg, query: q, policy: capturedPlan})
	}
	return out
}

// catalogInputs are what the catalogue's plans are evaluated on: the
// empty input and the first resource of each type of the example
// evidence.
func catalogInputs(t *testing.T) []ast.Value {
	t.Helper()
	inputs := []ast.Value{ast.NewObject()}
	for _, file := range []string{"aws.json", "github.json"} {
		raw, err := os.ReadFile(filepath.Join("..", "..", "examples", "acme", "evidence", file))
		require.NoError(t, err)
		var ev struct {
			Resources []map[string]any `json:"resources"`
		}
		require.NoError(t, json.Unmarshal(raw, &ev))
		seen := map[any]bool{}
		for _, r := range ev.Resources {
			if seen[r["type"]] {
				continue
			}
			seen[r["type"]] = true
			v, err := ast.InterfaceToValue(r)
			require.NoError(t, err)
			inputs = append(inputs, v)
		}
	}
	require.Greater(t, len(inputs), 10)
	return inputs
}

// runOn evaluates a program the same way every time: a fixed clock and
// a fixed random seed, strict built-in errors as the engine runs.
func runOn(p *Program, input ast.Value) (ast.Value, error) {
	return p.Run(context.Background(), RunOptions{
		Input:               input,
		Time:                time.Unix(1_800_000_000, 0),
		Seed:                rand.New(rand.NewSource(1)),
		StrictBuiltinErrors: true,
	})
}

// TestPolicyFromProtoCatalog round-trips the batch plan of every control
// of the embedded catalogue and evaluates the decoded plan beside the
// planner's on the example evidence: the same result set or the same
// error, input by input.
func TestPolicyFromProtoCatalog(t *testing.T) {
	plans := planCatalog(t)
	inputs := catalogInputs(t)
	var size, maxLocalSeen, nonEmpty int
	for _, cp := range plans {
		b := encodePlan(t, cp.policy)
		size += len(b)
		decoded := requireRoundTrip(t, cp.policy)
		want, err := Load(cp.policy, nil)
		require.NoError(t, err, cp.pkg)
		got, err := Load(decoded, nil)
		require.NoError(t, err, cp.pkg)
		maxLocalSeen = max(maxLocalSeen, want.frameSize-1)
		for _, f := range want.funcs {
			maxLocalSeen = max(maxLocalSeen, f.size-1)
		}
		for i, in := range inputs {
			wantRS, wantErr := runOn(want, in)
			gotRS, gotErr := runOn(got, in)
			if wantErr != nil {
				require.EqualError(t, gotErr, wantErr.Error(), "%s input %d", cp.pkg, i)
				continue
			}
			require.NoError(t, gotErr, "%s input %d", cp.pkg, i)
			require.Equal(t, wantRS.String(), gotRS.String(), "%s input %d", cp.pkg, i)
			if wantRS.(ast.Set).Len() > 0 {
				nonEmpty++
			}
		}
	}
	require.Positive(t, nonEmpty, "no plan gave a result on any input: the comparison compared nothing")
	require.Less(t, maxLocalSeen, maxLocal/16, "maxLocal is too close to the catalogue's locals")
	t.Logf("%d plans, %d bytes of wire form; %d inputs each; %d non-empty result sets; highest local %d (maxLocal %d)",
		len(plans), size, len(inputs), nonEmpty, maxLocalSeen, maxLocal)
}

// smallestCatalogPlan is a real plan with functions, small enough to cut
// and mutate at every byte quickly.
func smallestCatalogPlan(t testing.TB) []byte {
	var best []byte
	for _, cp := range planCatalog(t) {
		if cp.policy.Funcs == nil || len(cp.policy.Funcs.Funcs) == 0 {
			continue
		}
		if b := encodePlan(t, cp.policy); best == nil || len(b) < len(best) {
			best = b
		}
	}
	require.NotNil(t, best)
	return best
}

// loadBytes is the whole way from stored bytes to a program, and a run of
// it when it loads: an error at any step is fine, a panic is not.
func loadBytes(b []byte) error {
	p, err := decodePlan(b)
	if err != nil {
		return err
	}
	prog, err := Load(p, nil)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err = prog.Run(ctx, RunOptions{Input: ast.NewObject(), Seed: rand.New(rand.NewSource(1))})
	if err == nil {
		return nil
	}
	return fmt.Errorf("run: %w", err)
}

func TestPolicyFromProtoTruncated(t *testing.T) {
	b := smallestCatalogPlan(t)
	require.NoError(t, loadBytes(b))
	// Every strict prefix must fail: a cut inside a message is a protobuf
	// error, and a cut between the policy's fields leaves a plan without
	// its plans or its functions, which Load refuses.
	step := max(1, len(b)/2000)
	for cut := 0; cut < len(b); cut += step {
		require.Error(t, loadBytes(b[:cut]), "a plan cut at %d of %d bytes loaded", cut, len(b))
	}
}

func TestPolicyFromProtoMutated(t *testing.T) {
	b := smallestCatalogPlan(t)
	rng := rand.New(rand.NewSource(19))
	var failed int
	for range 500 {
		m := slices.Clone(b)
		for range 1 + rng.Intn(4) {
			m[rng.Intn(len(m))] ^= byte(1 + rng.Intn(255))
		}
		if loadBytes(m) != nil {
			failed++
		}
	}
	// Most flips land in a string or a location and leave a valid plan;
	// some must be refused, or the checks are not being reached at all.
	require.Positive(t, failed)
	t.Logf("500 mutated plans: %d refused", failed)
}

// refusalCase is a hand-built message PolicyFromProto refuses, and the
// words of the refusal.
type refusalCase struct {
	name   string
	policy *pb.Policy
	want   string
}

// policyRefusals are PolicyFromProto's refusals, one a case; DecodePolicy
// is held to the same of their wire forms (TestDecodePolicyRefuses).
func policyRefusals() []refusalCase {
	nop := func() *pb.Stmt { return &pb.Stmt{Kind: &pb.Stmt_NopStmt{NopStmt: &pb.NopStmt{}}} }
	policyWith := func(s ...*pb.Stmt) *pb.Policy {
		return &pb.Policy{
			Static: &pb.Static{Strings: []*pb.StringConst{{Value: new("x")}}},
			Plans:  &pb.Plans{Plans: []*pb.Plan{{Name: new("p"), Blocks: []*pb.Block{{Stmts: append([]*pb.Stmt{nop()}, s...)}}}}},
		}
	}
	local := func(l int32) *pb.Operand { return &pb.Operand{Value: &pb.Val{Kind: &pb.Val_Local{Local: l}}} }
	str := func(i int32) *pb.Operand {
		return &pb.Operand{Value: &pb.Val{Kind: &pb.Val_StringIndex{StringIndex: i}}}
	}
	return []refusalCase{
		{"no policy", nil, "ir policy: none"},
		{"statement with no kind", policyWith(&pb.Stmt{}), "plan 0: block 0: stmt 1: unknown statement"},
		{"nil statement", policyWith(nil), "plan 0: block 0: stmt 1: missing"},
		{"kind without body", policyWith(&pb.Stmt{Kind: &pb.Stmt_ScanStmt{}}), "stmt 1: ScanStmt: missing body"},
		{"scan without block", policyWith(&pb.Stmt{Kind: &pb.Stmt_ScanStmt{ScanStmt: &pb.ScanStmt{Source: new(int32(1))}}}), "stmt 1: ScanStmt: missing block"},
		{"not without block", policyWith(&pb.Stmt{Kind: &pb.Stmt_NotStmt{NotStmt: &pb.NotStmt{}}}), "stmt 1: NotStmt: missing block"},
		{"nested statement with no kind", policyWith(&pb.Stmt{Kind: &pb.Stmt_NotStmt{NotStmt: &pb.NotStmt{Block: &pb.Block{Stmts: []*pb.Stmt{nop(), nop(), {}}}}}}),
			"plan 0: block 0: stmt 1: NotStmt: block: stmt 2: unknown statement"},
		{"negative local", policyWith(&pb.Stmt{Kind: &pb.Stmt_MakeNullStmt{MakeNullStmt: &pb.MakeNullStmt{Target: new(int32(-1))}}}), "MakeNullStmt target: local -1 out of range"},
		{"huge local", policyWith(&pb.Stmt{Kind: &pb.Stmt_MakeNullStmt{MakeNullStmt: &pb.MakeNullStmt{Target: new(int32(1 << 30))}}}), "MakeNullStmt target: local 1073741824 out of range"},
		{"operand missing", policyWith(&pb.Stmt{Kind: &pb.Stmt_EqualStmt{EqualStmt: &pb.EqualStmt{A: local(1)}}}), "EqualStmt b: missing operand"},
		{"operand of no kind", policyWith(&pb.Stmt{Kind: &pb.Stmt_EqualStmt{EqualStmt: &pb.EqualStmt{A: &pb.Operand{}, B: local(1)}}}), "EqualStmt a: operand of no known kind"},
		{"string index out of range", policyWith(&pb.Stmt{Kind: &pb.Stmt_DotStmt{DotStmt: &pb.DotStmt{Source: local(0), Key: str(1), Target: new(int32(3))}}}), "DotStmt key: string 1 out of range [0, 1)"},
		{"number ref out of range", policyWith(&pb.Stmt{Kind: &pb.Stmt_MakeNumberRefStmt{MakeNumberRefStmt: &pb.MakeNumberRefStmt{Index: new(int32(7))}}}), "MakeNumberRefStmt index: string 7 out of range"},
		{"with path out of range", policyWith(&pb.Stmt{Kind: &pb.Stmt_WithStmt{WithStmt: &pb.WithStmt{Path: []int32{0, 2}, Value: local(1), Block: &pb.Block{}}}}), "WithStmt path 1: string 2 out of range"},
		{"negative array capacity", policyWith(&pb.Stmt{Kind: &pb.Stmt_MakeArrayStmt{MakeArrayStmt: &pb.MakeArrayStmt{Capacity: new(int32(-1))}}}), "MakeArrayStmt capacity: -1 out of range"},
		{"huge array capacity", policyWith(&pb.Stmt{Kind: &pb.Stmt_MakeArrayStmt{MakeArrayStmt: &pb.MakeArrayStmt{Capacity: new(int32(1 << 30))}}}), "MakeArrayStmt capacity: 1073741824 out of range"},
		{"call without name", policyWith(&pb.Stmt{Kind: &pb.Stmt_CallStmt{CallStmt: &pb.CallStmt{}}}), "CallStmt function: missing name"},
		{"nil plan", &pb.Policy{Plans: &pb.Plans{Plans: []*pb.Plan{nil}}}, "ir policy: plan 0: missing"},
		{"nil block", &pb.Policy{Plans: &pb.Plans{Plans: []*pb.Plan{{Blocks: []*pb.Block{nil}}}}}, "ir policy: plan 0: block 0: missing"},
		{"func with bad param", &pb.Policy{Funcs: &pb.Funcs{Funcs: []*pb.Func{{Name: new("f"), Params: []int32{0, -3}}}}}, "ir policy: func 0: param 1: local -3 out of range"},
		{"builtin without name", &pb.Policy{Static: &pb.Static{BuiltinFuncs: []*pb.BuiltinFunc{{}}}}, "ir policy: static: builtin func 0: missing name"},
	}
}

func TestPolicyFromProtoRefuses(t *testing.T) {
	for _, tc := range policyRefusals() {
		t.Run(tc.name, func(t *testing.T) {
			p, err := PolicyFromProto(tc.policy)
			require.ErrorContains(t, err, tc.want)
			require.Nil(t, p)
		})
	}
}

func TestPolicyFromProtoBuiltinDecl(t *testing.T) {
	p, err := PolicyFromProto(&pb.Policy{Static: &pb.Static{BuiltinFuncs: []*pb.BuiltinFunc{{Name: new("count")}, {Name: new("custom.thing")}}}})
	require.NoError(t, err)
	require.Same(t, ast.BuiltinMap["count"].Decl, p.Static.BuiltinFuncs[0].Decl)
	require.Nil(t, p.Static.BuiltinFuncs[1].Decl)
}

func TestLoadRefuses(t *testing.T) {
	plan := func(stmts ...ir.Stmt) *ir.Policy {
		return &ir.Policy{
			Static: &ir.Static{Strings: []*ir.StringConst{{Value: "12"}, {Value: "twelve"}}},
			Plans:  &ir.Plans{Plans: []*ir.Plan{{Name: "p", Blocks: []*ir.Block{{Stmts: stmts}}}}},
		}
	}
	for _, tc := range []struct {
		name   string
		policy *ir.Policy
		want   string
	}{
		{"no policy", nil, Name + " target: no policy"},
		{"no plan", &ir.Policy{}, Name + " target: want one plan, got 0"},
		{"unknown built-in", plan(&ir.CallStmt{Func: "no.such", Result: 3}), Name + " target: unsupported built-in no.such"},
		{"built-in arity", plan(&ir.CallStmt{Func: "count", Result: 3}), Name + " target: call of count with 0 arguments, want 1"},
		{"number that is not one", plan(&ir.MakeNumberRefStmt{Index: 1, Target: 3}), Name + ` target: number constant 1 is not a number: "twelve"`},
		{"recursion", func() *ir.Policy {
			p := plan(&ir.CallStmt{Func: "f", Args: []ir.Operand{{Value: ir.Local(0)}, {Value: ir.Local(1)}}, Result: 3})
			g := &ir.Func{Name: "g", Params: []ir.Local{0, 1}, Return: 2, Blocks: []*ir.Block{{Stmts: []ir.Stmt{
				&ir.CallStmt{Func: "f", Args: []ir.Operand{{Value: ir.Local(0)}, {Value: ir.Local(1)}}, Result: 2}}}}}
			f := &ir.Func{Name: "f", Params: []ir.Local{0, 1}, Return: 2, Blocks: []*ir.Block{{Stmts: []ir.Stmt{
				&ir.NotStmt{Block: &ir.Block{Stmts: []ir.Stmt{&ir.CallStmt{Func: "g", Args: []ir.Operand{{Value: ir.Local(0)}, {Value: ir.Local(1)}}, Result: 2}}}}}}}}
			p.Funcs = &ir.Funcs{Funcs: []*ir.Func{f, g}}
			return p
		}(), Name + " target: function f calls itself"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Load(tc.policy, nil)
			require.EqualError(t, err, tc.want)
			require.Nil(t, p)
		})
	}
	p, err := Load(plan(&ir.MakeNumberRefStmt{Index: 0, Target: 3}, &ir.ResultSetAddStmt{Value: 3}), nil)
	require.NoError(t, err)
	rs, err := runOn(p, ast.NewObject())
	require.NoError(t, err)
	require.Equal(t, "{12}", rs.String())
}

// TestLoadedPlanBreaksWithAnError: a loaded plan that reads a local
// nothing set (the planner never makes one; a corrupt stored plan can)
// fails its evaluation with an error, not a panic.
func TestLoadedPlanBreaksWithAnError(t *testing.T) {
	p, err := Load(&ir.Policy{Plans: &ir.Plans{Plans: []*ir.Plan{{Name: "p", Blocks: []*ir.Block{{Stmts: []ir.Stmt{
		&ir.ArrayAppendStmt{Value: ir.Operand{Value: ir.Bool(true)}, Array: 5},
	}}}}}}}, nil)
	require.NoError(t, err)
	rs, err := runOn(p, ast.NewObject())
	require.ErrorContains(t, err, Name+" target: the loaded plan broke at evaluation: ")
	require.Nil(t, rs)
}

func FuzzPolicyFromProto(f *testing.F) {
	f.Add(smallestCatalogPlan(f))
	f.Fuzz(func(t *testing.T, b []byte) {
		_ = loadBytes(b) // an error is an answer; a panic or a hang is not
	})
}

// BenchmarkPlanDecode compares loading the catalogue's batch plans from
// their stored wire form (proto.Unmarshal, PolicyFromProto, Load) with
// planning them from the compiled catalogue as the engine does today
// (rego's PrepareForEval with the compiled compiler), in the same run.
func BenchmarkPlanDecode(b *testing.B) {
	plans := planCatalog(b)
	c, _, err := compileCatalog()
	require.NoError(b, err)
	stored := make([][]byte, len(plans))
	var size int
	for i, cp := range plans {
		stored[i] = encodePlan(b, cp.policy)
		size += len(stored[i])
	}
	Register()
	ctx := context.Background()
	var planned, unmarshalled, decoded, loaded time.Duration
	for b.Loop() {
		start := time.Now()
		for _, cp := range plans {
			_, err := rego.New(rego.Query(cp.query), rego.Compiler(c), rego.Target(Name), rego.StrictBuiltinErrors(true)).PrepareForEval(ctx)
			if err != nil {
				b.Fatal(err)
			}
		}
		planned += time.Since(start)
		for _, s := range stored {
			t0 := time.Now()
			var m pb.Policy
			if err := proto.Unmarshal(s, &m); err != nil {
				b.Fatal(err)
			}
			t1 := time.Now()
			p, err := PolicyFromProto(&m)
			if err != nil {
				b.Fatal(err)
			}
			t2 := time.Now()
			if _, err := Load(p, nil); err != nil {
				b.Fatal(err)
			}
			unmarshalled, decoded, loaded = unmarshalled+t1.Sub(t0), decoded+t2.Sub(t1), loaded+time.Since(t2)
		}
	}
	n := float64(b.N)
	b.ReportMetric(float64(planned.Microseconds())/1e3/n, "plan-ms/catalogue")
	fromStorage := unmarshalled + decoded + loaded
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1e3 / n }
	b.ReportMetric(ms(fromStorage), "stored-ms/catalogue")
	b.ReportMetric(ms(unmarshalled), "unmarshal-ms")
	b.ReportMetric(ms(decoded), "frompb-ms")
	b.ReportMetric(ms(loaded), "load-ms")
	b.ReportMetric(float64(planned)/float64(fromStorage), "plan/stored")
	b.ReportMetric(float64(len(plans)), "plans")
	b.ReportMetric(float64(size), "wire-bytes")
}
