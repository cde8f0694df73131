package regovm

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/ir"
	pb "github.com/open-policy-agent/opa/v1/ir/v1pb"
)

// maxLocal bounds the locals a decoded plan may name. A frame holds one
// slot per local up to the highest one named (frameSize), allocated for
// every function of every evaluation state, so a single corrupt index
// near math.MaxInt32 would otherwise ask for gigabytes. The planner hands
// locals out one by one, so a real plan's highest local is about its
// number of statements; the catalogue's batch plans stay in the low
// thousands (TestPolicyFromProtoRoundTrip logs the highest).
const maxLocal = 1 << 20

// maxArrayCapacity bounds MakeArrayStmt's capacity, which every
// evaluation allocates as it is: the planner sets it to an array
// literal's number of elements (each then appended by a statement of its
// own), so a real one is small; a corrupt one must not ask for gigabytes.
const maxArrayCapacity = 1 << 16

// errNoStmt is what a statement with no kind set, or one of a kind this
// decoder does not know (a newer OPA's), decodes to.
var errNoStmt = errors.New("unknown statement (no kind set)")

// PolicyFromProto is the inverse of ir.PolicyToProto: the plan OPA's
// planner made, from its protobuf wire form (v1/ir/plan.proto), so a plan
// stored in the repository loads (Load) without rego compiling and
// planning it again. OPA ships only the encoder.
//
// It is fail-closed: a statement or value of no known kind, a missing
// sub-message, a local or string index out of range is an error naming
// where it is (plan, function, block and statement indices), and no plan
// is returned. It does not check what Load checks (calls resolve, one
// plan, built-ins known).
//
// What the wire form does not carry is not restored: a statement's source
// text (ir.Location.Text, for OPA's debug printing) and its debug file
// name. BuiltinFunc.Decl, which the wire form leaves out, is OPA's own
// declaration (ast.BuiltinMap) for OPA's built-ins and nil for a custom
// one; compile resolves calls by name and never reads it.
func PolicyFromProto(p *pb.Policy) (*ir.Policy, error) {
	if p == nil {
		return nil, errors.New("ir policy: none")
	}
	static, err := staticFromProto(p.GetStatic())
	if err != nil {
		return nil, fmt.Errorf("ir policy: static: %w", err)
	}
	d := &decoder{strings: len(p.GetStatic().GetStrings())}
	out := &ir.Policy{Static: static}
	if p.Plans != nil {
		out.Plans = &ir.Plans{Plans: sliceOf[*ir.Plan](len(p.Plans.GetPlans()))}
		for i, pl := range p.Plans.GetPlans() {
			if out.Plans.Plans[i], err = d.plan(pl); err != nil {
				return nil, fmt.Errorf("ir policy: plan %d: %w", i, err)
			}
		}
	}
	if p.Funcs != nil {
		out.Funcs = &ir.Funcs{Funcs: sliceOf[*ir.Func](len(p.Funcs.GetFuncs()))}
		for i, f := range p.Funcs.GetFuncs() {
			if out.Funcs.Funcs[i], err = d.function(f); err != nil {
				return nil, fmt.Errorf("ir policy: func %d: %w", i, err)
			}
		}
	}
	return out, nil
}

func staticFromProto(s *pb.Static) (*ir.Static, error) {
	if s == nil {
		return nil, nil
	}
	out := &ir.Static{
		Strings:      sliceOf[*ir.StringConst](len(s.GetStrings())),
		BuiltinFuncs: make([]*ir.BuiltinFunc, len(s.GetBuiltinFuncs())), // never nil, as the planner's (sliceOf)
		Files:        sliceOf[*ir.StringConst](len(s.GetFiles())),
	}
	for i, sc := range s.GetStrings() {
		if sc == nil {
			return nil, fmt.Errorf("string %d: missing", i)
		}
		out.Strings[i] = &ir.StringConst{Value: sc.GetValue()}
	}
	for i, b := range s.GetBuiltinFuncs() {
		if b == nil || b.GetName() == "" {
			return nil, fmt.Errorf("builtin func %d: missing name", i)
		}
		out.BuiltinFuncs[i] = &ir.BuiltinFunc{Name: b.GetName()}
		if decl, ok := ast.BuiltinMap[b.GetName()]; ok {
			out.BuiltinFuncs[i].Decl = decl.Decl
		}
	}
	for i, f := range s.GetFiles() {
		if f == nil {
			return nil, fmt.Errorf("file %d: missing", i)
		}
		out.Files[i] = &ir.StringConst{Value: f.GetValue()}
	}
	return out, nil
}

// sliceOf is the one place where the decoder's slices are made to match
// the planner's where protobuf cannot tell them apart: PolicyToProto
// writes a nil slice and an empty one alike (as nothing). The planner
// builds its slices by appending, so one with no elements is nil (a call
// of time.now_ns has nil Args, a policy of no files nil Files) — with one
// exception, Static.BuiltinFuncs, which it makes (make(…, 0, n)) before
// appending, so that one is empty, never nil (staticFromProto). Every
// other slice of a decoded plan is made here.
func sliceOf[T any](n int) []T {
	if n == 0 {
		return nil
	}
	return make([]T, n)
}

// decoder carries what an index in a statement is checked against.
type decoder struct {
	strings int // len(Static.Strings)
}

func (d *decoder) plan(p *pb.Plan) (*ir.Plan, error) {
	if p == nil {
		return nil, errors.New("missing")
	}
	blocks, err := d.blocks(p.GetBlocks())
	if err != nil {
		return nil, err
	}
	return &ir.Plan{Name: p.GetName(), Blocks: blocks}, nil
}

func (d *decoder) function(f *pb.Func) (*ir.Func, error) {
	if f == nil {
		return nil, errors.New("missing")
	}
	params := sliceOf[ir.Local](len(f.GetParams()))
	for i, l := range f.GetParams() {
		var err error
		if params[i], err = local(l); err != nil {
			return nil, fmt.Errorf("param %d: %w", i, err)
		}
	}
	ret, err := local(f.GetResult())
	if err != nil {
		return nil, fmt.Errorf("result: %w", err)
	}
	blocks, err := d.blocks(f.GetBlocks())
	if err != nil {
		return nil, err
	}
	return &ir.Func{Name: f.GetName(), Params: params, Return: ret, Blocks: blocks, Path: f.GetPath()}, nil
}

func (d *decoder) blocks(bs []*pb.Block) ([]*ir.Block, error) {
	out := sliceOf[*ir.Block](len(bs))
	for i, b := range bs {
		var err error
		if out[i], err = d.block(b); err != nil {
			return nil, fmt.Errorf("block %d: %w", i, err)
		}
	}
	return out, nil
}

func (d *decoder) block(b *pb.Block) (*ir.Block, error) {
	if b == nil {
		return nil, errors.New("missing")
	}
	out := &ir.Block{Stmts: sliceOf[ir.Stmt](len(b.GetStmts()))}
	for i, s := range b.GetStmts() {
		var err error
		if out.Stmts[i], err = d.stmt(s); err != nil {
			return nil, fmt.Errorf("stmt %d: %w", i, err)
		}
	}
	return out, nil
}

// nested is a block a statement holds (not, scan, with): required.
func (d *decoder) nested(b *pb.Block) (*ir.Block, error) {
	if b == nil {
		return nil, errors.New("missing block")
	}
	out, err := d.block(b)
	if err != nil {
		return nil, fmt.Errorf("block: %w", err)
	}
	return out, nil
}

func local(l int32) (ir.Local, error) {
	if l < 0 || l >= maxLocal {
		return 0, fmt.Errorf("local %d out of range [0, %d)", l, maxLocal)
	}
	return ir.Local(l), nil
}

func locals(ls []int32) ([]ir.Local, error) {
	out := sliceOf[ir.Local](len(ls))
	for i, l := range ls {
		var err error
		if out[i], err = local(l); err != nil {
			return nil, fmt.Errorf("%d: %w", i, err)
		}
	}
	return out, nil
}

func (d *decoder) stringIndex(i int32) (int, error) {
	if i < 0 || int(i) >= d.strings {
		return 0, fmt.Errorf("string %d out of range [0, %d)", i, d.strings)
	}
	return int(i), nil
}

func (d *decoder) operand(o *pb.Operand) (ir.Operand, error) {
	if o == nil {
		return ir.Operand{}, errors.New("missing operand")
	}
	switch v := o.GetValue().GetKind().(type) {
	case *pb.Val_Local:
		l, err := local(v.Local)
		return ir.Operand{Value: l}, err
	case *pb.Val_StringIndex:
		i, err := d.stringIndex(v.StringIndex)
		return ir.Operand{Value: ir.StringIndex(i)}, err
	case *pb.Val_Bool:
		return ir.Operand{Value: ir.Bool(v.Bool)}, nil
	}
	return ir.Operand{}, errors.New("operand of no known kind")
}

func (d *decoder) operands(os []*pb.Operand) ([]ir.Operand, error) {
	return decodeEach(os, d.operand)
}

// decodeEach decodes every element of in with decode (sliceOf's slice:
// nil for none), naming the index of the one that fails; both decoders'
// operand lists (planproto.go, planwire.go).
func decodeEach[S, T any](in []S, decode func(S) (T, error)) ([]T, error) {
	out := sliceOf[T](len(in))
	for i, x := range in {
		var err error
		if out[i], err = decode(x); err != nil {
			return nil, fmt.Errorf("%d: %w", i, err)
		}
	}
	return out, nil
}

// stmt decodes one statement: its kind's body, then the location the
// envelope carries for every kind.
func (d *decoder) stmt(s *pb.Stmt) (ir.Stmt, error) {
	if s == nil {
		return nil, errors.New("missing")
	}
	out, err := d.stmtBody(s)
	if err != nil {
		return nil, err
	}
	loc := out.GetLocation()
	loc.File, loc.Col, loc.Row = int(s.GetFile()), int(s.GetCol()), int(s.GetRow())
	loc.EndCol, loc.EndRow = int(s.GetEndCol()), int(s.GetEndRow())
	return out, nil
}

// stmtBody dispatches on the statement's kind, one case per oneof case of
// plan.proto's Stmt (every case of PolicyToProto's stmtToProto). A body
// message left unset (nil) is an error of its decoder, through errBody.
func (d *decoder) stmtBody(s *pb.Stmt) (ir.Stmt, error) {
	switch k := s.GetKind().(type) {
	case *pb.Stmt_ArrayAppendStmt:
		return d.arrayAppend(k.ArrayAppendStmt)
	case *pb.Stmt_AssignIntStmt:
		return assignInt(k.AssignIntStmt)
	case *pb.Stmt_AssignVarOnceStmt:
		return d.assignVarOnce(k.AssignVarOnceStmt)
	case *pb.Stmt_AssignVarStmt:
		return d.assignVar(k.AssignVarStmt)
	case *pb.Stmt_BlockStmt:
		return d.blockStmt(k.BlockStmt)
	case *pb.Stmt_BreakStmt:
		return breakStmt(k.BreakStmt)
	case *pb.Stmt_CallDynamicStmt:
		return d.callDynamic(k.CallDynamicStmt)
	case *pb.Stmt_CallStmt:
		return d.call(k.CallStmt)
	case *pb.Stmt_DotStmt:
		return d.dot(k.DotStmt)
	case *pb.Stmt_EqualStmt:
		return d.equal(k.EqualStmt)
	case *pb.Stmt_IsArrayStmt:
		return d.isArray(k.IsArrayStmt)
	case *pb.Stmt_IsDefinedStmt:
		return isDefined(k.IsDefinedStmt)
	case *pb.Stmt_IsObjectStmt:
		return d.isObject(k.IsObjectStmt)
	case *pb.Stmt_IsSetStmt:
		return d.isSet(k.IsSetStmt)
	case *pb.Stmt_IsUndefinedStmt:
		return isUndefined(k.IsUndefinedStmt)
	case *pb.Stmt_LenStmt:
		return d.lenStmt(k.LenStmt)
	case *pb.Stmt_MakeArrayStmt:
		return makeArray(k.MakeArrayStmt)
	case *pb.Stmt_MakeNullStmt:
		return makeNull(k.MakeNullStmt)
	case *pb.Stmt_MakeNumberIntStmt:
		return makeNumberInt(k.MakeNumberIntStmt)
	case *pb.Stmt_MakeNumberRefStmt:
		return d.makeNumberRef(k.MakeNumberRefStmt)
	case *pb.Stmt_MakeObjectStmt:
		return makeObject(k.MakeObjectStmt)
	case *pb.Stmt_MakeSetStmt:
		return makeSet(k.MakeSetStmt)
	case *pb.Stmt_NopStmt:
		return nop(k.NopStmt)
	case *pb.Stmt_NotEqualStmt:
		return d.notEqual(k.NotEqualStmt)
	case *pb.Stmt_NotStmt:
		return d.not(k.NotStmt)
	case *pb.Stmt_ObjectInsertOnceStmt:
		return d.objectInsertOnce(k.ObjectInsertOnceStmt)
	case *pb.Stmt_ObjectInsertStmt:
		return d.objectInsert(k.ObjectInsertStmt)
	case *pb.Stmt_ObjectMergeStmt:
		return objectMerge(k.ObjectMergeStmt)
	case *pb.Stmt_ResetLocalStmt:
		return resetLocal(k.ResetLocalStmt)
	case *pb.Stmt_ResultSetAddStmt:
		return resultSetAdd(k.ResultSetAddStmt)
	case *pb.Stmt_ReturnLocalStmt:
		return returnLocal(k.ReturnLocalStmt)
	case *pb.Stmt_ScanStmt:
		return d.scan(k.ScanStmt)
	case *pb.Stmt_SetAddStmt:
		return d.setAdd(k.SetAddStmt)
	case *pb.Stmt_WithStmt:
		return d.with(k.WithStmt)
	}
	return nil, errNoStmt
}

// errBody is the error for a statement whose kind is set but whose body
// message is not (protobuf's decoder never leaves one so; a hand-built
// message may).
func errBody(kind string) error { return fmt.Errorf("%s: missing body", kind) }

// field prefixes a field decoder's error with the statement kind and field.
func field(kind, name string, err error) error {
	return fmt.Errorf("%s %s: %w", kind, name, err)
}

func (d *decoder) arrayAppend(m *pb.ArrayAppendStmt) (ir.Stmt, error) {
	const kind = "ArrayAppendStmt"
	if m == nil {
		return nil, errBody(kind)
	}
	v, err := d.operand(m.GetValue())
	if err != nil {
		return nil, field(kind, "value", err)
	}
	a, err := local(m.GetArray())
	if err != nil {
		return nil, field(kind, "array", err)
	}
	return &ir.ArrayAppendStmt{Value: v, Array: a}, nil
}

func assignInt(m *pb.AssignIntStmt) (ir.Stmt, error) {
	const kind = "AssignIntStmt"
	if m == nil {
		return nil, errBody(kind)
	}
	t, err := local(m.GetTarget())
	if err != nil {
		return nil, field(kind, "target", err)
	}
	return &ir.AssignIntStmt{Value: m.GetValue(), Target: t}, nil
}

func (d *decoder) assignVarOnce(m *pb.AssignVarOnceStmt) (ir.Stmt, error) {
	const kind = "AssignVarOnceStmt"
	if m == nil {
		return nil, errBody(kind)
	}
	src, err := d.operand(m.GetSource())
	if err != nil {
		return nil, field(kind, "source", err)
	}
	t, err := local(m.GetTarget())
	if err != nil {
		return nil, field(kind, "target", err)
	}
	return &ir.AssignVarOnceStmt{Source: src, Target: t}, nil
}

func (d *decoder) assignVar(m *pb.AssignVarStmt) (ir.Stmt, error) {
	const kind = "AssignVarStmt"
	if m == nil {
		return nil, errBody(kind)
	}
	src, err := d.operand(m.GetSource())
	if err != nil {
		return nil, field(kind, "source", err)
	}
	t, err := local(m.GetTarget())
	if err != nil {
		return nil, field(kind, "target", err)
	}
	return &ir.AssignVarStmt{Source: src, Target: t}, nil
}

func (d *decoder) blockStmt(m *pb.BlockStmt) (ir.Stmt, error) {
	const kind = "BlockStmt"
	if m == nil {
		return nil, errBody(kind)
	}
	blocks, err := d.blocks(m.GetBlocks())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", kind, err)
	}
	return &ir.BlockStmt{Blocks: blocks}, nil
}

func breakStmt(m *pb.BreakStmt) (ir.Stmt, error) {
	if m == nil {
		return nil, errBody("BreakStmt")
	}
	return &ir.BreakStmt{Index: m.GetIndex()}, nil
}

func (d *decoder) callDynamic(m *pb.CallDynamicStmt) (ir.Stmt, error) {
	const kind = "CallDynamicStmt"
	if m == nil {
		return nil, errBody(kind)
	}
	args, err := locals(m.GetArgs())
	if err != nil {
		return nil, field(kind, "arg", err)
	}
	r, err := local(m.GetResult())
	if err != nil {
		return nil, field(kind, "result", err)
	}
	path, err := d.operands(m.GetPath())
	if err != nil {
		return nil, field(kind, "path", err)
	}
	return &ir.CallDynamicStmt{Args: args, Result: r, Path: path}, nil
}

func (d *decoder) call(m *pb.CallStmt) (ir.Stmt, error) {
	const kind = "CallStmt"
	if m == nil {
		return nil, errBody(kind)
	}
	if m.GetFunction() == "" {
		return nil, field(kind, "function", errors.New("missing name"))
	}
	args, err := d.operands(m.GetArgs())
	if err != nil {
		return nil, field(kind, "arg", err)
	}
	r, err := local(m.GetResult())
	if err != nil {
		return nil, field(kind, "result", err)
	}
	return &ir.CallStmt{Func: m.GetFunction(), Args: args, Result: r}, nil
}

func (d *decoder) dot(m *pb.DotStmt) (ir.Stmt, error) {
	const kind = "DotStmt"
	if m == nil {
		return nil, errBody(kind)
	}
	src, err := d.operand(m.GetSource())
	if err != nil {
		return nil, field(kind, "source", err)
	}
	key, err := d.operand(m.GetKey())
	if err != nil {
		return nil, field(kind, "key", err)
	}
	t, err := local(m.GetTarget())
	if err != nil {
		return nil, field(kind, "target", err)
	}
	return &ir.DotStmt{Source: src, Key: key, Target: t}, nil
}

func (d *decoder) equal(m *pb.EqualStmt) (ir.Stmt, error) {
	const kind = "EqualStmt"
	if m == nil {
		return nil, errBody(kind)
	}
	a, b, err := d.pair(kind, m.GetA(), m.GetB())
	if err != nil {
		return nil, err
	}
	return &ir.EqualStmt{A: a, B: b}, nil
}

func (d *decoder) notEqual(m *pb.NotEqualStmt) (ir.Stmt, error) {
	const kind = "NotEqualStmt"
	if m == nil {
		return nil, errBody(kind)
	}
	a, b, err := d.pair(kind, m.GetA(), m.GetB())
	if err != nil {
		return nil, err
	}
	return &ir.NotEqualStmt{A: a, B: b}, nil
}

// pair decodes the two operands of a comparison.
func (d *decoder) pair(kind string, pa, pb *pb.Operand) (a, b ir.Operand, err error) {
	if a, err = d.operand(pa); err != nil {
		return a, b, field(kind, "a", err)
	}
	if b, err = d.operand(pb); err != nil {
		return a, b, field(kind, "b", err)
	}
	return a, b, nil
}

func (d *decoder) isArray(m *pb.IsArrayStmt) (ir.Stmt, error) {
	const kind = "IsArrayStmt"
	if m == nil {
		return nil, errBody(kind)
	}
	src, err := d.operand(m.GetSource())
	if err != nil {
		return nil, field(kind, "source", err)
	}
	return &ir.IsArrayStmt{Source: src}, nil
}

func (d *decoder) isObject(m *pb.IsObjectStmt) (ir.Stmt, error) {
	const kind = "IsObjectStmt"
	if m == nil {
		return nil, errBody(kind)
	}
	src, err := d.operand(m.GetSource())
	if err != nil {
		return nil, field(kind, "source", err)
	}
	return &ir.IsObjectStmt{Source: src}, nil
}

func (d *decoder) isSet(m *pb.IsSetStmt) (ir.Stmt, error) {
	const kind = "IsSetStmt"
	if m == nil {
		return nil, errBody(kind)
	}
	src, err := d.operand(m.GetSource())
	if err != nil {
		return nil, field(kind, "source", err)
	}
	return &ir.IsSetStmt{Source: src}, nil
}

func isDefined(m *pb.IsDefinedStmt) (ir.Stmt, error) {
	const kind = "IsDefinedStmt"
	if m == nil {
		return nil, errBody(kind)
	}
	src, err := local(m.GetSource())
	if err != nil {
		return nil, field(kind, "source", err)
	}
	return &ir.IsDefinedStmt{Source: src}, nil
}

func isUndefined(m *pb.IsUndefinedStmt) (ir.Stmt, error) {
	const kind = "IsUndefinedStmt"
	if m == nil {
		return nil, errBody(kind)
	}
	src, err := local(m.GetSource())
	if err != nil {
		return nil, field(kind, "source", err)
	}
	return &ir.IsUndefinedStmt{Source: src}, nil
}

func (d *decoder) lenStmt(m *pb.LenStmt) (ir.Stmt, error) {
	const kind = "LenStmt"
	if m == nil {
		return nil, errBody(kind)
	}
	src, err := d.operand(m.GetSource())
	if err != nil {
		return nil, field(kind, "source", err)
	}
	t, err := local(m.GetTarget())
	if err != nil {
		return nil, field(kind, "target", err)
	}
	return &ir.LenStmt{Source: src, Target: t}, nil
}

func makeArray(m *pb.MakeArrayStmt) (ir.Stmt, error) {
	const kind = "MakeArrayStmt"
	if m == nil {
		return nil, errBody(kind)
	}
	t, err := local(m.GetTarget())
	if err != nil {
		return nil, field(kind, "target", err)
	}
	if c := m.GetCapacity(); c < 0 || c >= maxArrayCapacity {
		return nil, field(kind, "capacity", fmt.Errorf("%d out of range [0, %d)", c, maxArrayCapacity))
	}
	return &ir.MakeArrayStmt{Capacity: m.GetCapacity(), Target: t}, nil
}

func makeNull(m *pb.MakeNullStmt) (ir.Stmt, error) {
	const kind = "MakeNullStmt"
	if m == nil {
		return nil, errBody(kind)
	}
	t, err := local(m.GetTarget())
	if err != nil {
		return nil, field(kind, "target", err)
	}
	return &ir.MakeNullStmt{Target: t}, nil
}

func makeNumberInt(m *pb.MakeNumberIntStmt) (ir.Stmt, error) {
	const kind = "MakeNumberIntStmt"
	if m == nil {
		return nil, errBody(kind)
	}
	t, err := local(m.GetTarget())
	if err != nil {
		return nil, field(kind, "target", err)
	}
	return &ir.MakeNumberIntStmt{Value: m.GetValue(), Target: t}, nil
}

// makeNumberRef checks the index against the strings; that the string
// is a number is checked by Load, which has the strings.
func (d *decoder) makeNumberRef(m *pb.MakeNumberRefStmt) (ir.Stmt, error) {
	const kind = "MakeNumberRefStmt"
	if m == nil {
		return nil, errBody(kind)
	}
	i, err := d.stringIndex(m.GetIndex())
	if err != nil {
		return nil, field(kind, "index", err)
	}
	t, err := local(m.GetTarget())
	if err != nil {
		return nil, field(kind, "target", err)
	}
	return &ir.MakeNumberRefStmt{Index: i, Target: t}, nil
}

func makeObject(m *pb.MakeObjectStmt) (ir.Stmt, error) {
	const kind = "MakeObjectStmt"
	if m == nil {
		return nil, errBody(kind)
	}
	t, err := local(m.GetTarget())
	if err != nil {
		return nil, field(kind, "target", err)
	}
	return &ir.MakeObjectStmt{Target: t}, nil
}

func makeSet(m *pb.MakeSetStmt) (ir.Stmt, error) {
	const kind = "MakeSetStmt"
	if m == nil {
		return nil, errBody(kind)
	}
	t, err := local(m.GetTarget())
	if err != nil {
		return nil, field(kind, "target", err)
	}
	return &ir.MakeSetStmt{Target: t}, nil
}

func nop(m *pb.NopStmt) (ir.Stmt, error) {
	if m == nil {
		return nil, errBody("NopStmt")
	}
	return &ir.NopStmt{}, nil
}

func (d *decoder) not(m *pb.NotStmt) (ir.Stmt, error) {
	const kind = "NotStmt"
	if m == nil {
		return nil, errBody(kind)
	}
	b, err := d.nested(m.GetBlock())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", kind, err)
	}
	return &ir.NotStmt{Block: b}, nil
}

func (d *decoder) objectInsertOnce(m *pb.ObjectInsertOnceStmt) (ir.Stmt, error) {
	const kind = "ObjectInsertOnceStmt"
	if m == nil {
		return nil, errBody(kind)
	}
	k, v, o, err := d.insert(kind, m.GetKey(), m.GetValue(), m.GetObject())
	if err != nil {
		return nil, err
	}
	return &ir.ObjectInsertOnceStmt{Key: k, Value: v, Object: o}, nil
}

func (d *decoder) objectInsert(m *pb.ObjectInsertStmt) (ir.Stmt, error) {
	const kind = "ObjectInsertStmt"
	if m == nil {
		return nil, errBody(kind)
	}
	k, v, o, err := d.insert(kind, m.GetKey(), m.GetValue(), m.GetObject())
	if err != nil {
		return nil, err
	}
	return &ir.ObjectInsertStmt{Key: k, Value: v, Object: o}, nil
}

// insert decodes the fields the two object insertions share.
func (d *decoder) insert(kind string, pk, pv *pb.Operand, po int32) (k, v ir.Operand, o ir.Local, err error) {
	if k, err = d.operand(pk); err != nil {
		return k, v, o, field(kind, "key", err)
	}
	if v, err = d.operand(pv); err != nil {
		return k, v, o, field(kind, "value", err)
	}
	if o, err = local(po); err != nil {
		return k, v, o, field(kind, "object", err)
	}
	return k, v, o, nil
}

func objectMerge(m *pb.ObjectMergeStmt) (ir.Stmt, error) {
	const kind = "ObjectMergeStmt"
	if m == nil {
		return nil, errBody(kind)
	}
	a, err := local(m.GetA())
	if err != nil {
		return nil, field(kind, "a", err)
	}
	b, err := local(m.GetB())
	if err != nil {
		return nil, field(kind, "b", err)
	}
	t, err := local(m.GetTarget())
	if err != nil {
		return nil, field(kind, "target", err)
	}
	return &ir.ObjectMergeStmt{A: a, B: b, Target: t}, nil
}

func resetLocal(m *pb.ResetLocalStmt) (ir.Stmt, error) {
	const kind = "ResetLocalStmt"
	if m == nil {
		return nil, errBody(kind)
	}
	t, err := local(m.GetTarget())
	if err != nil {
		return nil, field(kind, "target", err)
	}
	return &ir.ResetLocalStmt{Target: t}, nil
}

func resultSetAdd(m *pb.ResultSetAddStmt) (ir.Stmt, error) {
	const kind = "ResultSetAddStmt"
	if m == nil {
		return nil, errBody(kind)
	}
	v, err := local(m.GetValue())
	if err != nil {
		return nil, field(kind, "value", err)
	}
	return &ir.ResultSetAddStmt{Value: v}, nil
}

func returnLocal(m *pb.ReturnLocalStmt) (ir.Stmt, error) {
	const kind = "ReturnLocalStmt"
	if m == nil {
		return nil, errBody(kind)
	}
	src, err := local(m.GetSource())
	if err != nil {
		return nil, field(kind, "source", err)
	}
	return &ir.ReturnLocalStmt{Source: src}, nil
}

func (d *decoder) scan(m *pb.ScanStmt) (ir.Stmt, error) {
	const kind = "ScanStmt"
	if m == nil {
		return nil, errBody(kind)
	}
	src, err := local(m.GetSource())
	if err != nil {
		return nil, field(kind, "source", err)
	}
	key, err := local(m.GetKey())
	if err != nil {
		return nil, field(kind, "key", err)
	}
	val, err := local(m.GetValue())
	if err != nil {
		return nil, field(kind, "value", err)
	}
	b, err := d.nested(m.GetBlock())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", kind, err)
	}
	return &ir.ScanStmt{Source: src, Key: key, Value: val, Block: b}, nil
}

func (d *decoder) setAdd(m *pb.SetAddStmt) (ir.Stmt, error) {
	const kind = "SetAddStmt"
	if m == nil {
		return nil, errBody(kind)
	}
	v, err := d.operand(m.GetValue())
	if err != nil {
		return nil, field(kind, "value", err)
	}
	set, err := local(m.GetSet())
	if err != nil {
		return nil, field(kind, "set", err)
	}
	return &ir.SetAddStmt{Value: v, Set: set}, nil
}

// with checks the path's string indices: the evaluator looks them up
// (state.with) unchecked.
func (d *decoder) with(m *pb.WithStmt) (ir.Stmt, error) {
	const kind = "WithStmt"
	if m == nil {
		return nil, errBody(kind)
	}
	l, err := local(m.GetLocal())
	if err != nil {
		return nil, field(kind, "local", err)
	}
	path := sliceOf[int](len(m.GetPath()))
	for i, p := range m.GetPath() {
		if path[i], err = d.stringIndex(p); err != nil {
			return nil, field(kind, fmt.Sprintf("path %d", i), err)
		}
	}
	v, err := d.operand(m.GetValue())
	if err != nil {
		return nil, field(kind, "value", err)
	}
	b, err := d.nested(m.GetBlock())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", kind, err)
	}
	return &ir.WithStmt{Local: l, Path: path, Value: v, Block: b}, nil
}

// validNumber says whether s is a JSON number, the text a MakeNumberRef
// constant must have for ast.Number.
func validNumber(s string) bool {
	if s == "" || (s[0] != '-' && (s[0] < '0' || s[0] > '9')) {
		return false
	}
	return json.Valid([]byte(s))
}
