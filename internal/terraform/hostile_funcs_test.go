package terraform

import (
	"context"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/zclconf/go-cty/cty"
	"testing/fstest"
)

func numbers(n int) cty.Value {
	vals := make([]cty.Value, n)
	for i := range vals {
		vals[i] = cty.NumberIntVal(int64(i))
	}
	return cty.ListVal(vals)
}

// repeated is a list of n references to one value: cheap to hold (cty
// shares it), huge once a function copies it out.
func repeated(v cty.Value, n int) cty.Value {
	vals := make([]cty.Value, n)
	for i := range vals {
		vals[i] = v
	}
	return cty.TupleVal(vals)
}

// TestFunctionBombs: a call whose result would exhaust memory is refused
// before it is computed, naming the function and the cap; the value is
// unknown. The allocation bound proves nothing large was built on the way
// (cty walks every argument once before any function runs, about 115 bytes
// per element: that walk is the floor).
// Not parallel: it measures the process's allocations.
func TestFunctionBombs(t *testing.T) {
	mb := cty.StringVal(strings.Repeat("a", 1<<20))
	big := numbers(maxElements + 1)
	tests := []struct {
		name string
		fn   string
		args []cty.Value
		want string
	}{
		{"setproduct 300×300×300", "setproduct", []cty.Value{numbers(300), numbers(300), numbers(300)}, "setproduct: elements in the product: 108000000, over rampart's cap of 100000 elements"},
		{"join repeating 1 MiB ten thousand times", "join", []cty.Value{cty.StringVal(""), cty.ListVal(repeated(mb, 10_000).AsValueSlice())}, "join: more than the string bytes allowed in the arguments"},
		{"format width", "format", []cty.Value{cty.StringVal("%999999999d"), cty.NumberIntVal(1)}, "format: bytes of padding in the format, over rampart's cap of 8388608 bytes"},
		{"format width past int", "format", []cty.Value{cty.StringVal("%99999999999999999999d"), cty.NumberIntVal(1)}, "format: bytes of padding in the format"},
		{"formatlist over a long list", "formatlist", []cty.Value{cty.StringVal("%s-%s"), big, cty.StringVal("x")}, "formatlist: more than the elements allowed in the arguments"},
		{"formatlist repeating a wide format", "formatlist", []cty.Value{cty.StringVal("%100000s"), numbers(1000)}, "formatlist: bytes in the formatted result"},
		{"flatten of shared lists", "flatten", []cty.Value{repeated(numbers(1000), 200)}, "flatten: more than the elements allowed in the arguments"},
		{"concat", "concat", []cty.Value{big}, "concat: more than the elements allowed"},
		{"replace empty with 1 MiB", "replace", []cty.Value{mb, cty.StringVal(""), mb}, "replace: bytes in the result"},
		{"replace by pattern copying the match", "replace", []cty.Value{cty.StringVal(strings.Repeat("a", 10_000)), cty.StringVal("/a*/"), cty.StringVal("$0$0$0$0$0$0$0$0$0$0$0$0")}, "replace: bytes in the result"},
		{"indent by a billion", "indent", []cty.Value{cty.NumberIntVal(1_000_000_000), cty.StringVal("a\nb")}, "indent: bytes of indentation"},
		{"indent many lines", "indent", []cty.Value{cty.NumberIntVal(1000), cty.StringVal(strings.Repeat("\n", 100_000))}, "indent: bytes in the result"},
		{"split into characters", "split", []cty.Value{cty.StringVal(""), mb}, "split: elements in the result: 1048577"},
		{"regexall over a long string", "regexall", []cty.Value{cty.StringVal("a?"), mb}, "regexall: possible matches in the string"},
		{"jsondecode nested", "jsondecode", []cty.Value{cty.StringVal(strings.Repeat("[", 100_000))}, "jsondecode: More than 128 nested levels"},
		{"jsondecode many values", "jsondecode", []cty.Value{cty.StringVal("[" + strings.Repeat("1,", 200_000) + "1]")}, "jsondecode: possible elements in the document: 200002"},
		{"csvdecode many fields", "csvdecode", []cty.Value{cty.StringVal("a\n" + strings.Repeat("1\n", 200_000))}, "csvdecode: possible elements"},
		{"jsonencode of shared strings", "jsonencode", []cty.Value{repeated(mb, 100)}, "jsonencode: more than the string bytes allowed in the arguments"},
	}
	fns := functions()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			v, err := fns[tc.fn].Call(tc.args)
			runtime.ReadMemStats(&after)
			require.Error(t, err)
			require.Contains(t, err.Error(), tc.want)
			require.True(t, v == cty.NilVal || !v.IsKnown(), "%#v", v)
			require.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(64<<20), "refused before building the result")
		})
	}
}

// TestFunctionsWithinCaps: ordinary calls are unchanged by the caps.
func TestFunctionsWithinCaps(t *testing.T) {
	t.Parallel()
	fns := functions()
	call := func(name string, args ...cty.Value) cty.Value {
		v, err := fns[name].Call(args)
		require.NoError(t, err, name)
		return v
	}
	require.Equal(t, "arn:aws:iam::123456789012:role/deploy", call("format", cty.StringVal("arn:aws:iam::123456789012:role/%s"), cty.StringVal("deploy")).AsString())
	require.Equal(t, "  7.50", call("format", cty.StringVal("%6.2f"), cty.NumberFloatVal(7.5)).AsString())
	require.Equal(t, 9, call("setproduct", numbers(3), numbers(3)).LengthInt())
	require.Equal(t, "a,b", call("join", cty.StringVal(","), cty.ListVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")})).AsString())
	require.Equal(t, "xbx", call("replace", cty.StringVal("aba"), cty.StringVal("/a/"), cty.StringVal("x")).AsString())
	require.Equal(t, 1000, call("range", cty.NumberIntVal(1000)).LengthInt())
	require.Equal(t, 3, call("length", call("split", cty.StringVal(","), cty.StringVal("a,b,c"))).AsBigFloat().Sign()*3)
	require.True(t, call("jsondecode", cty.StringVal(`{"a": [1, {"b": true}]}`)).Type().IsObjectType())
	// Marked and unknown arguments keep their meaning.
	u := call("join", cty.StringVal(","), cty.UnknownVal(cty.List(cty.String)))
	require.False(t, u.IsKnown())
	m := call("upper", cty.StringVal("x").Mark(reason("r")))
	require.True(t, m.HasMark(reason("r")))
}

// TestFunctionBombThroughLoad: the refused call is a warning at its
// position, and the attribute it feeds is unknown with the reason.
func TestFunctionBombThroughLoad(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{"main.tf": {Data: []byte(`locals {
  l = range(300)
}
resource "aws_iam_policy" "p" {
  name   = "p"
  policy = jsonencode({ combos = setproduct(local.l, local.l, local.l) })
}
`)}}
	res, err := Load(context.Background(), fsys, []string{"."}, Options{})
	require.NoError(t, err)
	var diags strings.Builder
	for _, d := range res.Diagnostics {
		diags.WriteString(d.Error() + "\n")
	}
	require.Contains(t, diags.String(), `main.tf:6,34-45: Cannot evaluate statically: Error in function call; Call to function "setproduct" failed: setproduct: elements in the product: 108000000, over rampart's cap of 100000 elements`)
	p := byID(t, res, "aws_iam_policy.p")
	require.NotContains(t, p.Attributes, "document")
	require.Contains(t, p.Unknown["document"], "setproduct: elements in the product")
}
