package regovm

import (
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/ir"
	"google.golang.org/protobuf/encoding/protowire"
)

// DecodePolicy is PolicyFromProto(proto.Unmarshal(data)) without the
// pb.Policy in between: it reads plan.proto's wire form (the bytes
// ir.PolicyToProto and proto.Marshal write) straight into ir types.
// protobuf-go's reflection-driven decoder builds a small message for
// every statement, operand and value, only for PolicyFromProto to copy
// each one into its ir type and drop it; that was most of a stored
// plan's decoding time.
//
// It gives the policy PolicyFromProto would, with the same refusals in
// the same located words (plan, function, block and statement indices),
// and it keeps protobuf's reading of the wire form where a plan could
// differ by it: a scalar given twice takes the last value, a message
// given twice is merged, a oneof's record of another case replaces the
// one before, repeated scalars come packed or one by one, strings must be
// UTF-8 (plan.proto is edition 2023, which verifies them), and messages
// nest at most maxWireDepth deep. Fields plan.proto does not name are
// skipped, as proto.Unmarshal skips them (they would be a newer OPA's
// additions, and PolicyFromProto ignores what it does not know as well).
// That includes Policy.unplanned_rules (field 4): OPA v1.22.3's
// plan.proto declares it, but its generated v1pb, which proto.Unmarshal
// reads by, predates it (and ir.PolicyToProto does not write it), so to
// the proto path it is an unknown field, skipped unread.
//
// It is stricter than proto.Unmarshal in one way, on purpose: a field
// plan.proto names, with a wire type other than its own, is an error
// (errWireType), where protobuf would take it for an unknown field and
// skip it. No encoder of plan.proto writes one; a stored plan that has
// one is corrupt, and a corrupt plan is refused, not read around.
//
// Every error of the wire form itself (a truncated varint, a length past
// the end, a bad tag) names the byte offset in data where it is.
func DecodePolicy(data []byte) (*ir.Policy, error) {
	d := &wireDecoder{}
	r := wireReader{b: data}
	// The statements' string indices are checked against the number of
	// strings, which the wire form may give after the plans (and a
	// static record given twice merges), so the policy's own fields are
	// located first and static decoded before plans and funcs, in
	// PolicyFromProto's order.
	var statics, plans, funcs []wireReader
	for r.more() {
		num, typ, err := r.tag()
		if err != nil {
			return nil, fmt.Errorf("ir policy: %w", err)
		}
		switch num {
		case policyStatic, policyPlans, policyFuncs:
			sub, err := r.bytes(typ)
			if err != nil {
				return nil, fmt.Errorf("ir policy: %w", err)
			}
			switch num {
			case policyStatic:
				statics = append(statics, sub)
			case policyPlans:
				plans = append(plans, sub)
			default:
				funcs = append(funcs, sub)
			}
		default:
			if err := r.skip(num, typ); err != nil {
				return nil, fmt.Errorf("ir policy: %w", err)
			}
		}
	}
	out := &ir.Policy{}
	if statics != nil {
		static, err := d.static(statics)
		if err != nil {
			return nil, fmt.Errorf("ir policy: static: %w", err)
		}
		out.Static = static
		d.strings = len(static.Strings)
	}
	if plans != nil {
		out.Plans = &ir.Plans{}
		for _, rec := range plans {
			var err error
			if out.Plans.Plans, err = d.plans(rec, out.Plans.Plans); err != nil {
				return nil, fmt.Errorf("ir policy: %w", err)
			}
		}
	}
	if funcs != nil {
		out.Funcs = &ir.Funcs{}
		for _, rec := range funcs {
			var err error
			if out.Funcs.Funcs, err = d.funcs(rec, out.Funcs.Funcs); err != nil {
				return nil, fmt.Errorf("ir policy: %w", err)
			}
		}
	}
	return out, nil
}

// maxWireDepth is how deeply messages may nest, the policy itself at
// depth 1: proto.Unmarshal's default recursion limit
// (protowire.DefaultRecursionLimit), so that a plan is refused for its
// depth exactly where the proto path refuses it. A block nests three
// messages deeper than the statement holding it (Stmt, its body, Block),
// so this allows blocks about 3,300 deep, far beyond a real plan's.
const maxWireDepth = protowire.DefaultRecursionLimit

// Field numbers of plan.proto (OPA v1.22.3, v1/ir/plan.proto) that the
// decoder reads by name; the statement bodies' are in their wireSpecs.
const (
	policyStatic protowire.Number = 1
	policyPlans  protowire.Number = 2
	policyFuncs  protowire.Number = 3

	staticStrings      protowire.Number = 1
	staticBuiltinFuncs protowire.Number = 2
	staticFiles        protowire.Number = 3

	stringConstValue protowire.Number = 1
	builtinFuncName  protowire.Number = 1

	plansPlans protowire.Number = 1
	funcsFuncs protowire.Number = 1

	planName   protowire.Number = 1
	planBlocks protowire.Number = 2

	funcName   protowire.Number = 1
	funcParams protowire.Number = 2
	funcResult protowire.Number = 3
	funcBlocks protowire.Number = 4
	funcPath   protowire.Number = 5

	blockStmts protowire.Number = 1

	operandValue protowire.Number = 1

	valBool        protowire.Number = 1
	valLocal       protowire.Number = 2
	valStringIndex protowire.Number = 3

	stmtFile      protowire.Number = 1
	stmtCol       protowire.Number = 2
	stmtRow       protowire.Number = 3
	stmtFirstKind protowire.Number = 4  // ArrayAppendStmt
	stmtLastKind  protowire.Number = 37 // WithStmt
	stmtEndCol    protowire.Number = 38
	stmtEndRow    protowire.Number = 39
	// bodyFieldSlots holds a statement body's singular fields by number:
	// no body of plan.proto has a field numbered above 4.
	bodyFieldSlots = 5
)

// errWireType is the error for a field plan.proto names given with
// another wire type than its own (see DecodePolicy).
var errWireType = errors.New("wrong wire type for the field")

// errWireDepth is the error for messages nested deeper than maxWireDepth.
var errWireDepth = fmt.Errorf("messages nested deeper than %d", maxWireDepth)

// locate prefixes err with where in the plan it is (format and args), as
// PolicyFromProto's errors are, except the error of a plan nested too
// deep: its location would be thousands of levels long, and wrapping it
// again at every level is quadratic in the depth (seconds at 10,000).
// Its byte offset says where it is.
func locate(err error, format string, args ...any) error {
	if we, ok := err.(*wireError); ok && we.err == errWireDepth {
		return err
	}
	return fmt.Errorf(format+": %w", append(args, err)...)
}

// wireError is an error of the wire form at a byte offset of the input.
type wireError struct {
	offset int
	err    error
}

func (e *wireError) Error() string { return fmt.Sprintf("at byte %d: %v", e.offset, e.err) }
func (e *wireError) Unwrap() error { return e.err }

// wireReader reads the fields of one message record.
type wireReader struct {
	b      []byte // what is left of the record
	off    int    // offset of b[0] in DecodePolicy's input
	tagOff int    // offset of the last tag read, where its field starts
}

func (r *wireReader) more() bool { return len(r.b) > 0 }

func (r *wireReader) errAt(offset int, err error) error { return &wireError{offset: offset, err: err} }

func (r *wireReader) advance(n int) { r.b, r.off = r.b[n:], r.off+n }

// uvarint is protowire.ConsumeVarint with the one-byte case inline, the
// usual case of a plan's tags, locals and lengths.
func (r *wireReader) uvarint() (uint64, error) {
	if len(r.b) > 0 && r.b[0] < 0x80 {
		v := uint64(r.b[0])
		r.advance(1)
		return v, nil
	}
	v, n := protowire.ConsumeVarint(r.b)
	if n < 0 {
		return 0, r.errAt(r.off, protowire.ParseError(n))
	}
	r.advance(n)
	return v, nil
}

// tag reads a field's tag. A field number out of protobuf's range and an
// end-group tag (no message of plan.proto is a group, and protobuf skips
// an unknown group whole, ConsumeFieldValue) are errors, as they are to
// proto.Unmarshal.
func (r *wireReader) tag() (protowire.Number, protowire.Type, error) {
	r.tagOff = r.off
	v, err := r.uvarint()
	if err != nil {
		return 0, 0, err
	}
	num, typ := v>>3, protowire.Type(v&7)
	if num < uint64(protowire.MinValidNumber) || num > uint64(protowire.MaxValidNumber) {
		return 0, 0, r.errAt(r.tagOff, fmt.Errorf("field number %d out of range", num))
	}
	if typ == protowire.EndGroupType {
		return 0, 0, r.errAt(r.tagOff, errors.New("end of a group that was not started"))
	}
	return protowire.Number(num), typ, nil
}

func (r *wireReader) wireTypeErr(typ protowire.Type) error {
	return r.errAt(r.tagOff, fmt.Errorf("%w (wire type %d)", errWireType, typ))
}

// varint reads a varint field's value.
func (r *wireReader) varint(typ protowire.Type) (uint64, error) {
	if typ != protowire.VarintType {
		return 0, r.wireTypeErr(typ)
	}
	return r.uvarint()
}

// int32 reads an int32 field as protobuf does: the varint truncated.
func (r *wireReader) int32(typ protowire.Type) (int32, error) {
	v, err := r.varint(typ)
	return int32(v), err
}

// bytes reads a length-delimited field's payload as a reader of its own.
func (r *wireReader) bytes(typ protowire.Type) (wireReader, error) {
	if typ != protowire.BytesType {
		return wireReader{}, r.wireTypeErr(typ)
	}
	start := r.off
	n, err := r.uvarint()
	if err != nil {
		return wireReader{}, err
	}
	if n > uint64(len(r.b)) {
		return wireReader{}, r.errAt(start, fmt.Errorf("length %d past the end (%d bytes left)", n, len(r.b)))
	}
	sub := wireReader{b: r.b[:n:n], off: r.off}
	r.advance(int(n))
	return sub, nil
}

// string reads a string field, which must be UTF-8.
func (r *wireReader) string(typ protowire.Type) (string, error) {
	sub, err := r.bytes(typ)
	if err != nil {
		return "", err
	}
	if !utf8.Valid(sub.b) {
		return "", r.errAt(sub.off, errors.New("string is not UTF-8"))
	}
	return string(sub.b), nil
}

// appendInt32s reads a repeated int32 field's record, packed (one
// length-delimited record of varints) or not (one varint).
func (r *wireReader) appendInt32s(typ protowire.Type, dst []int32) ([]int32, error) {
	switch typ {
	case protowire.VarintType:
		v, err := r.uvarint()
		return append(dst, int32(v)), err
	case protowire.BytesType:
		sub, err := r.bytes(typ)
		if err != nil {
			return dst, err
		}
		for sub.more() {
			v, err := sub.uvarint()
			if err != nil {
				return dst, err
			}
			dst = append(dst, int32(v))
		}
		return dst, nil
	}
	return dst, r.wireTypeErr(typ)
}

// skip passes over a field plan.proto does not name.
func (r *wireReader) skip(num protowire.Number, typ protowire.Type) error {
	n := protowire.ConsumeFieldValue(num, typ, r.b)
	if n < 0 {
		return r.errAt(r.tagOff, fmt.Errorf("field %d: %w", num, protowire.ParseError(n)))
	}
	r.advance(n)
	return nil
}

// countFields counts the fields numbered num of a record, for sizing a
// slice before decoding them; a record it cannot read counts as far as
// it can (decoding it then says what is wrong).
func countFields(r wireReader, num protowire.Number) int {
	n := 0
	for r.more() {
		v, err := r.uvarint()
		if err != nil {
			return n
		}
		if protowire.Number(v>>3) == num {
			n++
		}
		if m := protowire.ConsumeFieldValue(protowire.Number(v>>3), protowire.Type(v&7), r.b); m >= 0 {
			r.advance(m)
		} else {
			return n
		}
	}
	return n
}

// enter refuses a message record nested deeper than maxWireDepth.
func (r *wireReader) enter(depth int) error {
	if depth > maxWireDepth {
		return r.errAt(r.off, errWireDepth)
	}
	return nil
}

// wireDecoder is decoder (what an index is checked against) for the
// wire form.
type wireDecoder struct {
	decoder
	// boxed are operand values already made an ir.Val, by local or
	// string index: an int above 255 in an interface is an allocation,
	// and a plan names the same few locals and strings over and over.
	// An interface's value cannot be changed, so operands may share one.
	boxedLocals, boxedStrings []ir.Val
	// opScratch is readBody's scratch for a call's operands, handed to
	// one body at a time.
	opScratch []operandState
}

// maxBoxed bounds the boxed caches: a local or string index past it
// (none of a real plan's) is boxed anew each time.
const maxBoxed = 1 << 14

// boxLocal is ir.Val(l), from the cache where l is below maxBoxed.
func (d *wireDecoder) boxLocal(l ir.Local) ir.Val {
	if l >= maxBoxed {
		return l
	}
	c := growBoxed(&d.boxedLocals, int(l))
	if c[l] == nil {
		c[l] = l
	}
	return c[l]
}

// boxString is boxLocal for a string index.
func (d *wireDecoder) boxString(i ir.StringIndex) ir.Val {
	if i >= maxBoxed {
		return i
	}
	c := growBoxed(&d.boxedStrings, int(i))
	if c[i] == nil {
		c[i] = i
	}
	return c[i]
}

// growBoxed makes a cache long enough to hold index i.
func growBoxed(cache *[]ir.Val, i int) []ir.Val {
	if i >= len(*cache) {
		*cache = append(*cache, make([]ir.Val, i+1-len(*cache))...)
	}
	return *cache
}

// static decodes Policy.static from its records (records of a singular
// message merge: their repeated fields append).
func (d *wireDecoder) static(recs []wireReader) (*ir.Static, error) {
	// The planner makes BuiltinFuncs before appending, never nil (sliceOf).
	out := &ir.Static{BuiltinFuncs: []*ir.BuiltinFunc{}}
	for _, r := range recs {
		if err := r.enter(2); err != nil {
			return nil, err
		}
		for r.more() {
			num, typ, err := r.tag()
			if err != nil {
				return nil, err
			}
			switch num {
			case staticStrings, staticFiles:
				sub, err := r.bytes(typ)
				if err != nil {
					return nil, err
				}
				v, err := stringConst(sub)
				if err != nil {
					return nil, err
				}
				if num == staticStrings {
					out.Strings = append(out.Strings, &ir.StringConst{Value: v})
				} else {
					out.Files = append(out.Files, &ir.StringConst{Value: v})
				}
			case staticBuiltinFuncs:
				sub, err := r.bytes(typ)
				if err != nil {
					return nil, err
				}
				b, err := builtinFunc(sub)
				if err != nil {
					return nil, fmt.Errorf("builtin func %d: %w", len(out.BuiltinFuncs), err)
				}
				out.BuiltinFuncs = append(out.BuiltinFuncs, b)
			default:
				err = r.skip(num, typ)
			}
			if err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

func stringConst(r wireReader) (string, error) {
	if err := r.enter(3); err != nil {
		return "", err
	}
	var v string
	for r.more() {
		num, typ, err := r.tag()
		if err != nil {
			return "", err
		}
		if num == stringConstValue {
			v, err = r.string(typ)
		} else {
			err = r.skip(num, typ)
		}
		if err != nil {
			return "", err
		}
	}
	return v, nil
}

// builtinFunc decodes a built-in's name and gives it OPA's declaration,
// as staticFromProto does.
func builtinFunc(r wireReader) (*ir.BuiltinFunc, error) {
	if err := r.enter(3); err != nil {
		return nil, err
	}
	var name string
	for r.more() {
		num, typ, err := r.tag()
		if err != nil {
			return nil, err
		}
		if num == builtinFuncName {
			name, err = r.string(typ)
		} else {
			err = r.skip(num, typ)
		}
		if err != nil {
			return nil, err
		}
	}
	if name == "" {
		return nil, errors.New("missing name")
	}
	out := &ir.BuiltinFunc{Name: name}
	if decl, ok := ast.BuiltinMap[name]; ok {
		out.Decl = decl.Decl
	}
	return out, nil
}

// plans decodes one Plans record, appending its plans to out (the plans
// of all of Policy.plans' records, numbered on from the last).
func (d *wireDecoder) plans(r wireReader, out []*ir.Plan) ([]*ir.Plan, error) {
	if err := r.enter(2); err != nil {
		return nil, err
	}
	for r.more() {
		num, typ, err := r.tag()
		if err != nil {
			return nil, err
		}
		if num != plansPlans {
			if err := r.skip(num, typ); err != nil {
				return nil, err
			}
			continue
		}
		sub, err := r.bytes(typ)
		if err != nil {
			return nil, err
		}
		p, err := d.plan(sub)
		if err != nil {
			return nil, fmt.Errorf("plan %d: %w", len(out), err)
		}
		out = append(out, p)
	}
	return out, nil
}

func (d *wireDecoder) plan(r wireReader) (*ir.Plan, error) {
	if err := r.enter(3); err != nil {
		return nil, err
	}
	out := &ir.Plan{}
	for r.more() {
		num, typ, err := r.tag()
		if err != nil {
			return nil, err
		}
		switch num {
		case planName:
			out.Name, err = r.string(typ)
		case planBlocks:
			out.Blocks, err = d.appendBlock(&r, typ, out.Blocks, 4)
		default:
			err = r.skip(num, typ)
		}
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// funcs decodes one Funcs record, as plans does one Plans record.
func (d *wireDecoder) funcs(r wireReader, out []*ir.Func) ([]*ir.Func, error) {
	if err := r.enter(2); err != nil {
		return nil, err
	}
	for r.more() {
		num, typ, err := r.tag()
		if err != nil {
			return nil, err
		}
		if num != funcsFuncs {
			if err := r.skip(num, typ); err != nil {
				return nil, err
			}
			continue
		}
		sub, err := r.bytes(typ)
		if err != nil {
			return nil, err
		}
		f, err := d.function(sub)
		if err != nil {
			return nil, fmt.Errorf("func %d: %w", len(out), err)
		}
		out = append(out, f)
	}
	return out, nil
}

func (d *wireDecoder) function(r wireReader) (*ir.Func, error) {
	if err := r.enter(3); err != nil {
		return nil, err
	}
	out := &ir.Func{}
	var params []int32
	var result int32
	for r.more() {
		num, typ, err := r.tag()
		if err != nil {
			return nil, err
		}
		switch num {
		case funcName:
			out.Name, err = r.string(typ)
		case funcParams:
			params, err = r.appendInt32s(typ, params)
		case funcResult:
			result, err = r.int32(typ)
		case funcBlocks:
			out.Blocks, err = d.appendBlock(&r, typ, out.Blocks, 4)
		case funcPath:
			var s string
			if s, err = r.string(typ); err == nil {
				out.Path = append(out.Path, s)
			}
		default:
			err = r.skip(num, typ)
		}
		if err != nil {
			return nil, err
		}
	}
	// The scalars are checked once the record is read: a later value of
	// the same field replaces an earlier one.
	out.Params = sliceOf[ir.Local](len(params))
	for i, l := range params {
		var err error
		if out.Params[i], err = local(l); err != nil {
			return nil, fmt.Errorf("param %d: %w", i, err)
		}
	}
	var err error
	if out.Return, err = local(result); err != nil {
		return nil, fmt.Errorf("result: %w", err)
	}
	return out, nil
}

// appendBlock reads a repeated Block field's record (a block of its own)
// at depth and appends it to blocks.
func (d *wireDecoder) appendBlock(r *wireReader, typ protowire.Type, blocks []*ir.Block, depth int) ([]*ir.Block, error) {
	sub, err := r.bytes(typ)
	if err != nil {
		return blocks, err
	}
	var stmts []ir.Stmt
	if stmts, err = d.blockStmts(sub, nil, depth); err != nil {
		return blocks, locate(err, "block %d", len(blocks))
	}
	return append(blocks, &ir.Block{Stmts: stmts}), nil
}

// blockStmts reads one Block record at depth, appending its statements
// to stmts (a singular block given in several records merges).
func (d *wireDecoder) blockStmts(r wireReader, stmts []ir.Stmt, depth int) ([]ir.Stmt, error) {
	if err := r.enter(depth); err != nil {
		return stmts, err
	}
	if stmts == nil {
		// One allocation of the block's size rather than append's doublings.
		if n := countFields(r, blockStmts); n > 0 {
			stmts = make([]ir.Stmt, 0, n)
		}
	}
	for r.more() {
		num, typ, err := r.tag()
		if err != nil {
			return stmts, err
		}
		if num != blockStmts {
			if err := r.skip(num, typ); err != nil {
				return stmts, err
			}
			continue
		}
		sub, err := r.bytes(typ)
		if err != nil {
			return stmts, err
		}
		s, err := d.stmt(sub, depth+1)
		if err != nil {
			return stmts, locate(err, "stmt %d", len(stmts))
		}
		stmts = append(stmts, s)
	}
	return stmts, nil
}

// stmt decodes a Stmt record: the location on its envelope and the body
// of its kind.
//
// Stmt.kind is a oneof of messages: records of one case merge, and a
// record of another case replaces what came before, so the body is the
// trailing run of records of the last case. Records it replaced are
// only checked (validateWire) the way proto.Unmarshal checks them, for
// their refusals are proto.Unmarshal's; what they hold is dropped, and
// so are any refusals PolicyFromProto would have made of it.
func (d *wireDecoder) stmt(r wireReader, depth int) (ir.Stmt, error) {
	if err := r.enter(depth); err != nil {
		return nil, err
	}
	var file, col, row, endCol, endRow int32
	var kindArr [2]kindRecord // almost always one record
	kinds := kindArr[:0]
	for r.more() {
		num, typ, err := r.tag()
		if err != nil {
			return nil, err
		}
		switch {
		case num == stmtFile:
			file, err = r.int32(typ)
		case num == stmtCol:
			col, err = r.int32(typ)
		case num == stmtRow:
			row, err = r.int32(typ)
		case num == stmtEndCol:
			endCol, err = r.int32(typ)
		case num == stmtEndRow:
			endRow, err = r.int32(typ)
		case num >= stmtFirstKind && num <= stmtLastKind:
			var sub wireReader
			if sub, err = r.bytes(typ); err == nil {
				kinds = append(kinds, kindRecord{num: num, r: sub})
			}
		default:
			err = r.skip(num, typ)
		}
		if err != nil {
			return nil, err
		}
	}
	if len(kinds) == 0 {
		return nil, errNoStmt
	}
	last := len(kinds) - 1
	first := last
	for first > 0 && kinds[first-1].num == kinds[last].num {
		first--
	}
	for _, k := range kinds[:first] {
		if err := validateWire(stmtKinds[k.num].spec, k.r, depth+1); err != nil {
			return nil, err
		}
	}
	kind := stmtKinds[kinds[last].num]
	var f bodyFields
	f.operands, d.opScratch = d.opScratch[:0], nil // a body in this one's blocks makes its own
	if err := d.readBody(kind.spec, kinds[first:], depth+1, &f); err != nil {
		return nil, err
	}
	// f goes by value: through the function value, a pointer to it would
	// move it to the heap, an allocation for every statement.
	out, err := kind.finish(d, f)
	d.opScratch = f.operands[:0] // finish copied what it keeps
	if err != nil {
		return nil, err
	}
	loc := out.GetLocation()
	loc.File, loc.Col, loc.Row = int(file), int(col), int(row)
	loc.EndCol, loc.EndRow = int(endCol), int(endRow)
	return out, nil
}

// kindRecord is one record of a Stmt.kind case.
type kindRecord struct {
	num protowire.Number
	r   wireReader
}

// operandState is an Operand as its records leave it: present, and the
// case and value of its Val (the last one given wins, as for any oneof
// of scalars; Val records given twice merge to just that).
type operandState struct {
	present bool
	kind    protowire.Number // 0: no Val, or a Val of no case
	value   uint64
}

// bodyFields are a statement body's fields, read by readBody, for its
// kind's finishing function. A body of plan.proto has at most one field
// of each repeated kind, and its singular fields are numbered 1 to 4.
type bodyFields struct {
	varint   [bodyFieldSlots]uint64       // singular varint fields, by number
	operand  [bodyFieldSlots]operandState // singular Operand fields, by number
	varints  []int32                      // its repeated int32 field
	str      string                       // its string field
	operands []operandState               // its repeated Operand field
	block    struct {                     // its singular Block field
		present bool
		stmts   []ir.Stmt
	}
	blocks []*ir.Block // its repeated Block field
}

// readBody reads the records of one statement body, at depth, into f,
// by the body's spec.
func (d *wireDecoder) readBody(spec *wireSpec, recs []kindRecord, depth int, f *bodyFields) error {
	for _, rec := range recs {
		r := rec.r
		if err := r.enter(depth); err != nil {
			return err
		}
		for r.more() {
			num, typ, err := r.tag()
			if err != nil {
				return err
			}
			field := spec.field(num)
			switch field.kind {
			case wireVarint:
				f.varint[num], err = r.varint(typ)
			case wireVarints:
				f.varints, err = r.appendInt32s(typ, f.varints)
			case wireString:
				f.str, err = r.string(typ)
			case wireMessage:
				var sub wireReader
				if sub, err = r.bytes(typ); err != nil {
					break
				}
				if field.msg == operandSpec {
					err = readOperand(sub, depth+1, &f.operand[num])
					break
				}
				f.block.present = true
				if f.block.stmts, err = d.blockStmts(sub, f.block.stmts, depth+1); err != nil {
					err = locate(err, "%s: block", spec.name)
				}
			case wireMessages:
				if field.msg == operandSpec {
					var sub wireReader
					if sub, err = r.bytes(typ); err == nil {
						var o operandState
						err = readOperand(sub, depth+1, &o)
						f.operands = append(f.operands, o)
					}
					break
				}
				if f.blocks, err = d.appendBlock(&r, typ, f.blocks, depth+1); err != nil {
					err = locate(err, "%s", spec.name)
				}
			default:
				err = r.skip(num, typ)
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// readOperand reads one Operand record at depth into o (an Operand given
// in several records merges).
func readOperand(r wireReader, depth int, o *operandState) error {
	if err := r.enter(depth); err != nil {
		return err
	}
	o.present = true
	for r.more() {
		num, typ, err := r.tag()
		if err != nil {
			return err
		}
		if num != operandValue {
			if err := r.skip(num, typ); err != nil {
				return err
			}
			continue
		}
		val, err := r.bytes(typ)
		if err != nil {
			return err
		}
		if err := val.enter(depth + 1); err != nil {
			return err
		}
		for val.more() {
			num, typ, err := val.tag()
			if err != nil {
				return err
			}
			switch num {
			case valBool, valLocal, valStringIndex:
				o.value, err = val.varint(typ)
				o.kind = num
			default:
				err = val.skip(num, typ)
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// operand is decoder.operand of an operandState.
func (d *wireDecoder) operand(o operandState) (ir.Operand, error) {
	if !o.present {
		return ir.Operand{}, errors.New("missing operand")
	}
	switch o.kind {
	case valLocal:
		l, err := local(int32(o.value))
		if err != nil {
			return ir.Operand{Value: l}, err
		}
		return ir.Operand{Value: d.boxLocal(l)}, nil
	case valStringIndex:
		i, err := d.stringIndex(int32(o.value))
		if err != nil {
			return ir.Operand{Value: ir.StringIndex(i)}, err
		}
		return ir.Operand{Value: d.boxString(ir.StringIndex(i))}, nil
	case valBool:
		return ir.Operand{Value: ir.Bool(o.value != 0)}, nil
	}
	return ir.Operand{}, errors.New("operand of no known kind")
}

func (d *wireDecoder) operands(os []operandState) ([]ir.Operand, error) {
	return decodeEach(os, d.operand)
}

// nested is decoder.nested of a body's Block field.
func (f *bodyFields) nested(kind string) (*ir.Block, error) {
	if !f.block.present {
		return nil, fmt.Errorf("%s: missing block", kind)
	}
	return &ir.Block{Stmts: f.block.stmts}, nil
}

// local is local of a body's varint field, truncated to int32 as
// protobuf reads an int32.
func (f *bodyFields) local(num int) (ir.Local, error) { return local(int32(f.varint[num])) }

// stmtKinds are Stmt.kind's cases by field number: each body's spec and
// the function that makes its ir statement of the fields read, with
// planproto.go's checks in planproto.go's order and words.
var stmtKinds [stmtLastKind + 1]struct {
	spec   *wireSpec
	finish func(d *wireDecoder, f bodyFields) (ir.Stmt, error)
}

func init() {
	type finisher = func(d *wireDecoder, f bodyFields) (ir.Stmt, error)
	set := func(num protowire.Number, spec *wireSpec, finish finisher) {
		stmtKinds[num].spec, stmtKinds[num].finish = spec, finish
	}
	// A statement's operand and target, local and target and the like:
	// shared shapes, by the kind's name.
	operandTarget := func(kind string, make func(ir.Operand, ir.Local) ir.Stmt) finisher {
		return func(d *wireDecoder, f bodyFields) (ir.Stmt, error) {
			src, err := d.operand(f.operand[1])
			if err != nil {
				return nil, field(kind, "source", err)
			}
			t, err := f.local(2)
			if err != nil {
				return nil, field(kind, "target", err)
			}
			return make(src, t), nil
		}
	}
	operandOnly := func(kind string, make func(ir.Operand) ir.Stmt) finisher {
		return func(d *wireDecoder, f bodyFields) (ir.Stmt, error) {
			src, err := d.operand(f.operand[1])
			if err != nil {
				return nil, field(kind, "source", err)
			}
			return make(src), nil
		}
	}
	localOnly := func(kind, name string, make func(ir.Local) ir.Stmt) finisher {
		return func(_ *wireDecoder, f bodyFields) (ir.Stmt, error) {
			l, err := f.local(1)
			if err != nil {
				return nil, field(kind, name, err)
			}
			return make(l), nil
		}
	}
	pair := func(kind string, make func(a, b ir.Operand) ir.Stmt) finisher {
		return func(d *wireDecoder, f bodyFields) (ir.Stmt, error) {
			a, err := d.operand(f.operand[1])
			if err != nil {
				return nil, field(kind, "a", err)
			}
			b, err := d.operand(f.operand[2])
			if err != nil {
				return nil, field(kind, "b", err)
			}
			return make(a, b), nil
		}
	}
	insert := func(kind string, make func(k, v ir.Operand, o ir.Local) ir.Stmt) finisher {
		return func(d *wireDecoder, f bodyFields) (ir.Stmt, error) {
			k, err := d.operand(f.operand[1])
			if err != nil {
				return nil, field(kind, "key", err)
			}
			v, err := d.operand(f.operand[2])
			if err != nil {
				return nil, field(kind, "value", err)
			}
			o, err := f.local(3)
			if err != nil {
				return nil, field(kind, "object", err)
			}
			return make(k, v, o), nil
		}
	}

	set(4, arrayAppendSpec, func(d *wireDecoder, f bodyFields) (ir.Stmt, error) {
		const kind = "ArrayAppendStmt"
		v, err := d.operand(f.operand[1])
		if err != nil {
			return nil, field(kind, "value", err)
		}
		a, err := f.local(2)
		if err != nil {
			return nil, field(kind, "array", err)
		}
		return &ir.ArrayAppendStmt{Value: v, Array: a}, nil
	})
	set(5, assignIntSpec, func(_ *wireDecoder, f bodyFields) (ir.Stmt, error) {
		t, err := f.local(2)
		if err != nil {
			return nil, field("AssignIntStmt", "target", err)
		}
		return &ir.AssignIntStmt{Value: int64(f.varint[1]), Target: t}, nil
	})
	set(6, assignVarOnceSpec, operandTarget("AssignVarOnceStmt", func(s ir.Operand, t ir.Local) ir.Stmt {
		return &ir.AssignVarOnceStmt{Source: s, Target: t}
	}))
	set(7, assignVarSpec, operandTarget("AssignVarStmt", func(s ir.Operand, t ir.Local) ir.Stmt {
		return &ir.AssignVarStmt{Source: s, Target: t}
	}))
	set(8, blockStmtSpec, func(_ *wireDecoder, f bodyFields) (ir.Stmt, error) {
		return &ir.BlockStmt{Blocks: f.blocks}, nil
	})
	set(9, breakSpec, func(_ *wireDecoder, f bodyFields) (ir.Stmt, error) {
		return &ir.BreakStmt{Index: uint32(f.varint[1])}, nil
	})
	set(10, callDynamicSpec, func(d *wireDecoder, f bodyFields) (ir.Stmt, error) {
		const kind = "CallDynamicStmt"
		args, err := locals(f.varints)
		if err != nil {
			return nil, field(kind, "arg", err)
		}
		r, err := f.local(2)
		if err != nil {
			return nil, field(kind, "result", err)
		}
		path, err := d.operands(f.operands)
		if err != nil {
			return nil, field(kind, "path", err)
		}
		return &ir.CallDynamicStmt{Args: args, Result: r, Path: path}, nil
	})
	set(11, callSpec, func(d *wireDecoder, f bodyFields) (ir.Stmt, error) {
		const kind = "CallStmt"
		if f.str == "" {
			return nil, field(kind, "function", errors.New("missing name"))
		}
		args, err := d.operands(f.operands)
		if err != nil {
			return nil, field(kind, "arg", err)
		}
		r, err := f.local(3)
		if err != nil {
			return nil, field(kind, "result", err)
		}
		return &ir.CallStmt{Func: f.str, Args: args, Result: r}, nil
	})
	set(12, dotSpec, func(d *wireDecoder, f bodyFields) (ir.Stmt, error) {
		const kind = "DotStmt"
		src, err := d.operand(f.operand[1])
		if err != nil {
			return nil, field(kind, "source", err)
		}
		key, err := d.operand(f.operand[2])
		if err != nil {
			return nil, field(kind, "key", err)
		}
		t, err := f.local(3)
		if err != nil {
			return nil, field(kind, "target", err)
		}
		return &ir.DotStmt{Source: src, Key: key, Target: t}, nil
	})
	set(13, equalSpec, pair("EqualStmt", func(a, b ir.Operand) ir.Stmt { return &ir.EqualStmt{A: a, B: b} }))
	set(14, isArraySpec, operandOnly("IsArrayStmt", func(s ir.Operand) ir.Stmt { return &ir.IsArrayStmt{Source: s} }))
	set(15, isDefinedSpec, localOnly("IsDefinedStmt", "source", func(l ir.Local) ir.Stmt { return &ir.IsDefinedStmt{Source: l} }))
	set(16, isObjectSpec, operandOnly("IsObjectStmt", func(s ir.Operand) ir.Stmt { return &ir.IsObjectStmt{Source: s} }))
	set(17, isSetSpec, operandOnly("IsSetStmt", func(s ir.Operand) ir.Stmt { return &ir.IsSetStmt{Source: s} }))
	set(18, isUndefinedSpec, localOnly("IsUndefinedStmt", "source", func(l ir.Local) ir.Stmt { return &ir.IsUndefinedStmt{Source: l} }))
	set(19, lenSpec, operandTarget("LenStmt", func(s ir.Operand, t ir.Local) ir.Stmt { return &ir.LenStmt{Source: s, Target: t} }))
	set(20, makeArraySpec, func(_ *wireDecoder, f bodyFields) (ir.Stmt, error) {
		const kind = "MakeArrayStmt"
		t, err := f.local(2)
		if err != nil {
			return nil, field(kind, "target", err)
		}
		if c := int32(f.varint[1]); c < 0 || c >= maxArrayCapacity {
			return nil, field(kind, "capacity", fmt.Errorf("%d out of range [0, %d)", c, maxArrayCapacity))
		}
		return &ir.MakeArrayStmt{Capacity: int32(f.varint[1]), Target: t}, nil
	})
	set(21, makeNullSpec, localOnly("MakeNullStmt", "target", func(l ir.Local) ir.Stmt { return &ir.MakeNullStmt{Target: l} }))
	set(22, makeNumberIntSpec, func(_ *wireDecoder, f bodyFields) (ir.Stmt, error) {
		t, err := f.local(2)
		if err != nil {
			return nil, field("MakeNumberIntStmt", "target", err)
		}
		return &ir.MakeNumberIntStmt{Value: int64(f.varint[1]), Target: t}, nil
	})
	set(23, makeNumberRefSpec, func(d *wireDecoder, f bodyFields) (ir.Stmt, error) {
		const kind = "MakeNumberRefStmt"
		i, err := d.stringIndex(int32(f.varint[1]))
		if err != nil {
			return nil, field(kind, "index", err)
		}
		t, err := f.local(2)
		if err != nil {
			return nil, field(kind, "target", err)
		}
		return &ir.MakeNumberRefStmt{Index: i, Target: t}, nil
	})
	set(24, makeObjectSpec, localOnly("MakeObjectStmt", "target", func(l ir.Local) ir.Stmt { return &ir.MakeObjectStmt{Target: l} }))
	set(25, makeSetSpec, localOnly("MakeSetStmt", "target", func(l ir.Local) ir.Stmt { return &ir.MakeSetStmt{Target: l} }))
	set(26, nopSpec, func(*wireDecoder, bodyFields) (ir.Stmt, error) { return &ir.NopStmt{}, nil })
	set(27, notEqualSpec, pair("NotEqualStmt", func(a, b ir.Operand) ir.Stmt { return &ir.NotEqualStmt{A: a, B: b} }))
	set(28, notSpec, func(_ *wireDecoder, f bodyFields) (ir.Stmt, error) {
		b, err := f.nested("NotStmt")
		if err != nil {
			return nil, err
		}
		return &ir.NotStmt{Block: b}, nil
	})
	set(29, objectInsertOnceSpec, insert("ObjectInsertOnceStmt", func(k, v ir.Operand, o ir.Local) ir.Stmt {
		return &ir.ObjectInsertOnceStmt{Key: k, Value: v, Object: o}
	}))
	set(30, objectInsertSpec, insert("ObjectInsertStmt", func(k, v ir.Operand, o ir.Local) ir.Stmt {
		return &ir.ObjectInsertStmt{Key: k, Value: v, Object: o}
	}))
	set(31, objectMergeSpec, func(_ *wireDecoder, f bodyFields) (ir.Stmt, error) {
		const kind = "ObjectMergeStmt"
		a, err := f.local(1)
		if err != nil {
			return nil, field(kind, "a", err)
		}
		b, err := f.local(2)
		if err != nil {
			return nil, field(kind, "b", err)
		}
		t, err := f.local(3)
		if err != nil {
			return nil, field(kind, "target", err)
		}
		return &ir.ObjectMergeStmt{A: a, B: b, Target: t}, nil
	})
	set(32, resetLocalSpec, localOnly("ResetLocalStmt", "target", func(l ir.Local) ir.Stmt { return &ir.ResetLocalStmt{Target: l} }))
	set(33, resultSetAddSpec, localOnly("ResultSetAddStmt", "value", func(l ir.Local) ir.Stmt { return &ir.ResultSetAddStmt{Value: l} }))
	set(34, returnLocalSpec, localOnly("ReturnLocalStmt", "source", func(l ir.Local) ir.Stmt { return &ir.ReturnLocalStmt{Source: l} }))
	set(35, scanSpec, func(_ *wireDecoder, f bodyFields) (ir.Stmt, error) {
		const kind = "ScanStmt"
		src, err := f.local(1)
		if err != nil {
			return nil, field(kind, "source", err)
		}
		key, err := f.local(2)
		if err != nil {
			return nil, field(kind, "key", err)
		}
		val, err := f.local(3)
		if err != nil {
			return nil, field(kind, "value", err)
		}
		b, err := f.nested(kind)
		if err != nil {
			return nil, err
		}
		return &ir.ScanStmt{Source: src, Key: key, Value: val, Block: b}, nil
	})
	set(36, setAddSpec, func(d *wireDecoder, f bodyFields) (ir.Stmt, error) {
		const kind = "SetAddStmt"
		v, err := d.operand(f.operand[1])
		if err != nil {
			return nil, field(kind, "value", err)
		}
		set, err := f.local(2)
		if err != nil {
			return nil, field(kind, "set", err)
		}
		return &ir.SetAddStmt{Value: v, Set: set}, nil
	})
	set(37, withSpec, func(d *wireDecoder, f bodyFields) (ir.Stmt, error) {
		const kind = "WithStmt"
		l, err := f.local(1)
		if err != nil {
			return nil, field(kind, "local", err)
		}
		path := sliceOf[int](len(f.varints))
		for i, p := range f.varints {
			if path[i], err = d.stringIndex(p); err != nil {
				return nil, field(kind, fmt.Sprintf("path %d", i), err)
			}
		}
		v, err := d.operand(f.operand[3])
		if err != nil {
			return nil, field(kind, "value", err)
		}
		b, err := f.nested(kind)
		if err != nil {
			return nil, err
		}
		return &ir.WithStmt{Local: l, Path: path, Value: v, Block: b}, nil
	})
	initStmtSpec()
}

// wireKind is how a field of plan.proto is given on the wire, as far as
// reading it goes.
type wireKind uint8

const (
	wireVarint   wireKind = iota + 1 // int32, int64, uint32 or bool: one varint, the last given wins
	wireVarints                      // repeated int32: packed, or a varint a record
	wireString                       // string: UTF-8, the last given wins
	wireStrings                      // repeated string
	wireMessage                      // a message: its records merge
	wireMessages                     // repeated message: a record an element
)

type wireField struct {
	kind wireKind
	msg  *wireSpec // of a message field
}

// wireSpec is one message of plan.proto: its name and its fields by
// number. It drives reading a statement body (readBody) and checking,
// without decoding, a statement body protobuf's oneof replaced
// (validateWire). TestWireSpecsMatchDescriptor holds every spec to the
// message descriptor protoc generated from plan.proto.
type wireSpec struct {
	name   string
	fields []wireField // index: field number; kind 0: no such field
}

func (s *wireSpec) field(num protowire.Number) wireField {
	if int(num) < len(s.fields) {
		return s.fields[num]
	}
	return wireField{}
}

// validateWire reads a record of spec at depth the way proto.Unmarshal
// reads one, with DecodePolicy's refusals of the wire form, and keeps
// nothing.
func validateWire(spec *wireSpec, r wireReader, depth int) error {
	if err := r.enter(depth); err != nil {
		return err
	}
	for r.more() {
		num, typ, err := r.tag()
		if err != nil {
			return err
		}
		switch f := spec.field(num); f.kind {
		case wireVarint:
			_, err = r.varint(typ)
		case wireVarints:
			_, err = r.appendInt32s(typ, nil)
		case wireString, wireStrings:
			_, err = r.string(typ)
		case wireMessage, wireMessages:
			var sub wireReader
			if sub, err = r.bytes(typ); err == nil {
				err = validateWire(f.msg, sub, depth+1)
			}
		default:
			err = r.skip(num, typ)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// The messages of plan.proto, field numbers as there. Stmt and its
// bodies are filled in by init, for they and Block refer to each other.
// Policy has no unplanned_rules: see DecodePolicy.
var (
	wfVarint   = wireField{kind: wireVarint}
	wfVarints  = wireField{kind: wireVarints}
	wfString   = wireField{kind: wireString}
	wfStrings  = wireField{kind: wireStrings}
	wfMessage  = func(s *wireSpec) wireField { return wireField{kind: wireMessage, msg: s} }
	wfMessages = func(s *wireSpec) wireField { return wireField{kind: wireMessages, msg: s} }

	stringConstSpec = &wireSpec{"StringConst", []wireField{1: wfString}}
	builtinFuncSpec = &wireSpec{"BuiltinFunc", []wireField{1: wfString}}
	staticSpec      = &wireSpec{"Static", []wireField{1: wfMessages(stringConstSpec), 2: wfMessages(builtinFuncSpec), 3: wfMessages(stringConstSpec)}}
	valSpec         = &wireSpec{"Val", []wireField{1: wfVarint, 2: wfVarint, 3: wfVarint}}
	operandSpec     = &wireSpec{"Operand", []wireField{1: wfMessage(valSpec)}}
	blockSpec       = &wireSpec{name: "Block"}
	stmtSpec        = &wireSpec{name: "Stmt"}
	planSpec        = &wireSpec{"Plan", []wireField{1: wfString, 2: wfMessages(blockSpec)}}
	plansSpec       = &wireSpec{"Plans", []wireField{1: wfMessages(planSpec)}}
	funcSpec        = &wireSpec{"Func", []wireField{1: wfString, 2: wfVarints, 3: wfVarint, 4: wfMessages(blockSpec), 5: wfStrings}}
	funcsSpec       = &wireSpec{"Funcs", []wireField{1: wfMessages(funcSpec)}}
	policySpec      = &wireSpec{"Policy", []wireField{1: wfMessage(staticSpec), 2: wfMessage(plansSpec), 3: wfMessage(funcsSpec)}}

	wfOperand  = wfMessage(operandSpec)
	wfOperands = wfMessages(operandSpec)
	wfBlock    = wfMessage(blockSpec)

	arrayAppendSpec      = &wireSpec{"ArrayAppendStmt", []wireField{1: wfOperand, 2: wfVarint}}
	assignIntSpec        = &wireSpec{"AssignIntStmt", []wireField{1: wfVarint, 2: wfVarint}}
	assignVarOnceSpec    = &wireSpec{"AssignVarOnceStmt", []wireField{1: wfOperand, 2: wfVarint}}
	assignVarSpec        = &wireSpec{"AssignVarStmt", []wireField{1: wfOperand, 2: wfVarint}}
	blockStmtSpec        = &wireSpec{"BlockStmt", []wireField{1: wfMessages(blockSpec)}}
	breakSpec            = &wireSpec{"BreakStmt", []wireField{1: wfVarint}}
	callDynamicSpec      = &wireSpec{"CallDynamicStmt", []wireField{1: wfVarints, 2: wfVarint, 3: wfOperands}}
	callSpec             = &wireSpec{"CallStmt", []wireField{1: wfString, 2: wfOperands, 3: wfVarint}}
	dotSpec              = &wireSpec{"DotStmt", []wireField{1: wfOperand, 2: wfOperand, 3: wfVarint}}
	equalSpec            = &wireSpec{"EqualStmt", []wireField{1: wfOperand, 2: wfOperand}}
	isArraySpec          = &wireSpec{"IsArrayStmt", []wireField{1: wfOperand}}
	isDefinedSpec        = &wireSpec{"IsDefinedStmt", []wireField{1: wfVarint}}
	isObjectSpec         = &wireSpec{"IsObjectStmt", []wireField{1: wfOperand}}
	isSetSpec            = &wireSpec{"IsSetStmt", []wireField{1: wfOperand}}
	isUndefinedSpec      = &wireSpec{"IsUndefinedStmt", []wireField{1: wfVarint}}
	lenSpec              = &wireSpec{"LenStmt", []wireField{1: wfOperand, 2: wfVarint}}
	makeArraySpec        = &wireSpec{"MakeArrayStmt", []wireField{1: wfVarint, 2: wfVarint}}
	makeNullSpec         = &wireSpec{"MakeNullStmt", []wireField{1: wfVarint}}
	makeNumberIntSpec    = &wireSpec{"MakeNumberIntStmt", []wireField{1: wfVarint, 2: wfVarint}}
	makeNumberRefSpec    = &wireSpec{"MakeNumberRefStmt", []wireField{1: wfVarint, 2: wfVarint}}
	makeObjectSpec       = &wireSpec{"MakeObjectStmt", []wireField{1: wfVarint}}
	makeSetSpec          = &wireSpec{"MakeSetStmt", []wireField{1: wfVarint}}
	nopSpec              = &wireSpec{"NopStmt", nil}
	notEqualSpec         = &wireSpec{"NotEqualStmt", []wireField{1: wfOperand, 2: wfOperand}}
	notSpec              = &wireSpec{"NotStmt", []wireField{1: wfBlock}}
	objectInsertOnceSpec = &wireSpec{"ObjectInsertOnceStmt", []wireField{1: wfOperand, 2: wfOperand, 3: wfVarint}}
	objectInsertSpec     = &wireSpec{"ObjectInsertStmt", []wireField{1: wfOperand, 2: wfOperand, 3: wfVarint}}
	objectMergeSpec      = &wireSpec{"ObjectMergeStmt", []wireField{1: wfVarint, 2: wfVarint, 3: wfVarint}}
	resetLocalSpec       = &wireSpec{"ResetLocalStmt", []wireField{1: wfVarint}}
	resultSetAddSpec     = &wireSpec{"ResultSetAddStmt", []wireField{1: wfVarint}}
	returnLocalSpec      = &wireSpec{"ReturnLocalStmt", []wireField{1: wfVarint}}
	scanSpec             = &wireSpec{"ScanStmt", []wireField{1: wfVarint, 2: wfVarint, 3: wfVarint, 4: wfBlock}}
	setAddSpec           = &wireSpec{"SetAddStmt", []wireField{1: wfOperand, 2: wfVarint}}
	withSpec             = &wireSpec{"WithStmt", []wireField{1: wfVarint, 2: wfVarints, 3: wfOperand, 4: wfBlock}}
)

// initStmtSpec completes Block and Stmt, once stmtKinds holds the bodies.
func initStmtSpec() {
	blockSpec.fields = []wireField{blockStmts: wfMessages(stmtSpec)}
	stmtSpec.fields = make([]wireField, stmtEndRow+1)
	for _, n := range []protowire.Number{stmtFile, stmtCol, stmtRow, stmtEndCol, stmtEndRow} {
		stmtSpec.fields[n] = wfVarint
	}
	for n := stmtFirstKind; n <= stmtLastKind; n++ {
		stmtSpec.fields[n] = wfMessage(stmtKinds[n].spec)
	}
}
