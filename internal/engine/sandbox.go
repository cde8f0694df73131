package engine

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/rampart-audit/rampart/internal/childproc"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
)

// A control's time limit does not bound its memory, and some built-ins
// cannot be interrupted at all (compiling a regular expression of 100,000
// groups runs for minutes; numbers.range allocates its whole array at
// once). An untrusted control is therefore evaluated in a child process —
// this same executable, re-run with ChildEnv set to childproc.Eval — under
// a memory limit and a watchdog (internal/childproc). If the child dies or
// is killed, every result of that control is an error naming the limit,
// and the run goes on.

// ChildEnv, set to childproc.Eval, makes the executable an evaluation
// child: main and the TestMain of every test package that evaluates
// untrusted controls call RunChild when IsChild reports true, before
// anything else.
const ChildEnv = childproc.Env

// DefaultMemoryLimit bounds an evaluation child's heap.
const DefaultMemoryLimit = 1 << 30

// childStartup is how much CPU time a child may take to start and compile
// its control before the first evaluation's limit starts counting.
const childStartup = 10 * time.Second

// childGrace is added to each evaluation's time limit for the watchdog: the
// child enforces the limit itself, so the watchdog only catches the
// built-ins that cannot be interrupted. Both count the child's CPU time
// (childproc.Budget), with a wall-clock backstop for a child that waits.
const childGrace = time.Second

// WithMemoryLimit sets the memory limit of an untrusted control's child.
func WithMemoryLimit(bytes int64) Option { return func(e *Engine) { e.memoryLimit = bytes } }

// IsChild reports whether this process was started as an evaluation child.
func IsChild() bool { return childproc.Kind() == childproc.Eval }

type childRequest struct {
	Modules     map[string]string `json:"modules"`
	Control     string            `json:"control"`
	Timeout     time.Duration     `json:"timeout"`
	MemoryLimit int64             `json:"memory_limit"`
	Now         time.Time         `json:"now"`
	Inputs      []map[string]any  `json:"inputs"`
}

// childResult is one line of the child's output, one per input in order.
type childResult struct {
	Deny     any    `json:"deny"`
	Unknown  any    `json:"unknown"`
	Error    string `json:"error,omitempty"`
	TimedOut bool   `json:"timed_out,omitempty"`
	// Ready is the first line alone: the control compiled.
	Ready bool `json:"ready,omitempty"`
}

// childModules keeps what a child needs to compile an untrusted control:
// the untrusted modules and every library module.
func childModules(mods []Module) map[string]string {
	out := map[string]string{}
	for _, m := range mods {
		pkg := strings.TrimPrefix(m.Module.Package.Path.String(), "data.")
		if m.Untrusted || pkg == LibraryPackage || strings.HasPrefix(pkg, LibraryPackage+".") {
			out[m.File] = m.Raw
		}
	}
	return out
}

// evaluateUntrusted evaluates each untrusted control over the resources
// of its types, each control in a child of its own, as many at once as
// there are workers.
func (e *Engine) evaluateUntrusted(ctx context.Context, resources []evidence.Resource, run runState, now time.Time) []finding.Finding {
	if len(e.untrusted) == 0 {
		return nil
	}
	results := make([][]finding.Finding, len(e.untrusted))
	sem := make(chan struct{}, max(e.workers, 1))
	var wg sync.WaitGroup
	for i, ctl := range e.untrusted {
		var rs []evidence.Resource
		for _, r := range resources {
			if ctl.AppliesTo(r.Type) {
				rs = append(rs, r)
			}
		}
		if len(rs) == 0 {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			results[i] = e.evaluateInChild(ctx, ctl, rs, run, now)
		}()
	}
	wg.Wait()
	var out []finding.Finding
	for _, fs := range results {
		out = append(out, fs...)
	}
	return out
}

func (e *Engine) evaluateInChild(ctx context.Context, ctl *Control, rs []evidence.Resource, run runState, now time.Time) []finding.Finding {
	e.hook([]*Control{ctl})
	req := childRequest{Modules: e.childModules, Control: ctl.ID, Timeout: e.timeout, MemoryLimit: e.memoryLimit, Now: now}
	// A subject a relation blocks is not sent: its result is the block's.
	blocks := make([]*blocked, len(rs))
	var sent []int
	for i, r := range rs {
		in := run.env.input(r)
		if len(ctl.Related) > 0 {
			var related map[string]any
			switch {
			case run.idxErr != nil:
				blocks[i] = &blocked{finding.Error, run.idxErr.Error()}
			case run.idx == nil:
				blocks[i] = &blocked{finding.Error, "related resources were not indexed"}
			default:
				related, blocks[i] = run.idx.relateJSON(r, ctl.Related)
			}
			if blocks[i] != nil {
				continue
			}
			in["related"] = related
		}
		sent = append(sent, i)
		req.Inputs = append(req.Inputs, in)
	}
	var lines []childResult
	var err error
	if len(sent) > 0 {
		lines, err = e.runChild(ctx, req)
	}
	out := make([]finding.Finding, len(rs))
	line := 0
	for i, r := range rs {
		f := newFinding(ctl, r)
		if b := blocks[i]; b != nil {
			f.Status, f.Message = b.status, b.message
			out[i] = f
			continue
		}
		j := line
		line++
		switch {
		case err != nil:
			// A child that died may have written some results; a control
			// that took the process down is not believed for any resource.
			f.Status, f.Message = finding.Error, fmt.Sprintf("control %s %v", ctl.ID, err)
		case lines[j].TimedOut:
			f.Status, f.Message = finding.Error, fmt.Sprintf("evaluation exceeded the CPU time limit of %s", e.timeout)
		case lines[j].Error != "":
			f.Status, f.Message = finding.Error, "evaluate: "+lines[j].Error
		default:
			f = classify(f, lines[j].Deny, lines[j].Unknown, r)
		}
		out[i] = f
	}
	return out
}

// runChild starts the child, sends the request and reads one result per
// input. The watchdog allows childStartup until the child says it is
// ready, and the time limit plus childGrace for each result after that; when it fires, or the
// child dies, the error says which limit was exceeded.
func (e *Engine) runChild(ctx context.Context, req childRequest) ([]childResult, error) {
	if IsChild() {
		return nil, errors.New("could not be evaluated: an evaluation child may not start another")
	}
	body, err := json.Marshal(req)
	if err != nil {
		return nil, fmt.Errorf("could not be evaluated: encode its input: %w", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd, err := childproc.Command(ctx, childproc.Eval, req.MemoryLimit)
	if err != nil {
		return nil, fmt.Errorf("could not be evaluated: %w", err)
	}
	cmd.Stdin = bytes.NewReader(body)
	stderr := &childproc.LimitedBuffer{Max: 64 << 10}
	cmd.Stderr = stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("could not be evaluated: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("could not be evaluated: start the evaluation child: %w", err)
	}
	// The watchdog counts the child's CPU time, not the wall clock: on a
	// machine shared with other jobs a child gets a fraction of a core, and
	// a wall-clock limit would stop a memory bomb before it reached its
	// memory limit, or a slow but honest control (childproc.Budget).
	watchdog := childproc.StartBudget(cmd.Process.Pid, childStartup, cancel)
	defer watchdog.Stop()
	var lines []childResult
	sc := bufio.NewScanner(stdout)
	sc.Buffer(make([]byte, 64<<10), 64<<20)
	var decodeErr error
	ready := false
	for sc.Scan() && len(lines) < len(req.Inputs) {
		var res childResult
		if err := json.Unmarshal(sc.Bytes(), &res); err != nil || res.Ready == ready {
			decodeErr = fmt.Errorf("decode result %d: %q: %v", len(lines), truncate(sc.Text()), err)
			cancel()
			break
		}
		if res.Ready {
			ready = true
		} else {
			lines = append(lines, res)
		}
		watchdog.Reset(req.Timeout + childGrace)
	}
	_, _ = io.Copy(io.Discard, stdout)
	waitErr := cmd.Wait()
	watchdog.Stop()
	timedOut := watchdog.Exhausted()
	var exit *exec.ExitError
	switch {
	case timedOut:
		return nil, fmt.Errorf("exceeded the CPU time limit of %s (the evaluation process was killed)", req.Timeout)
	case errors.As(waitErr, &exit) && childproc.OutOfMemory(exit.ExitCode(), stderr.Buf.String()):
		return nil, fmt.Errorf("exceeded the memory limit of %d MiB (the evaluation process was stopped)", req.MemoryLimit>>20)
	case ctx.Err() != nil && decodeErr == nil:
		return nil, fmt.Errorf("could not be evaluated: %w", ctx.Err())
	case waitErr != nil:
		return nil, fmt.Errorf("could not be evaluated: the evaluation process failed: %v%s", waitErr, childproc.LastLine(stderr.Buf.String()))
	case decodeErr != nil:
		return nil, fmt.Errorf("could not be evaluated: %w", decodeErr)
	case len(lines) != len(req.Inputs):
		return nil, fmt.Errorf("could not be evaluated: the evaluation process returned %d of %d results%s", len(lines), len(req.Inputs), childproc.LastLine(stderr.Buf.String()))
	}
	return lines, nil
}

func truncate(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}

// RunChild is the evaluation child: it limits its own memory, reads one
// request from stdin, compiles the control and writes one result line per
// input to stdout. It returns the process exit code.
func RunChild(stdin io.Reader, stdout, stderr io.Writer) int {
	var req childRequest
	// Numbers stay json.Number, as in the parent: decoded as float64 an
	// integer past 2^53 (an account ID, a nanosecond SLA) would change.
	dec := json.NewDecoder(stdin)
	dec.UseNumber()
	if err := dec.Decode(&req); err != nil {
		fmt.Fprintf(stderr, "evaluation child: read request: %v\n", err)
		return 2
	}
	childproc.LimitMemory(req.MemoryLimit, stderr, "evaluation child")
	ctx := context.Background()
	mods := make([]Module, 0, len(req.Modules))
	for name, src := range req.Modules {
		m, err := ast.ParseModuleWithOpts(name, src, ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		if err != nil {
			fmt.Fprintf(stderr, "evaluation child: parse %s: %v\n", name, err)
			return 2
		}
		mods = append(mods, Module{File: name, Module: m, Raw: src})
	}
	if errs := Check(mods).Errors(); len(errs) > 0 {
		fmt.Fprintf(stderr, "evaluation child: %v\n", errs)
		return 2
	}
	e := &Engine{timeout: req.Timeout, workers: 1, now: func() time.Time { return req.Now }}
	if _, err := e.build(ctx, mods); err != nil {
		fmt.Fprintf(stderr, "evaluation child: %v\n", err)
		return 2
	}
	lq, ok := e.prepared[req.Control]
	if !ok {
		fmt.Fprintf(stderr, "evaluation child: no control %s\n", req.Control)
		return 2
	}
	pq, err := lq.get()
	if err != nil {
		fmt.Fprintf(stderr, "evaluation child: %v\n", err)
		return 2
	}
	w := bufio.NewWriter(stdout)
	enc := json.NewEncoder(w)
	if enc.Encode(childResult{Ready: true}) != nil || w.Flush() != nil {
		return 2
	}
	for _, in := range req.Inputs {
		if err := enc.Encode(e.evalChildInput(ctx, pq, in, req.Now)); err != nil {
			fmt.Fprintf(stderr, "evaluation child: write result: %v\n", err)
			return 2
		}
		// Each line resets the parent's watchdog: send it now.
		if err := w.Flush(); err != nil {
			return 2
		}
	}
	return 0
}

func (e *Engine) evalChildInput(ctx context.Context, pq rego.PreparedEvalQuery, in map[string]any, now time.Time) childResult {
	input, err := ast.InterfaceToValue(in)
	if err != nil {
		return childResult{Error: fmt.Sprintf("convert resource to Rego input: %v", err)}
	}
	// The child evaluates one control at a time: its own CPU time is the
	// evaluation's, which the machine's other jobs do not shorten.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	budget := childproc.StartBudget(os.Getpid(), e.timeout, cancel)
	rs, err := pq.Eval(ctx, rego.EvalParsedInput(input), rego.EvalTime(now))
	budget.Stop()
	switch {
	case err != nil && budget.Exhausted():
		return childResult{TimedOut: true}
	case err != nil:
		return childResult{Error: err.Error()}
	case len(rs) != 1:
		return childResult{Error: "query returned no result"}
	}
	// The parent reads JSON: the evaluator's terms go back as their values.
	deny, derr := termJSON(rs[0].Bindings["deny"])
	unknown, uerr := termJSON(rs[0].Bindings["unknown"])
	if err := errors.Join(derr, uerr); err != nil {
		return childResult{Error: err.Error()}
	}
	return childResult{Deny: deny, Unknown: unknown}
}

// termJSON is a binding as a JSON value: a term keepTerm handed over is
// converted, anything else is already one.
func termJSON(v any) (any, error) {
	if t, ok := v.(*ast.Term); ok {
		return ast.JSON(t.Value)
	}
	return v, nil
}
