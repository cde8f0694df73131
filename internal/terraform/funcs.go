package terraform

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"

	"github.com/rampart-audit/rampart/internal/hcllimit"
)

// functions are the Terraform functions that can be evaluated without
// touching the file system, the clock or the network. Anything else (file,
// timestamp, uuid …) is an unknown function: the expression becomes unknown
// with that reason, never a guess. Each is size-capped (capped): the
// configuration is a pull request's, and setproduct of three 300-element
// lists or join over a list repeating one long string would exhaust the
// runner's memory.
func functions() map[string]function.Function {
	shared := cappedFunctions()
	out := make(map[string]function.Function, len(shared))
	for k, f := range shared {
		out[k] = f
	}
	return out
}

// cappedFunctions builds the capped table once: function values are
// immutable, every root module and template shares them.
var cappedFunctions = sync.OnceValue(func() map[string]function.Function {
	out := map[string]function.Function{}
	for name, f := range pureFunctions() {
		switch name {
		case "try", "can":
			// They take expressions, not values, and return one of them:
			// whatever function built it was capped.
			out[name] = f
		default:
			out[name] = capped(name, f)
		}
	}
	return out
})

func pureFunctions() map[string]function.Function {
	out := map[string]function.Function{
		"abs":             stdlib.AbsoluteFunc,
		"base64decode":    base64DecodeFunc,
		"base64encode":    base64EncodeFunc,
		"can":             tryfunc.CanFunc,
		"ceil":            stdlib.CeilFunc,
		"chomp":           stdlib.ChompFunc,
		"chunklist":       stdlib.ChunklistFunc,
		"coalesce":        stdlib.CoalesceFunc,
		"coalescelist":    stdlib.CoalesceListFunc,
		"compact":         stdlib.CompactFunc,
		"concat":          stdlib.ConcatFunc,
		"contains":        stdlib.ContainsFunc,
		"csvdecode":       stdlib.CSVDecodeFunc,
		"distinct":        stdlib.DistinctFunc,
		"element":         stdlib.ElementFunc,
		"flatten":         stdlib.FlattenFunc,
		"floor":           stdlib.FloorFunc,
		"format":          stdlib.FormatFunc,
		"formatdate":      stdlib.FormatDateFunc,
		"formatlist":      stdlib.FormatListFunc,
		"indent":          stdlib.IndentFunc,
		"index":           stdlib.IndexFunc,
		"join":            stdlib.JoinFunc,
		"jsondecode":      stdlib.JSONDecodeFunc,
		"jsonencode":      stdlib.JSONEncodeFunc,
		"keys":            stdlib.KeysFunc,
		"length":          stdlib.LengthFunc,
		"log":             stdlib.LogFunc,
		"lookup":          stdlib.LookupFunc,
		"lower":           stdlib.LowerFunc,
		"max":             stdlib.MaxFunc,
		"merge":           stdlib.MergeFunc,
		"min":             stdlib.MinFunc,
		"parseint":        stdlib.ParseIntFunc,
		"pow":             stdlib.PowFunc,
		"range":           stdlib.RangeFunc,
		"regex":           stdlib.RegexFunc,
		"regexall":        stdlib.RegexAllFunc,
		"replace":         replaceFunc,
		"reverse":         stdlib.ReverseListFunc,
		"setintersection": stdlib.SetIntersectionFunc,
		"setproduct":      stdlib.SetProductFunc,
		"setsubtract":     stdlib.SetSubtractFunc,
		"setunion":        stdlib.SetUnionFunc,
		"signum":          stdlib.SignumFunc,
		"slice":           stdlib.SliceFunc,
		"sort":            stdlib.SortFunc,
		"split":           stdlib.SplitFunc,
		"strlen":          stdlib.StrlenFunc,
		"substr":          stdlib.SubstrFunc,
		"title":           stdlib.TitleFunc,
		"tobool":          stdlib.MakeToFunc(cty.Bool),
		"tolist":          stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
		"tomap":           stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
		"tonumber":        stdlib.MakeToFunc(cty.Number),
		"toset":           stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)),
		"tostring":        stdlib.MakeToFunc(cty.String),
		"trim":            stdlib.TrimFunc,
		"trimprefix":      stdlib.TrimPrefixFunc,
		"trimspace":       stdlib.TrimSpaceFunc,
		"trimsuffix":      stdlib.TrimSuffixFunc,
		"try":             tryfunc.TryFunc,
		"upper":           stdlib.UpperFunc,
		"values":          stdlib.ValuesFunc,
		"zipmap":          stdlib.ZipmapFunc,
	}
	for name, f := range cidrFunctions() {
		out[name] = f
	}
	return out
}

// replaceFunc is Terraform's replace: a substring wrapped in slashes is a
// regular expression, anything else is replaced literally.
var replaceFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "str", Type: cty.String},
		{Name: "substr", Type: cty.String},
		{Name: "replace", Type: cty.String},
	},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		sub := args[1].AsString()
		if len(sub) > 1 && strings.HasPrefix(sub, "/") && strings.HasSuffix(sub, "/") {
			return stdlib.RegexReplace(args[0], cty.StringVal(sub[1:len(sub)-1]), args[2])
		}
		return stdlib.Replace(args[0], args[1], args[2])
	},
})

// Caps on what one function call may return or consume. Terraform
// configurations compute policies, name lists and maps of a few hundred
// entries; these are orders of magnitude above that and far below what
// exhausts a CI runner (a cty element costs around 100 bytes).
const (
	// maxElements bounds the elements of a value, nested collections
	// counted through (a list of 10 lists of 10 is 110).
	maxElements = 100_000
	// maxBytes bounds the string bytes of a value: a file read whole
	// (maxFileSize) fits, base64-encoded too.
	maxBytes = 8 << 20
)

// errTooLarge says a call was refused for its size.
type errTooLarge struct {
	name, what string
	n          int
}

func (e errTooLarge) Error() string {
	limit, unit := maxElements, "elements"
	if strings.Contains(e.what, "bytes") {
		limit, unit = maxBytes, "bytes"
	}
	if e.n > 0 {
		return fmt.Sprintf("%s: %s: %d, over rampart's cap of %d %s; the value is not evaluated", e.name, e.what, e.n, limit, unit)
	}
	return fmt.Sprintf("%s: %s, over rampart's cap of %d %s; the value is not evaluated", e.name, e.what, limit, unit)
}

// smallResult are the functions whose result is no larger than one of
// their arguments' elements (or a number, a bool): their arguments already
// exist, so only the result is measured — measuring the arguments of
// element(local.list, count.index) in every instance would be quadratic.
var smallResult = map[string]bool{
	"abs": true, "ceil": true, "floor": true, "log": true, "max": true, "min": true, "pow": true, "signum": true,
	"parseint": true, "strlen": true, "length": true, "element": true, "index": true, "contains": true, "lookup": true,
	"coalesce": true, "keys": true, "values": true, "tobool": true, "tonumber": true,
}

// capped wraps a function: arguments whose result could be huge are
// estimated before the call (setproduct, format widths, replace, indent,
// split, jsondecode …), other arguments are measured against the caps, and
// the result is measured after. Over a cap the call fails with the reason,
// so the expression is unknown and a warning names the call and its position.
func capped(name string, f function.Function) function.Function {
	// The wrapper takes marked arguments as they are: unmarking copies a
	// value deeply, which is the allocation the precheck exists to avoid.
	// The wrapped function's own Call unmarks and re-marks once the call
	// is known to be affordable.
	params := f.Params()
	for i := range params {
		params[i].AllowMarked = true
	}
	varParam := f.VarParam()
	if varParam != nil {
		varParam.AllowMarked = true
	}
	return function.New(&function.Spec{
		Description: f.Description(),
		Params:      params,
		VarParam:    varParam,
		// The precheck runs with the type check, which comes first: some
		// type functions (jsondecode's) already decode their argument.
		Type: func(args []cty.Value) (cty.Type, error) {
			if err := precheck(name, args); err != nil {
				return cty.DynamicPseudoType, err
			}
			return f.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
			v, err := f.Call(args)
			if err != nil {
				return v, err
			}
			var sz size
			if !sz.add(v) {
				return cty.UnknownVal(retType), errTooLarge{name: name, what: sz.over() + " in the result"}
			}
			return v, nil
		},
	})
}

// size accumulates elements and string bytes of values, stopping once
// over a cap, so measuring costs at most the caps.
type size struct{ elems, bytes int }

func (s *size) ok() bool { return s.elems <= maxElements && s.bytes <= maxBytes }

func (s *size) over() string {
	if s.elems > maxElements {
		return "more than the elements allowed"
	}
	return "more than the string bytes allowed"
}

func (s *size) add(v cty.Value) bool {
	v, _ = v.Unmark()
	if !v.IsKnown() || v.IsNull() {
		return s.ok()
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		s.bytes += len(v.AsString())
	case ty.IsListType() || ty.IsSetType() || ty.IsTupleType() || ty.IsMapType() || ty.IsObjectType():
		keyed := ty.IsMapType() || ty.IsObjectType()
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			s.elems++
			if keyed {
				s.bytes += len(k.AsString())
			}
			if !s.ok() || !s.add(e) {
				return false
			}
		}
	}
	return s.ok()
}

// precheck refuses a call whose result can be estimated from its
// arguments to exceed a cap, before anything is allocated.
func precheck(name string, args []cty.Value) error {
	var in size
	if !smallResult[name] {
		for _, a := range args {
			if !in.add(a) {
				return errTooLarge{name: name, what: in.over() + " in the arguments"}
			}
		}
	}
	known := func(i int) (cty.Value, bool) {
		if i >= len(args) {
			return cty.NilVal, false
		}
		v, _ := args[i].Unmark()
		return v, v.IsKnown() && !v.IsNull()
	}
	str := func(i int) (string, bool) {
		v, ok := known(i)
		if !ok || v.Type() != cty.String {
			return "", false
		}
		return v.AsString(), true
	}
	length := func(v cty.Value) (int, bool) {
		v, _ = v.Unmark()
		if !v.IsKnown() || v.IsNull() || !v.CanIterateElements() {
			return 0, false
		}
		return v.LengthInt(), true
	}
	switch name {
	case "setproduct":
		n := 1
		for _, a := range args {
			l, ok := length(a)
			if !ok {
				return nil // unknown: the result is unknown anyway
			}
			n = mulCap(n, l)
		}
		if elems := mulCap(n, len(args)+1); elems > maxElements {
			return errTooLarge{name: name, what: "elements in the product", n: elems}
		}
	case "join":
		sep, _ := str(0)
		if est := addCap(in.bytes, mulCap(in.elems, len(sep))); est > maxBytes {
			return errTooLarge{name: name, what: "bytes in the joined string", n: est}
		}
	case "format", "formatlist":
		f, ok := str(0)
		if !ok {
			return nil
		}
		pad, ok := padding(f)
		if !ok {
			return errTooLarge{name: name, what: "bytes of padding in the format"}
		}
		est := addCap(in.bytes, pad)
		if name == "formatlist" {
			n := 1
			for _, a := range args[1:] {
				if v, _ := a.Unmark(); v.IsKnown() && !v.IsNull() && (v.Type().IsListType() || v.Type().IsTupleType()) {
					n = max(n, v.LengthInt())
				}
			}
			// Every element repeats the format, its padding and the
			// scalar arguments; list arguments are counted once each.
			est = addCap(in.bytes, mulCap(n, addCap(len(f), pad)))
			for _, a := range args[1:] {
				if v, _ := a.Unmark(); v.IsKnown() && v.Type() == cty.String {
					est = addCap(est, mulCap(n, len(v.AsString())))
				}
			}
			if mulCap(n, 2) > maxElements {
				return errTooLarge{name: name, what: "elements in the result", n: n}
			}
		}
		if est > maxBytes {
			return errTooLarge{name: name, what: "bytes in the formatted result", n: est}
		}
	case "replace":
		s, ok1 := str(0)
		sub, ok2 := str(1)
		repl, ok3 := str(2)
		if !ok1 || !ok2 || !ok3 {
			return nil
		}
		var est int
		if len(sub) > 1 && strings.HasPrefix(sub, "/") && strings.HasSuffix(sub, "/") {
			// A pattern can match at every position, and each $n in the
			// replacement can copy the whole string.
			per := addCap(len(repl), mulCap(strings.Count(repl, "$"), len(s)))
			est = addCap(len(s), mulCap(len(s)+1, per))
		} else {
			matches := len(s) + 1
			if sub != "" {
				matches = strings.Count(s, sub)
			}
			est = addCap(len(s), mulCap(matches, len(repl)))
		}
		if est > maxBytes {
			return errTooLarge{name: name, what: "bytes in the result", n: est}
		}
	case "indent":
		v, ok := known(0)
		s, ok2 := str(1)
		if !ok || !ok2 || v.Type() != cty.Number {
			return nil
		}
		spaces, _ := v.AsBigFloat().Int64()
		if spaces > maxBytes || spaces < 0 {
			return errTooLarge{name: name, what: "bytes of indentation"}
		}
		if est := addCap(len(s), mulCap(strings.Count(s, "\n"), int(spaces))); est > maxBytes {
			return errTooLarge{name: name, what: "bytes in the result", n: est}
		}
	case "split":
		sep, ok1 := str(0)
		s, ok2 := str(1)
		if !ok1 || !ok2 {
			return nil
		}
		n := len(s) + 1
		if sep != "" {
			n = strings.Count(s, sep) + 1
		}
		if n > maxElements {
			return errTooLarge{name: name, what: "elements in the result", n: n}
		}
	case "regexall":
		if s, ok := str(1); ok && len(s)+1 > maxElements {
			return errTooLarge{name: name, what: "possible matches in the string", n: len(s) + 1}
		}
	case "jsondecode", "csvdecode":
		s, ok := str(0)
		if !ok {
			return nil
		}
		if name == "jsondecode" {
			// encoding/json recurses per level too.
			if diags := hcllimit.CheckJSON([]byte(s), name); diags.HasErrors() {
				return fmt.Errorf("%s: %s", name, strings.TrimSuffix(diags[0].Detail, "."))
			}
		}
		// Every value needs a separator or a bracket (or a field, a line).
		n := 1 + strings.Count(s, ",") + strings.Count(s, "[") + strings.Count(s, "{") + strings.Count(s, "\n")
		if n > maxElements {
			return errTooLarge{name: name, what: "possible elements in the document", n: n}
		}
	}
	return nil
}

// formatVerb matches a verb's flags, argument index, width and precision.
var formatVerb = regexp.MustCompile(`%[-+# 0]*(?:\[[0-9]+\])?([0-9]*)(?:\.([0-9]*))?`)

// padding bounds what the widths and precisions of a format string's
// verbs can add. ok is false past maxBytes.
func padding(f string) (int, bool) {
	total := 0
	for _, m := range formatVerb.FindAllStringSubmatch(f, -1) {
		for _, d := range m[1:] {
			if len(d) > 9 {
				return 0, false
			}
			n, _ := strconv.Atoi(d)
			total = addCap(total, n)
		}
	}
	return total, total <= maxBytes
}

// addCap and mulCap saturate instead of overflowing.
func addCap(a, b int) int {
	if a > math.MaxInt-b {
		return math.MaxInt
	}
	return a + b
}

func mulCap(a, b int) int {
	if a != 0 && b > math.MaxInt/a {
		return math.MaxInt
	}
	return a * b
}
