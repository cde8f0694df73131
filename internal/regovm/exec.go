package regovm

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/ir"
	"github.com/open-policy-agent/opa/v1/metrics"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/topdown/builtins"
	"github.com/open-policy-agent/opa/v1/topdown/cache"
	"github.com/open-policy-agent/opa/v1/topdown/print"
	"github.com/open-policy-agent/opa/v1/util"
)

// How a statement ends, as the planner's blocks and breaks mean it (OPA's
// Wasm compiler is the reference: one block label per IR block):
//
//   - next (-1): the statement held, run the next one;
//   - n ≥ 0: leave n blocks beyond the one holding the statement: 0 leaves
//     that block (an undefined statement does this), 1 its parent too.
//
// A block returns what ended it in the same terms, seen from its parent
// statement: next when it ran to its end, 0 when a break (or an undefined
// statement) left it, n > 0 when the break reaches further.
const next = -1

// checkEvery is how many statements run between two looks at the context:
// often enough that a cancelled or timed-out evaluation stops within
// microseconds, seldom enough to cost nothing measurable.
const checkEvery = 1 << 10

var (
	trueTerm  = ast.BooleanTerm(true)
	falseTerm = ast.BooleanTerm(false)
)

// memoEntry is a rule without arguments, evaluated once per evaluation
// (and per `with` scope), as topdown's virtual-document cache keeps it.
type memoEntry struct {
	done bool
	val  *ast.Term // nil: undefined
}

// state is one evaluation's: the frames of the functions, the memo, the
// result set. States are pooled per program and cleared between uses.
type state struct {
	p      *program
	ctx    context.Context
	done   <-chan struct{}
	cancel topdown.Cancel
	steps  int
	frames [][]*ast.Term
	active []bool
	memo   []memoEntry
	plan   []*ast.Term
	result []*ast.Term
	// rows are the results of a RunVars evaluation, the values of the
	// result shape's variables one row after the other (resultRowStmt);
	// rowCount counts them, as a query without variables has empty rows.
	rows     []*ast.Term
	rowCount int

	bctx   topdown.BuiltinContext
	strict bool
	// out collects a built-in's output (outputs, for a relation).
	out      *ast.Term
	outs     []*ast.Term
	outCount int
	relation bool
	iter     func(*ast.Term) error
	// args is the built-ins' operand buffer (call).
	args []*ast.Term
}

func newState(p *program) *state {
	s := &state{
		p:      p,
		frames: make([][]*ast.Term, len(p.funcs)),
		active: make([]bool, len(p.funcs)),
		memo:   make([]memoEntry, len(p.funcs)),
		plan:   make([]*ast.Term, p.frameSize),
	}
	for i, f := range p.funcs {
		s.frames[i] = make([]*ast.Term, f.size)
	}
	s.iter = s.output
	return s
}

func (s *state) output(t *ast.Term) error {
	s.outCount++
	if s.relation {
		s.outs = append(s.outs, t)
		return nil
	}
	if s.outCount == 1 {
		s.out = t
	}
	return nil
}

// reset drops everything an evaluation left, so a pooled state keeps no
// input alive and the next evaluation starts clean.
func (s *state) reset() {
	clear(s.plan)
	for _, f := range s.frames {
		clear(f)
	}
	clear(s.active)
	clear(s.memo)
	clear(s.result)
	s.result = s.result[:0]
	clear(s.rows)
	s.rows, s.rowCount = s.rows[:0], 0
	s.ctx, s.done, s.cancel, s.steps = nil, nil, nil, 0
	s.bctx = topdown.BuiltinContext{}
	s.out, s.outs = nil, nil
}

// Eval implements rego.TargetPluginEval.
func (p *program) Eval(ctx context.Context, ectx *rego.EvalContext, runtime ast.Value) (ast.Value, error) {
	in := ectx.ParsedInput()
	if raw := ectx.RawInput(); in == nil && raw != nil {
		// rego converts a raw input for topdown only: do as it does.
		ptr := util.Reference(raw)
		if err := util.RoundTripFast(ptr); err != nil {
			return nil, err
		}
		v, err := ast.InterfaceToValue(*ptr)
		if err != nil {
			return nil, err
		}
		in = v
	}
	opts := RunOptions{
		Input:                       in,
		Time:                        ectx.Time(),
		StrictBuiltinErrors:         ectx.StrictBuiltinErrors(),
		Seed:                        ectx.Seed(),
		Cancel:                      ectx.ExternalCancel(),
		Metrics:                     ectx.Metrics(),
		InterQueryBuiltinCache:      ectx.InterQueryBuiltinCache(),
		InterQueryBuiltinValueCache: ectx.InterQueryBuiltinValueCache(),
		NDBuiltinCache:              ectx.NDBCache(),
		PrintHook:                   ectx.PrintHook(),
		Capabilities:                ectx.Capabilities(),
	}
	if runtime != nil {
		opts.Runtime = ast.NewTerm(runtime)
	}
	return p.run(ctx, opts)
}

// RunOptions is what one evaluation is given: the input, the clock, and
// what topdown's BuiltinContext carries to the built-ins.
type RunOptions struct {
	Input                       ast.Value
	Time                        time.Time // zero: now
	StrictBuiltinErrors         bool
	Seed                        io.Reader // nil: crypto/rand, as topdown
	Cancel                      topdown.Cancel
	Runtime                     *ast.Term
	Metrics                     metrics.Metrics
	InterQueryBuiltinCache      cache.InterQueryCache
	InterQueryBuiltinValueCache cache.InterQueryValueCache
	NDBuiltinCache              builtins.NDBCache
	PrintHook                   print.Hook
	Capabilities                *ast.Capabilities
}

// Run evaluates the prepared query outside rego's Eval: the result set as
// an ast.Set of objects {variable: value}, what Eval hands rego. It is for
// a caller that evaluates one query very many times and reads the result
// itself (internal/engine): rego's per-evaluation context and its
// conversion of every result into bindings and expression values are then
// work nobody reads.
func (p *Program) Run(ctx context.Context, opts RunOptions) (ast.Value, error) {
	return (*program)(p).run(ctx, opts)
}

// Program is a query prepared for this target, for Run.
type Program program

type captureKey struct{}

// Capture returns a context under which this target's PrepareForEval also
// stores the program it prepares in *dst, for Run: rego keeps the prepared
// target to itself.
func Capture(ctx context.Context, dst **Program) context.Context {
	return context.WithValue(ctx, captureKey{}, dst)
}

func (p *program) run(ctx context.Context, opts RunOptions) (ast.Value, error) {
	s := p.pool.Get().(*state)
	defer func() {
		s.reset()
		p.pool.Put(s)
	}()
	if err := s.evaluate(ctx, opts, p.blocks); err != nil {
		return nil, err
	}
	return ast.NewSet(s.result...), nil
}

// evaluate runs blocks, the plan's or the result shape's (RunVars), on a
// clean state s, leaving what they add in s.result or s.rows.
func (s *state) evaluate(ctx context.Context, opts RunOptions, blocks []*ir.Block) (err error) {
	p := s.p
	if p.loaded {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("%s target: the loaded plan broke at evaluation: %v", Name, r)
			}
		}()
	}
	s.ctx, s.done = ctx, ctx.Done()
	now := opts.Time
	if now.IsZero() {
		now = time.Now()
	}
	seed := opts.Seed
	if seed == nil {
		seed = rand.Reader // topdown's default
	}
	s.strict = opts.StrictBuiltinErrors
	// Built-ins that can run long (numbers.range, regex.replace, …) watch
	// a topdown.Cancel, not the context: cancel it when the context ends,
	// as topdown's query does.
	cancel := opts.Cancel
	if cancel == nil {
		cancel = topdown.NewCancel()
	}
	stop := context.AfterFunc(ctx, cancel.Cancel)
	defer stop()
	s.cancel = cancel
	s.bctx = topdown.BuiltinContext{
		Context:                     ctx,
		Metrics:                     opts.Metrics,
		Seed:                        seed,
		Time:                        ast.NumberTerm(int64ToJSONNumber(now.UnixNano())),
		Cancel:                      cancel,
		Runtime:                     opts.Runtime,
		Cache:                       builtins.Cache{},
		InterQueryBuiltinCache:      opts.InterQueryBuiltinCache,
		InterQueryBuiltinValueCache: opts.InterQueryBuiltinValueCache,
		NDBuiltinCache:              opts.NDBuiltinCache,
		PrintHook:                   opts.PrintHook,
		Capabilities:                opts.Capabilities,
	}
	if opts.Input != nil {
		s.plan[ir.Input] = ast.NewTerm(opts.Input)
	}
	s.plan[ir.Data] = p.data
	for _, b := range blocks {
		if _, err := s.run(b, s.plan); err != nil {
			return err
		}
	}
	return nil
}

// run executes a block's statements in frame f (see next).
func (s *state) run(b *ir.Block, f []*ast.Term) (int, error) {
	for _, stmt := range b.Stmts {
		s.steps++
		if s.steps&(checkEvery-1) == 0 {
			select {
			case <-s.done:
				return 0, cancelled(s.ctx)
			default:
			}
			if s.cancel.Cancelled() {
				return 0, cancelled(s.ctx)
			}
		}
		brk, err := s.exec(stmt, f)
		if err != nil {
			return 0, err
		}
		if brk != next {
			return brk, nil
		}
	}
	return next, nil
}

func int64ToJSONNumber(i int64) json.Number { return json.Number(strconv.FormatInt(i, 10)) }

func cancelled(ctx context.Context) error {
	e := &topdown.Error{Code: topdown.CancelErr, Message: "caller cancelled query execution"}
	if err := context.Cause(ctx); err != nil && !errors.Is(err, context.Canceled) {
		e.Message = err.Error()
	}
	return e
}

func (s *state) operand(o ir.Operand, f []*ast.Term) *ast.Term {
	switch v := o.Value.(type) {
	case ir.Local:
		return f[v]
	case ir.StringIndex:
		return s.p.strings[v]
	case ir.Bool:
		if v {
			return trueTerm
		}
		return falseTerm
	}
	return nil
}

// undefined is how a statement that does not hold ends: it leaves its block.
const undefined = 0

func (s *state) exec(stmt ir.Stmt, f []*ast.Term) (int, error) {
	switch st := stmt.(type) {
	case *ir.DotStmt:
		src, key := s.operand(st.Source, f), s.operand(st.Key, f)
		if src == nil || key == nil {
			return undefined, nil
		}
		v := dot(src, key)
		if v == nil {
			return undefined, nil
		}
		f[st.Target] = v
	case *ir.CallStmt:
		return s.call(st, f)
	case *ir.AssignVarStmt:
		// Undefined is copied as any value is (an absent input is saved
		// and restored around a `with` this way).
		f[st.Target] = s.operand(st.Source, f)
	case *ir.AssignVarOnceStmt:
		v := s.operand(st.Source, f)
		if v == nil {
			return undefined, nil
		}
		if old := f[st.Target]; old != nil {
			if !old.Equal(v) {
				return 0, s.conflict(st.Location, false)
			}
			return next, nil
		}
		f[st.Target] = v
	case *ir.EqualStmt:
		a, b := s.operand(st.A, f), s.operand(st.B, f)
		if a == nil || b == nil || !a.Equal(b) {
			return undefined, nil
		}
	case *ir.NotEqualStmt:
		a, b := s.operand(st.A, f), s.operand(st.B, f)
		if a == nil || b == nil || a.Equal(b) {
			return undefined, nil
		}
	case *ir.BlockStmt:
		for _, b := range st.Blocks {
			r, err := s.run(b, f)
			if err != nil {
				return 0, err
			}
			if r > 0 {
				return r - 1, nil
			}
		}
	case *ir.ScanStmt:
		return s.scan(st, f)
	case *ir.NotStmt:
		r, err := s.run(st.Block, f)
		switch {
		case err != nil:
			return 0, err
		case r == next:
			return undefined, nil
		case r > 0:
			return r - 1, nil
		}
	case *ir.IsDefinedStmt:
		if f[st.Source] == nil {
			return undefined, nil
		}
	case *ir.IsUndefinedStmt:
		if f[st.Source] != nil {
			return undefined, nil
		}
	case *ir.ResetLocalStmt:
		f[st.Target] = nil
	case *ir.MakeObjectStmt:
		f[st.Target] = ast.NewTerm(ast.NewObject())
	case *ir.MakeSetStmt:
		f[st.Target] = ast.NewTerm(ast.NewSet())
	case *ir.MakeArrayStmt:
		f[st.Target] = ast.NewTerm(ast.NewArrayWithCapacity(int(st.Capacity)))
	case *ir.MakeNullStmt:
		f[st.Target] = ast.InternedNullTerm
	case *ir.MakeNumberIntStmt:
		f[st.Target] = ast.InternedTerm(int(st.Value))
	case *ir.AssignIntStmt:
		f[st.Target] = ast.InternedTerm(int(st.Value))
	case *ir.MakeNumberRefStmt:
		f[st.Target] = s.p.numbers[st.Index]
	case *ir.IsArrayStmt:
		if v := s.operand(st.Source, f); v == nil || !isArray(v) {
			return undefined, nil
		}
	case *ir.IsObjectStmt:
		if v := s.operand(st.Source, f); v == nil || !isObject(v) {
			return undefined, nil
		}
	case *ir.IsSetStmt:
		if v := s.operand(st.Source, f); v == nil || !isSet(v) {
			return undefined, nil
		}
	case *ir.LenStmt:
		v := s.operand(st.Source, f)
		if v == nil {
			return undefined, nil
		}
		n, ok := length(v)
		if !ok {
			return undefined, nil
		}
		f[st.Target] = ast.InternedTerm(n)
	case *ir.ArrayAppendStmt:
		v := s.operand(st.Value, f)
		arr, ok := f[st.Array].Value.(*ast.Array)
		if v == nil || !ok {
			return undefined, nil
		}
		if s.p.isShared(arr) {
			return 0, s.mutates(st.Location)
		}
		// In place: the array is the one MakeArray gave this local, not
		// yet read by anything (the planner appends before any use).
		*arr = *arr.Append(v)
	case *ir.SetAddStmt:
		v := s.operand(st.Value, f)
		set, ok := f[st.Set].Value.(ast.Set)
		if v == nil || !ok {
			return undefined, nil
		}
		if s.p.isShared(set) && !set.Contains(v) {
			return 0, s.mutates(st.Location)
		}
		set.Add(v)
	case *ir.ObjectInsertStmt:
		k, v := s.operand(st.Key, f), s.operand(st.Value, f)
		obj, ok := f[st.Object].Value.(ast.Object)
		if k == nil || v == nil || !ok {
			return undefined, nil
		}
		if s.p.isShared(obj) {
			return 0, s.mutates(st.Location)
		}
		obj.Insert(k, v)
	case *ir.ObjectInsertOnceStmt:
		k, v := s.operand(st.Key, f), s.operand(st.Value, f)
		obj, ok := f[st.Object].Value.(ast.Object)
		if k == nil || v == nil || !ok {
			return undefined, nil
		}
		if old := obj.Get(k); old != nil {
			if !old.Equal(v) {
				return 0, s.keyConflict(st.Location)
			}
			return next, nil
		}
		if s.p.isShared(obj) {
			return 0, s.mutates(st.Location)
		}
		obj.Insert(k, v)
	case *ir.ObjectMergeStmt:
		a, b := f[st.A], f[st.B]
		if a == nil || b == nil {
			return undefined, nil
		}
		oa, okA := a.Value.(ast.Object)
		ob, okB := b.Value.(ast.Object)
		if !okA || !okB {
			return 0, s.keyConflict(st.Location)
		}
		merged, ok := oa.Merge(ob)
		if !ok {
			return 0, s.keyConflict(st.Location)
		}
		f[st.Target] = ast.NewTerm(merged)
	case *ir.WithStmt:
		return s.with(st, f)
	case *ir.BreakStmt:
		return int(st.Index), nil
	case *ir.ReturnLocalStmt:
		// The function's result is read from its return local by the caller.
	case *ir.ResultSetAddStmt:
		if v := f[st.Value]; v != nil {
			s.result = append(s.result, v)
		}
	case *ir.CallDynamicStmt:
		return s.callDynamic(st, f)
	case *ir.NopStmt:
	case *constStmt:
		for i, l := range st.targets {
			f[l] = st.values[i]
		}
	case *resultRowStmt:
		// The MakeObject, ObjectInserts and ResultSetAdd it stands for:
		// an undefined value leaves the block as its ObjectInsert would,
		// before anything is added.
		start := len(s.rows)
		for _, o := range st.values {
			v := s.operand(o, f)
			if v == nil {
				clear(s.rows[start:])
				s.rows = s.rows[:start]
				return undefined, nil
			}
			s.rows = append(s.rows, v)
		}
		s.rowCount++
	}
	return next, nil
}

func isArray(t *ast.Term) bool  { _, ok := t.Value.(*ast.Array); return ok }
func isObject(t *ast.Term) bool { _, ok := t.Value.(ast.Object); return ok }
func isSet(t *ast.Term) bool    { _, ok := t.Value.(ast.Set); return ok }

func length(t *ast.Term) (int, bool) {
	switch v := t.Value.(type) {
	case *ast.Array:
		return v.Len(), true
	case ast.Object:
		return v.Len(), true
	case ast.Set:
		return v.Len(), true
	case ast.String:
		return len([]rune(string(v))), true
	}
	return 0, false
}

// dot looks key up in src as a reference does: an object's value, an
// array's element at an integer index, a set's member itself.
func dot(src, key *ast.Term) *ast.Term {
	switch v := src.Value.(type) {
	case ast.Object:
		return v.Get(key)
	case *ast.Array:
		return v.Get(key)
	case ast.Set:
		if v.Contains(key) {
			return key
		}
	}
	return nil
}

func (s *state) scan(st *ir.ScanStmt, f []*ast.Term) (int, error) {
	src := f[st.Source]
	if src == nil {
		return undefined, nil
	}
	// r: what the body's run says; stop: leave the loop with res.
	res, stop := next, false
	body := func(k, v *ast.Term) error {
		f[st.Key], f[st.Value] = k, v
		r, err := s.run(st.Block, f)
		if err != nil {
			return err
		}
		switch {
		case r == next || r == 0:
		case r == 1:
			stop = true
		default:
			res, stop = r-2, true
		}
		return nil
	}
	switch v := src.Value.(type) {
	case *ast.Array:
		for i := 0; i < v.Len() && !stop; i++ {
			if err := body(ast.InternedTerm(i), v.Elem(i)); err != nil {
				return 0, err
			}
		}
	case ast.Object:
		for _, k := range v.Keys() {
			if stop {
				break
			}
			if err := body(k, v.Get(k)); err != nil {
				return 0, err
			}
		}
	case ast.Set:
		for _, e := range v.Slice() {
			if stop {
				break
			}
			if err := body(e, e); err != nil {
				return 0, err
			}
		}
	}
	return res, nil
}

func (s *state) with(st *ir.WithStmt, f []*ast.Term) (int, error) {
	// The value may be undefined: the planner saves an absent input and
	// puts it back with a `with` of its own around what the original sees.
	v := s.operand(st.Value, f)
	if v == nil && len(st.Path) > 0 {
		return undefined, nil
	}
	saved := f[st.Local]
	path := make([]*ast.Term, len(st.Path))
	for i, p := range st.Path {
		path[i] = s.p.strings[p]
	}
	f[st.Local] = upsert(saved, path, v)
	// A `with` changes what every rule may see: its scope has a memo of
	// its own, and the one outside is back when it ends.
	outer := s.memo
	s.memo = make([]memoEntry, len(s.p.funcs))
	r, err := s.run(st.Block, f)
	s.memo = outer
	f[st.Local] = saved
	switch {
	case err != nil:
		return 0, err
	case r == next:
		return next, nil
	case r == 0:
		return undefined, nil
	default:
		return r - 1, nil
	}
}

// upsert returns base with value at path, base itself unchanged; missing
// or non-object nodes on the way become objects.
func upsert(base *ast.Term, path []*ast.Term, value *ast.Term) *ast.Term {
	if len(path) == 0 {
		return value
	}
	obj := ast.NewObject()
	if base != nil {
		if o, ok := base.Value.(ast.Object); ok {
			o.Foreach(func(k, v *ast.Term) { obj.Insert(k, v) })
		}
	}
	obj.Insert(path[0], upsert(obj.Get(path[0]), path[1:], value))
	return ast.NewTerm(obj)
}

func (s *state) callDynamic(st *ir.CallDynamicStmt, f []*ast.Term) (int, error) {
	parts := make([]string, len(st.Path))
	for i, p := range st.Path {
		t := s.operand(p, f)
		if t == nil {
			return undefined, nil
		}
		str, ok := t.Value.(ast.String)
		if !ok {
			return undefined, nil
		}
		parts[i] = string(str)
	}
	fn, ok := s.p.dynamic[joinPath(parts)]
	if !ok {
		return undefined, nil
	}
	if len(st.Args) != len(fn.fn.Params) {
		return undefined, nil
	}
	args := make([]*ast.Term, len(st.Args))
	for i, a := range st.Args {
		args[i] = f[a]
	}
	v, err := s.callFunc(fn, args)
	if err != nil {
		return 0, err
	}
	if v == nil {
		return undefined, nil
	}
	f[st.Result] = v
	return next, nil
}

func joinPath(parts []string) string {
	n := 0
	for _, p := range parts {
		n += len(p) + 1
	}
	b := make([]byte, 0, n)
	for i, p := range parts {
		if i > 0 {
			b = append(b, '.')
		}
		b = append(b, p...)
	}
	return string(b)
}

func (s *state) call(st *ir.CallStmt, f []*ast.Term) (int, error) {
	c := s.p.calls[st]
	var v *ast.Term
	var err error
	switch {
	case c.fn != nil && c.fn.memo:
		v, err = s.callMemo(c.fn, s.operand(st.Args[0], f), s.operand(st.Args[1], f))
	case c.fn != nil:
		v, err = s.callWith(c.fn, st.Args, f)
	default:
		// The arguments go in a buffer the state reuses: built-ins do not
		// keep their operand slice (topdown hands them a fresh one, but
		// none holds on to it), and they never call back into the plan.
		// OPA's non-deterministic built-in cache would keep it (as an
		// array's elements), so with one the slice is the call's own.
		args := s.args[:0]
		if s.bctx.NDBuiltinCache != nil {
			args = make([]*ast.Term, 0, len(st.Args))
		}
		for _, a := range st.Args {
			t := s.operand(a, f)
			if t == nil {
				return undefined, nil
			}
			args = append(args, t)
		}
		v, err = s.builtin(c, st, args)
		clear(args)
		s.args = args[:0]
	}
	if err != nil {
		return 0, err
	}
	if v == nil {
		return undefined, nil
	}
	f[st.Result] = v
	return next, nil
}

// callWith calls a function with arguments, its operands read from the
// caller's frame straight into the callee's.
func (s *state) callWith(fn *function, ops []ir.Operand, caller []*ast.Term) (*ast.Term, error) {
	frame, owned := s.frame(fn)
	for i, p := range fn.fn.Params {
		frame[p] = s.operand(ops[i], caller)
	}
	v, err := s.body(fn, frame)
	if owned {
		s.active[fn.index] = false
	}
	return v, err
}

func (s *state) callMemo(fn *function, input, data *ast.Term) (*ast.Term, error) {
	if m := &s.memo[fn.index]; m.done {
		return m.val, nil
	}
	v, err := s.callFunc(fn, []*ast.Term{input, data})
	if err != nil {
		return nil, err
	}
	s.memo[fn.index] = memoEntry{done: true, val: v}
	return v, nil
}

// callFunc runs a plan function on args; nil is undefined.
func (s *state) callFunc(fn *function, args []*ast.Term) (*ast.Term, error) {
	frame, owned := s.frame(fn)
	for i, p := range fn.fn.Params {
		frame[p] = args[i]
	}
	v, err := s.body(fn, frame)
	if owned {
		s.active[fn.index] = false
	}
	return v, err
}

// frame is a function's frame, cleared. Rego has no recursion, so a
// function is never active twice and keeps one frame per state; the check
// is there so a plan that did recurse would still run right. owned: the
// caller marks the function inactive again when it returns.
func (s *state) frame(fn *function) (frame []*ast.Term, owned bool) {
	if s.active[fn.index] {
		return make([]*ast.Term, fn.size), false
	}
	s.active[fn.index] = true
	frame = s.frames[fn.index]
	clear(frame)
	return frame, true
}

func (s *state) body(fn *function, frame []*ast.Term) (*ast.Term, error) {
	for _, b := range fn.blocks {
		if _, err := s.run(b, frame); err != nil {
			return nil, err
		}
	}
	return frame[fn.fn.Return], nil
}

func (s *state) location(loc ir.Location) *ast.Location {
	l := &ast.Location{Row: loc.Row, Col: loc.Col}
	if loc.File >= 0 && loc.File < len(s.p.files) {
		l.File = s.p.files[loc.File]
	}
	return l
}

// conflict is topdown's error for a rule or function with two values.
func (s *state) conflict(loc ir.Location, function bool) error {
	msg := "complete rules must not produce multiple outputs"
	if function {
		msg = "functions must not produce multiple outputs for same inputs"
	}
	return &topdown.Error{Code: topdown.ConflictErr, Location: s.location(loc), Message: msg}
}

func (s *state) keyConflict(loc ir.Location) error {
	return &topdown.Error{Code: topdown.ConflictErr, Location: s.location(loc), Message: "object keys must be unique"}
}

// builtin calls a built-in as topdown does (evalBuiltin): the output, nil
// when it gave none (undefined); an error of the built-in is the
// evaluation's error under strict built-in errors and undefined otherwise,
// a Halt always the evaluation's.
func (s *state) builtin(c callee, st *ir.CallStmt, args []*ast.Term) (*ast.Term, error) {
	s.out, s.outs, s.outCount, s.relation = nil, nil, 0, c.relation
	s.bctx.Location = c.location
	err := c.builtin(s.bctx, args, s.iter)
	if err != nil {
		if halt, ok := err.(topdown.Halt); ok {
			return nil, halt.Err
		}
		err = builtinError(c.name, s.bctx.Location, err)
		if s.strict {
			return nil, err
		}
		return nil, nil
	}
	if c.relation {
		return ast.NewTerm(ast.NewArray(s.outs...)), nil
	}
	if s.outCount > 1 {
		return nil, &topdown.Error{Code: topdown.InternalErr, Location: s.bctx.Location, Message: c.name + ": more than one output from a built-in that is not a relation"}
	}
	if s.outCount == 1 && s.out == nil {
		return trueTerm, nil // a void built-in (print) held
	}
	return s.out, nil
}

// builtinError is topdown's handleBuiltinErr.
func builtinError(name string, loc *ast.Location, err error) error {
	code := topdown.BuiltinErr
	switch err.(type) {
	case *topdown.Error, topdown.Halt:
		return err
	case builtins.ErrOperand:
		code = topdown.TypeErr
	}
	return (&topdown.Error{Code: code, Message: name + ": " + err.Error(), Location: loc}).Wrap(err)
}
