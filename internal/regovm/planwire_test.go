package regovm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/ir"
	pb "github.com/open-policy-agent/opa/v1/ir/v1pb"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/test/cases"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// checkWireDecode is the differential property of DecodePolicy: on any
// bytes it gives what proto.Unmarshal and PolicyFromProto give — an equal
// policy where both accept, an error where either refuses. The one
// allowed difference is DecodePolicy's own refusal of a known field of
// the wrong wire type (errWireType), and only where proto.Unmarshal did
// take some field for an unknown one.
func checkWireDecode(b []byte) error {
	var m pb.Policy
	protoErr := proto.Unmarshal(b, &m)
	wantErr := protoErr
	var want *ir.Policy
	if protoErr == nil {
		want, wantErr = PolicyFromProto(&m)
	}
	got, gotErr := DecodePolicy(b)
	switch {
	case gotErr != nil && got != nil:
		return fmt.Errorf("DecodePolicy gave a policy with its error %v", gotErr)
	case wantErr != nil && gotErr == nil:
		return fmt.Errorf("DecodePolicy accepted what the proto path refuses: %w", wantErr)
	case wantErr == nil && gotErr != nil:
		if errors.Is(gotErr, errWireType) && hasUnknown(m.ProtoReflect()) {
			return nil
		}
		return fmt.Errorf("DecodePolicy refused what the proto path accepts: %w", gotErr)
	case wantErr == nil && !reflect.DeepEqual(want, got):
		w, _ := json.MarshalIndent(want, "", " ")
		g, _ := json.MarshalIndent(got, "", " ")
		return fmt.Errorf("DecodePolicy's policy differs from the proto path's%s", firstDifference(string(w), string(g)))
	}
	return nil
}

// hasUnknown says whether proto.Unmarshal kept unknown fields anywhere in m.
func hasUnknown(m protoreflect.Message) bool {
	if len(m.GetUnknown()) > 0 {
		return true
	}
	found := false
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		switch {
		case fd.Message() == nil:
		case fd.IsList():
			for i := range v.List().Len() {
				if hasUnknown(v.List().Get(i).Message()) {
					found = true
				}
			}
		default:
			found = hasUnknown(v.Message())
		}
		return !found
	})
	return found
}

func TestDecodePolicyCatalog(t *testing.T) {
	var size int
	for _, cp := range planCatalog(t) {
		b := encodePlan(t, cp.policy)
		size += len(b)
		require.NoError(t, checkWireDecode(b), cp.pkg)
		got, err := DecodePolicy(b)
		require.NoError(t, err, cp.pkg)
		require.NotEmpty(t, got.Plans.Plans, cp.pkg)
		// And it is the planner's plan, less what the wire form cannot carry.
		require.Equal(t, asWireCarries(cp.policy), got, cp.pkg)
	}
	t.Logf("%d bytes of the catalogue's plans decoded alike", size)
}

// wireCheckTarget checks DecodePolicy against the proto path on every
// plan rego hands it, then evaluates as Target.
type wireCheckTarget struct {
	Target
	t       *testing.T
	checked *int
}

func (w wireCheckTarget) PrepareForEval(ctx context.Context, policy *ir.Policy, opts ...rego.PrepareOption) (rego.TargetPluginEval, error) {
	require.NoError(w.t, checkWireDecode(encodePlan(w.t, policy)))
	*w.checked++
	return w.Target.PrepareForEval(ctx, policy, opts...)
}

func TestDecodePolicyCompliance(t *testing.T) {
	set, err := cases.Load(filepath.Join(opaDir(t), "v1", "test", "cases", "testdata", "v1"))
	require.NoError(t, err)
	ctx := context.Background()
	var checked int
	for _, tc := range set.Sorted().Cases {
		for k, v := range tc.Env {
			t.Setenv(k, v)
		}
		evalCaseOn(ctx, tc, func(name string, data ast.Value) rego.TargetPlugin {
			return wireCheckTarget{Target: Target{Name: name, Data: data}, t: t, checked: &checked}
		})
	}
	require.Greater(t, checked, 2000, "the compliance cases hardly planned")
	t.Logf("%d plans of %d compliance cases decoded alike", checked, len(set.Cases))
}

func TestDecodePolicyTruncated(t *testing.T) {
	b := smallestCatalogPlan(t)
	var refused int
	for cut := range len(b) {
		require.NoError(t, checkWireDecode(b[:cut]), "cut at %d of %d", cut, len(b))
		if _, err := DecodePolicy(b[:cut]); err != nil {
			refused++
		}
	}
	// Most cuts land inside a message; a cut between the policy's own
	// fields is a valid policy without its functions (Load refuses it).
	require.Greater(t, refused, len(b)*9/10)
	t.Logf("%d cuts: %d refused", len(b), refused)
}

func TestDecodePolicyMutated(t *testing.T) {
	b := smallestCatalogPlan(t)
	rng := rand.New(rand.NewSource(20))
	var refused, wireType int
	const n = 3000
	for range n {
		m := slices.Clone(b)
		for range 1 + rng.Intn(4) {
			m[rng.Intn(len(m))] ^= byte(1 + rng.Intn(255))
		}
		require.NoError(t, checkWireDecode(m), "mutation %x", m)
		if _, err := DecodePolicy(m); err != nil {
			refused++
			if errors.Is(err, errWireType) {
				wireType++
			}
		}
	}
	require.Positive(t, refused)
	require.Less(t, refused, n, "every mutation refused: the acceptances compared nothing")
	t.Logf("%d mutated plans: %d refused, %d of them for a wrong wire type", n, refused, wireType)
}

func TestDecodePolicyRefuses(t *testing.T) {
	var compared int
	for _, tc := range policyRefusals() {
		if tc.policy == nil {
			continue // no message: no wire form
		}
		b, err := proto.Marshal(tc.policy)
		if err != nil {
			continue // a nil element has no wire form either
		}
		t.Run(tc.name, func(t *testing.T) {
			var m pb.Policy
			require.NoError(t, proto.Unmarshal(b, &m))
			_, want := PolicyFromProto(&m)
			if want == nil {
				return // a nil element marshals as an empty one, which decodes
			}
			p, err := DecodePolicy(b)
			require.EqualError(t, err, want.Error())
			require.Nil(t, p)
			compared++
		})
	}
	require.Greater(t, compared, 15)
}

// Wire-building helpers for the hand-made cases.
func wv(num protowire.Number, v uint64) []byte {
	return protowire.AppendVarint(protowire.AppendTag(nil, num, protowire.VarintType), v)
}

func wb(num protowire.Number, parts ...[]byte) []byte {
	return protowire.AppendBytes(protowire.AppendTag(nil, num, protowire.BytesType), slices.Concat(parts...))
}

func ws(num protowire.Number, s string) []byte { return wb(num, []byte(s)) }

// wirePolicy is a policy of one plan whose one block holds stmts, with
// the string "x" (plus any static fields given).
func wirePolicy(stmts ...[]byte) []byte {
	var block []byte
	for _, s := range stmts {
		block = append(block, wb(blockStmts, s)...)
	}
	return slices.Concat(
		wb(policyStatic, wb(staticStrings, ws(stringConstValue, "x"))),
		wb(policyPlans, wb(plansPlans, ws(planName, "p"), wb(planBlocks, block))),
	)
}

func wNop() []byte { return wb(26) }

func TestDecodePolicyWire(t *testing.T) {
	neg := uint64(1<<64 - 1) // -1 as protobuf writes an int32
	makeNull := func(targets ...uint64) []byte {
		var body []byte
		for _, v := range targets {
			body = append(body, wv(1, v)...)
		}
		return wb(21, body)
	}
	first := func(t *testing.T, p *ir.Policy) ir.Stmt { return p.Plans.Plans[0].Blocks[0].Stmts[0] }
	for _, tc := range []struct {
		name  string
		wire  []byte
		want  string // a refusal's words; "" for an accepted plan
		check func(t *testing.T, p *ir.Policy)
	}{
		{name: "empty input", wire: nil, check: func(t *testing.T, p *ir.Policy) { require.Equal(t, &ir.Policy{}, p) }},
		{name: "a nop", wire: wirePolicy(wNop()), check: func(t *testing.T, p *ir.Policy) { require.Equal(t, &ir.NopStmt{}, first(t, p)) }},
		{name: "the last of a scalar given twice wins", wire: wirePolicy(makeNull(neg, 3)),
			check: func(t *testing.T, p *ir.Policy) { require.Equal(t, &ir.MakeNullStmt{Target: 3}, first(t, p)) }},
		{name: "the last of a scalar given twice is checked", wire: wirePolicy(makeNull(3, neg)), want: "plan 0: block 0: stmt 0: MakeNullStmt target: local -1 out of range"},
		{name: "location on the envelope", wire: wirePolicy(slices.Concat(wv(stmtRow, 7), wv(stmtEndCol, 9), wNop())),
			check: func(t *testing.T, p *ir.Policy) {
				require.Equal(t, ir.Location{Row: 7, EndCol: 9}, *first(t, p).GetLocation())
			}},
		{name: "a oneof case replaced drops the body it replaced", wire: wirePolicy(slices.Concat(wb(28, wb(1, wb(blockStmts))), wNop())),
			check: func(t *testing.T, p *ir.Policy) { require.Equal(t, &ir.NopStmt{}, first(t, p)) }},
		{name: "a oneof case replaced is still read", wire: wirePolicy(slices.Concat(wb(28, []byte{0x0a, 0x05, 0x00}), wNop())), want: "at byte"},
		{name: "records of one oneof case merge", wire: wirePolicy(slices.Concat(
			wb(35, wv(1, 1), wb(4, wb(blockStmts, wNop()))), wb(35, wv(3, 2), wb(4, wb(blockStmts, wNop()))))),
			check: func(t *testing.T, p *ir.Policy) {
				require.Equal(t, &ir.ScanStmt{Source: 1, Value: 2, Block: &ir.Block{Stmts: []ir.Stmt{&ir.NopStmt{}, &ir.NopStmt{}}}}, first(t, p))
			}},
		{name: "a case, another, the first again: the first is new", wire: wirePolicy(slices.Concat(
			wb(35, wv(1, 1), wb(4)), wNop(), wb(35, wv(2, 2), wb(4)))),
			check: func(t *testing.T, p *ir.Policy) {
				require.Equal(t, &ir.ScanStmt{Key: 2, Block: &ir.Block{}}, first(t, p))
			}},
		{name: "a scan without its block", wire: wirePolicy(wb(35, wv(1, 1))), want: "stmt 0: ScanStmt: missing block"},
		{name: "a statement of no kind", wire: wirePolicy(wv(stmtRow, 1)), want: "stmt 0: unknown statement"},
		{name: "the last Val of an operand wins", wire: wirePolicy(wb(14, wb(1, wb(1, wv(2, 4)), wb(1, wv(3, 0))))),
			check: func(t *testing.T, p *ir.Policy) {
				require.Equal(t, &ir.IsArrayStmt{Source: ir.Operand{Value: ir.StringIndex(0)}}, first(t, p))
			}},
		{name: "an operand with no Val", wire: wirePolicy(wb(14, wb(1))), want: "IsArrayStmt source: operand of no known kind"},
		{name: "unknown fields are skipped", wire: slices.Concat(wirePolicy(slices.Concat(wv(40, 1), wNop(),
			protowire.AppendTag(nil, 41, protowire.StartGroupType), wv(1, 2), protowire.AppendTag(nil, 41, protowire.EndGroupType))), wb(9, []byte("zz"))),
			check: func(t *testing.T, p *ir.Policy) { require.Equal(t, &ir.NopStmt{}, first(t, p)) }},
		{name: "static after the plans", wire: slices.Concat(wirePolicy(wb(23, wv(1, 1), wv(2, 1)))[len(wb(policyStatic, wb(staticStrings, ws(stringConstValue, "x")))):],
			wb(policyStatic, wb(staticStrings, ws(stringConstValue, "1")), wb(staticStrings, ws(stringConstValue, "2")))),
			check: func(t *testing.T, p *ir.Policy) {
				require.Equal(t, &ir.MakeNumberRefStmt{Index: 1, Target: 1}, first(t, p))
			}},
		{name: "packed params", wire: wb(policyFuncs, wb(funcsFuncs, ws(funcName, "f"), wb(funcParams, []byte{0, 1}), wv(funcResult, 2))),
			check: func(t *testing.T, p *ir.Policy) { require.Equal(t, []ir.Local{0, 1}, p.Funcs.Funcs[0].Params) }},
		{name: "unpacked params", wire: wb(policyFuncs, wb(funcsFuncs, ws(funcName, "f"), wv(funcParams, 0), wv(funcParams, 1), wv(funcResult, 2))),
			check: func(t *testing.T, p *ir.Policy) { require.Equal(t, []ir.Local{0, 1}, p.Funcs.Funcs[0].Params) }},
		{name: "unplanned rules are unknown to v1pb, so skipped", wire: slices.Concat(wirePolicy(wNop()), wb(4, ws(1, "\xff"), wb(2, wv(1, 3)))),
			check: func(t *testing.T, p *ir.Policy) { require.Nil(t, p.UnplannedRules) }},
		{name: "a string that is not UTF-8", wire: wb(policyStatic, wb(staticStrings, ws(stringConstValue, "\xc3"))), want: "static: at byte 6: string is not UTF-8"},
		{name: "a known field of the wrong wire type", wire: wirePolicy(wb(21, wb(1))), want: "wrong wire type"},
		{name: "field number 0", wire: []byte{0x00}, want: "at byte 0: field number 0 out of range"},
		{name: "an end group with no start", wire: protowire.AppendTag(nil, 5, protowire.EndGroupType), want: "at byte 0: end of a group"},
		{name: "an overlong varint", wire: wirePolicy(wb(21, slices.Concat([]byte{0x08}, slices.Repeat([]byte{0x80}, 10), []byte{0x01}))), want: "stmt 0: at byte 22: "},
		{name: "an overlong varint of an unknown field", wire: slices.Concat([]byte{0x28}, slices.Repeat([]byte{0x80}, 10), []byte{0x01}), want: "at byte 0: field 5: "},
		{name: "a truncated varint", wire: wirePolicy(slices.Concat(wNop(), []byte{0x08, 0xff})), want: "at byte"},
		{name: "a length past the end", wire: []byte{0x12, 0x05, 0x0a}, want: "at byte 1: length 5 past the end (1 bytes left)"},
		{name: "a huge length", wire: protowire.AppendVarint([]byte{0x12}, 1<<62), want: "past the end"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.NoError(t, checkWireDecode(tc.wire))
			p, err := DecodePolicy(tc.wire)
			if tc.want != "" {
				require.ErrorContains(t, err, tc.want)
				require.Nil(t, p)
				return
			}
			require.NoError(t, err)
			tc.check(t, p)
		})
	}
}

// TestDecodePolicyDepth nests not-blocks to either side of maxWireDepth:
// a block nests three messages (Stmt, NotStmt, Block) in the one before,
// and the plan's first statement is at depth 5 (Policy, Plans, Plan,
// Block, Stmt).
func TestDecodePolicyDepth(t *testing.T) {
	// nested is wb(28, wb(1, wb(blockStmts, …inner))) nots times over,
	// without copying the inside at every level: the headers of the
	// levels, from the inside out, then the inside.
	nested := func(nots int, inner []byte) []byte {
		var headers [][]byte
		n := len(inner)
		for range nots {
			for _, num := range []protowire.Number{blockStmts, 1, 28} {
				h := protowire.AppendVarint(protowire.AppendTag(nil, num, protowire.BytesType), uint64(n))
				headers = append(headers, h)
				n += len(h)
			}
		}
		var s []byte
		for i := len(headers) - 1; i >= 0; i-- {
			s = append(s, headers[i]...)
		}
		return wirePolicy(append(s, inner...))
	}
	isArray := wb(14, wb(1, wb(1, wv(valLocal, 1)))) // its Val 3 deeper than its Stmt
	for _, tc := range []struct {
		name  string
		wire  []byte
		depth int
	}{
		{"nop", nested(3331, wNop()), 5 + 3*3331 + 1},
		{"nop deeper", nested(3332, wNop()), 5 + 3*3332 + 1},
		{"empty not", nested(3331, wb(28, wb(1))), 5 + 3*3331 + 2},
		{"operand", nested(3330, isArray), 5 + 3*3330 + 3},
		{"operand deeper", nested(3331, isArray), 5 + 3*3331 + 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.NoError(t, checkWireDecode(tc.wire))
			_, err := DecodePolicy(tc.wire)
			if tc.depth > maxWireDepth {
				require.ErrorIs(t, err, errWireDepth)
			} else {
				require.NoError(t, err)
			}
		})
	}
}

// TestWireSpecsMatchDescriptor holds the decoder's specs of plan.proto to
// the descriptor protoc generated from it: every message, every field's
// number, kind and cardinality, and no field the descriptor lacks.
func TestWireSpecsMatchDescriptor(t *testing.T) {
	seen := map[*wireSpec]bool{}
	var walk func(spec *wireSpec, md protoreflect.MessageDescriptor)
	walk = func(spec *wireSpec, md protoreflect.MessageDescriptor) {
		if seen[spec] {
			return
		}
		seen[spec] = true
		require.Equal(t, string(md.Name()), spec.name)
		fields := md.Fields()
		var named int
		for _, f := range spec.fields {
			if f.kind != 0 {
				named++
			}
		}
		require.Equal(t, fields.Len(), named, "%s: fields", spec.name)
		for i := range fields.Len() {
			fd := fields.Get(i)
			f := spec.field(fd.Number())
			var want wireKind
			switch fd.Kind() {
			case protoreflect.Int32Kind, protoreflect.Int64Kind, protoreflect.Uint32Kind, protoreflect.BoolKind:
				want = wireVarint
				if fd.IsList() {
					want = wireVarints
				}
			case protoreflect.StringKind:
				want = wireString
				if fd.IsList() {
					want = wireStrings
				}
			case protoreflect.MessageKind:
				want = wireMessage
				if fd.IsList() {
					want = wireMessages
				}
			default:
				t.Fatalf("%s.%s: a kind the decoder does not read: %v", spec.name, fd.Name(), fd.Kind())
			}
			require.Equal(t, want, f.kind, "%s.%s (%d)", spec.name, fd.Name(), fd.Number())
			if want == wireMessage || want == wireMessages {
				walk(f.msg, fd.Message())
			}
		}
	}
	walk(policySpec, (&pb.Policy{}).ProtoReflect().Descriptor())
	require.Len(t, seen, 46, "plan.proto's messages")
	for n := stmtFirstKind; n <= stmtLastKind; n++ {
		require.NotNil(t, stmtKinds[n].finish, "Stmt case %d", n)
	}
}

func FuzzDecodePolicy(f *testing.F) {
	f.Add(smallestCatalogPlan(f))
	f.Add(wirePolicy(wNop()))
	f.Fuzz(func(t *testing.T, b []byte) {
		if err := checkWireDecode(b); err != nil {
			t.Fatal(err)
		}
	})
}

// BenchmarkDecodePolicy decodes the catalogue's batch plans from their
// wire form both ways in the same run: DecodePolicy, and proto.Unmarshal
// then PolicyFromProto (the baseline); proto/wire is how many times
// faster DecodePolicy is.
func BenchmarkDecodePolicy(b *testing.B) {
	plans := planCatalog(b)
	stored := make([][]byte, len(plans))
	var size int
	for i, cp := range plans {
		stored[i] = encodePlan(b, cp.policy)
		size += len(stored[i])
	}
	var viaProto, viaWire time.Duration
	for b.Loop() {
		start := time.Now()
		for _, s := range stored {
			var m pb.Policy
			if err := proto.Unmarshal(s, &m); err != nil {
				b.Fatal(err)
			}
			if _, err := PolicyFromProto(&m); err != nil {
				b.Fatal(err)
			}
		}
		mid := time.Now()
		for _, s := range stored {
			if _, err := DecodePolicy(s); err != nil {
				b.Fatal(err)
			}
		}
		viaProto, viaWire = viaProto+mid.Sub(start), viaWire+time.Since(mid)
	}
	n := float64(b.N)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1e3 / n }
	b.ReportMetric(ms(viaProto), "proto-ms/catalogue")
	b.ReportMetric(ms(viaWire), "wire-ms/catalogue")
	b.ReportMetric(float64(viaProto)/float64(viaWire), "proto/wire")
	b.ReportMetric(float64(len(plans)), "plans")
	b.ReportMetric(float64(size), "wire-bytes")
}
