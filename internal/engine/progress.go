package engine

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/types"
)

// markName is the built-in that opens a control's section of a batch
// query. Only the engine's generated queries declare it: control modules
// are compiled without it, so a control cannot call it to shift blame.
const markName = "rampart.batch_mark"

// progressKey carries a batch evaluation's *progress in its context, where
// the mark built-in finds it.
type progressKey struct{}

// progress tracks which control of a batch is running and gives each one
// its own time limit, from the mark opening its section. A mark only
// records its section and the time it started; one timer per evaluation,
// armed at the first mark, checks when it fires whether the section then
// running has had its full limit, and re-arms for the rest of it if not.
// Resetting the timer at every mark did the same with a timer-heap update
// per control per resource, which was a fifth of a batch's CPU time on
// the acme set (docs/architecture.md, "Where the engine's time goes").
type progress struct {
	mu       sync.Mutex
	current  int
	timedOut int
	fired    bool
	stopped  bool
	limit    time.Duration
	// base is when the evaluation's first mark ran; since is when the
	// current section started, as an offset from base (a monotonic
	// reading: time.Since(base) costs less than a time.Time per mark).
	base   time.Time
	since  time.Duration
	timer  *time.Timer
	cancel context.CancelFunc
	// resetEachMark restores the timer reset at every mark, the engine
	// before this change: the "before" of BenchmarkEvaluate's marks switch.
	resetEachMark bool
}

func (p *progress) mark(i int) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.fired {
		return fmt.Errorf("control %d: time limit reached", p.timedOut)
	}
	p.current = i
	switch {
	case p.timer == nil:
		p.base = time.Now()
		p.since = 0
		p.timer = time.AfterFunc(p.limit, p.expire)
	case p.resetEachMark:
		p.timer.Reset(p.limit)
	default:
		p.since = time.Since(p.base)
	}
	return nil
}

// expire runs when the timer fires: the section running then is out of
// time if it started a full limit ago; otherwise the timer is re-armed
// for what is left of its limit.
func (p *progress) expire() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped {
		return // the evaluation ended while the timer fired
	}
	if !p.resetEachMark {
		if left := p.limit - (time.Since(p.base) - p.since); left > 0 {
			p.timer.Reset(left)
			return
		}
	}
	p.fired, p.timedOut = true, p.current
	p.cancel()
}

// culprit is the control whose limit ran out, or -1.
func (p *progress) culprit() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.fired {
		return -1
	}
	return p.timedOut
}

func (p *progress) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stopped = true
	if p.timer != nil {
		p.timer.Stop()
	}
}

var markDecl = &rego.Function{
	Name:             markName,
	Decl:             types.NewFunction(types.Args(types.N), types.B),
	Nondeterministic: true, // never fold or cache it: it must run at its place in the query
}

// batchCapabilities are the controls' capabilities plus the mark, for the
// generated batch queries only.
func batchCapabilities() *ast.Capabilities {
	caps := Capabilities()
	caps.Builtins = append(caps.Builtins, &ast.Builtin{Name: markDecl.Name, Decl: markDecl.Decl, Nondeterministic: true})
	return caps
}

var markBuiltin = rego.Function1(markDecl, func(bctx rego.BuiltinContext, a *ast.Term) (*ast.Term, error) {
	p, ok := bctx.Context.Value(progressKey{}).(*progress)
	if !ok {
		return nil, fmt.Errorf("%s outside a batch evaluation", markName)
	}
	n, ok := a.Value.(ast.Number)
	if !ok {
		return nil, fmt.Errorf("%s: want a number", markName)
	}
	i, ok := n.Int()
	if !ok {
		return nil, fmt.Errorf("%s: want an integer", markName)
	}
	if err := p.mark(i); err != nil {
		return nil, err
	}
	return ast.BooleanTerm(true), nil
})
