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
// its own time limit: every mark restarts the timer, and the timer that
// fires cancels the query and remembers whose section it was.
type progress struct {
	mu       sync.Mutex
	current  int
	timedOut int
	fired    bool
	limit    time.Duration
	timer    *time.Timer
	cancel   context.CancelFunc
}

func (p *progress) mark(i int) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.fired {
		return fmt.Errorf("control %d: time limit reached", p.timedOut)
	}
	p.current = i
	if p.timer == nil {
		p.timer = time.AfterFunc(p.limit, p.expire)
	} else {
		p.timer.Reset(p.limit)
	}
	return nil
}

func (p *progress) expire() {
	p.mu.Lock()
	defer p.mu.Unlock()
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

var markBuiltin = rego.Function1(markDecl, mark)

// mark is the batch mark's implementation: control a's section begins.
func mark(bctx rego.BuiltinContext, a *ast.Term) (*ast.Term, error) {
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
}
