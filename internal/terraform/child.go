package terraform

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/rampart-audit/rampart/internal/childproc"
	"github.com/rampart-audit/rampart/internal/evidence"
)

// The function caps (funcs.go) and the instance budget bound what one call
// or one expansion allocates, but nothing bounds a nested for expression:
// [for a in range(1000) : [for b in range(1000) : [for c in range(1000) :
// c]]] builds a billion values without calling any function, and a
// template's %{for} loops do the same. Estimating every expression before
// evaluating it would duplicate the evaluator. Instead the gate evaluates
// untrusted Terraform in a child process — this same executable, re-run
// with childproc.Env set to childproc.Terraform — under a memory and a
// time limit: whatever the configuration does, it can only kill the child,
// and the gate then stops with one line naming the limit (exit 2), having
// written nothing.

// DefaultMemoryLimit bounds the heap of the child evaluating Terraform.
// Real configurations need a few hundred MiB at most (about 10 KB per
// resource); 2 GiB leaves room on a standard CI runner (7 GiB).
const DefaultMemoryLimit = 2 << 30

// MemoryLimitEnv overrides DefaultMemoryLimit, in MiB (tests, small runners).
const MemoryLimitEnv = "RAMPART_TERRAFORM_MEMORY_MIB"

// DefaultTimeLimit bounds the child's run: loops that allocate nothing
// they keep (length([for …])) still cost time.
const DefaultTimeLimit = 10 * time.Minute

// Limits are what a child evaluating Terraform may use.
type Limits struct {
	Memory int64         // bytes of heap; 0 means DefaultMemoryLimit
	Time   time.Duration // 0 means DefaultTimeLimit
}

// IsChild reports whether this process was started to evaluate Terraform:
// main and the TestMain of every test package that runs the gate call
// RunChild then, before anything else.
func IsChild() bool { return childproc.Kind() == childproc.Terraform }

// childRequest is what the parent sends on the child's stdin.
type childRequest struct {
	Dir         string   `json:"dir"` // absolute
	Paths       []string `json:"paths"`
	VarFiles    []string `json:"var_files"`
	MemoryLimit int64    `json:"memory_limit"`
	// CollectorOff asks for the collector turned off while the heap is
	// small (tuneChildGC), as the child ran before issue 16's fifth gate
	// round: BenchmarkChildCollector's baseline. The gate never sets it.
	CollectorOff bool `json:"collector_off,omitempty"`
}

// childResponse is what the child writes on stdout: a Load result, as
// this envelope followed by SnapshotBytes bytes of evidence JSON.
type childResponse struct {
	// Error is Load's error; NoConfiguration says it was ErrNoConfiguration.
	Error           string      `json:"error,omitempty"`
	NoConfiguration bool        `json:"no_configuration,omitempty"`
	Diagnostics     []childDiag `json:"diagnostics,omitempty"`
	// Files are the files the diagnostics name: the parent prints their
	// source lines without parsing untrusted input itself.
	Files map[string]childFile `json:"files,omitempty"`
	// SnapshotBytes is the length of the evidence JSON that follows the
	// envelope, decoded by the strict evidence decoder; 0 is none. The
	// snapshot is most of the answer: framed after the envelope it is
	// scanned once, by evidence.Decode, where as a json.RawMessage member
	// the child's json.Marshal and the parent's json.Decoder each scanned
	// and copied it again (a third of decoding the answer at 200 files).
	SnapshotBytes int `json:"snapshot_bytes,omitempty"`
}

// childDiag is an hcl.Diagnostic without what the terraform package never
// sets on its diagnostics (Expression, EvalContext, Extra).
type childDiag struct {
	Severity hcl.DiagnosticSeverity `json:"severity"`
	Summary  string                 `json:"summary"`
	Detail   string                 `json:"detail,omitempty"`
	Subject  *hcl.Range             `json:"subject,omitempty"`
	Context  *hcl.Range             `json:"context,omitempty"`
}

type childFile struct {
	Source []byte `json:"source"`
	// Contexts are the "in resource …" headings hcl's diagnostic writer
	// prints, by the byte offset of a diagnostic's subject: they need the
	// parsed body, which stays in the child.
	Contexts map[int]string `json:"contexts,omitempty"`
}

// contextNav serves a file's headings to hcl.NewDiagnosticTextWriter as
// the parsed body would (it asks for ContextString(offset)).
type contextNav map[int]string

func (n contextNav) ContextString(offset int) string { return n[offset] }

// childError is Load's error as the child reported it.
type childError struct {
	msg      string
	noConfig bool
}

func (e *childError) Error() string { return e.msg }

func (e *childError) Is(target error) bool { return e.noConfig && target == ErrNoConfiguration }

// errOutputTooLarge stops reading a child that writes more than it could
// have held.
var errOutputTooLarge = errors.New("its output exceeds its memory limit")

// LoadInChild is Load of dir run in a child process under lim. The result
// is the one Load returns in process. A child that exceeds the memory or
// the time limit, or dies, is an error naming the limit; nothing of its
// output is used.
func LoadInChild(ctx context.Context, dir Dir, paths []string, opts Options, lim Limits) (*Result, error) {
	if lim.Memory <= 0 {
		lim.Memory = DefaultMemoryLimit
	}
	if lim.Time <= 0 {
		lim.Time = DefaultTimeLimit
	}
	abs, err := filepath.Abs(string(dir))
	if err != nil {
		return nil, fmt.Errorf("terraform: %w", err)
	}
	body, err := json.Marshal(childRequest{Dir: abs, Paths: paths, VarFiles: opts.VarFiles, MemoryLimit: lim.Memory})
	if err != nil {
		return nil, fmt.Errorf("terraform: encode the request: %w", err)
	}
	runCtx, cancel := context.WithTimeout(ctx, lim.Time)
	defer cancel()
	cmd, err := childproc.Command(runCtx, childproc.Terraform, lim.Memory)
	if err != nil {
		return nil, fmt.Errorf("terraform: %w", err)
	}
	cmd.Stdin = bytes.NewReader(body)
	stdout := &cappedBuffer{max: int(min(2*lim.Memory, 1<<40))}
	stderr := &childproc.LimitedBuffer{Max: 64 << 10}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	waitErr := cmd.Run()
	if waitErr != nil {
		return nil, childFailure(ctx, runCtx, waitErr, stderr.Buf.String(), lim)
	}
	return decodeResponse(stdout.buf.Bytes())
}

// childFailure says why the child did not finish: the parent's context
// (an interrupt) first, then the limits.
func childFailure(ctx, runCtx context.Context, waitErr error, stderr string, lim Limits) error {
	var exit *exec.ExitError
	isExit := errors.As(waitErr, &exit)
	switch {
	case ctx.Err() != nil:
		return fmt.Errorf("terraform: %w", ctx.Err())
	case errors.Is(runCtx.Err(), context.DeadlineExceeded):
		return fmt.Errorf("terraform: evaluating the configuration exceeded the time limit of %s (nested for expressions or huge collections?)", lim.Time)
	case isExit && childproc.OutOfMemory(exit.ExitCode(), stderr),
		// Killed by a signal nobody here sent: the kernel's OOM killer.
		isExit && exit.ExitCode() == -1:
		return fmt.Errorf("terraform: evaluating the configuration exceeded the memory limit of %d MiB (nested for expressions or huge collections?)", lim.Memory>>20)
	case errors.Is(waitErr, errOutputTooLarge):
		return fmt.Errorf("terraform: evaluating the configuration failed: %w", waitErr)
	}
	return fmt.Errorf("terraform: the evaluation process failed: %v%s", waitErr, childproc.LastLine(stderr))
}

// decodeResponse reads the child's answer: the envelope (childResponse,
// strictly: no unknown field), then exactly SnapshotBytes bytes of
// evidence, then nothing.
func decodeResponse(data []byte) (*Result, error) {
	var resp childResponse
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&resp); err != nil {
		return nil, fmt.Errorf("terraform: decode the evaluation process's answer: %w", err)
	}
	rest := data[dec.InputOffset():]
	switch {
	case resp.SnapshotBytes < 0 || resp.SnapshotBytes > len(rest):
		return nil, fmt.Errorf("terraform: decode the evaluation process's answer: a snapshot of %d bytes announced, %d follow", resp.SnapshotBytes, len(rest))
	case len(rest) != resp.SnapshotBytes:
		return nil, fmt.Errorf("terraform: decode the evaluation process's answer: data after it at byte offset %d", dec.InputOffset()+int64(resp.SnapshotBytes))
	case resp.SnapshotBytes > 0 && resp.Error != "":
		return nil, fmt.Errorf("terraform: decode the evaluation process's answer: both an error and a snapshot")
	}
	if resp.Error != "" {
		return nil, &childError{msg: resp.Error, noConfig: resp.NoConfiguration}
	}
	res := &Result{Files: make(map[string]*hcl.File, len(resp.Files))}
	for _, d := range resp.Diagnostics {
		res.Diagnostics = append(res.Diagnostics, &hcl.Diagnostic{Severity: d.Severity, Summary: d.Summary, Detail: d.Detail, Subject: d.Subject, Context: d.Context})
	}
	for name, f := range resp.Files {
		res.Files[name] = &hcl.File{Bytes: f.Source, Nav: contextNav(f.Contexts)}
	}
	if resp.SnapshotBytes > 0 {
		snap, err := evidence.Decode(rest)
		if err != nil {
			return nil, fmt.Errorf("terraform: decode the evaluation process's evidence: %w", err)
		}
		res.Snapshot = snap
	}
	return res, nil
}

// cappedBuffer fails the copy from the child's stdout past max bytes.
type cappedBuffer struct {
	buf bytes.Buffer
	max int
}

func (c *cappedBuffer) Write(p []byte) (int, error) {
	if c.buf.Len()+len(p) > c.max {
		return 0, errOutputTooLarge
	}
	return c.buf.Write(p)
}

// RunChild is the Terraform child: it limits its own memory, reads one
// request from stdin, runs Load and writes the result to stdout. It
// returns the process exit code.
func RunChild(stdin io.Reader, stdout, stderr io.Writer) int {
	var req childRequest
	dec := json.NewDecoder(stdin)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		fmt.Fprintf(stderr, "terraform child: read request: %v\n", err)
		return 2
	}
	childproc.LimitMemory(req.MemoryLimit, stderr, "terraform child")
	// Go's collector as it comes, under the memory limit (childgc.go says
	// why collection is no longer turned off); the process exits right
	// after answering, so nothing is restored.
	if req.CollectorOff {
		tuneChildGC(req.MemoryLimit)
	}
	res, err := Load(context.Background(), Dir(req.Dir), req.Paths, Options{VarFiles: req.VarFiles})
	resp, err := response(res, err)
	if err != nil {
		fmt.Fprintf(stderr, "terraform child: %v\n", err)
		return 2
	}
	if _, err := stdout.Write(resp); err != nil {
		fmt.Fprintf(stderr, "terraform child: write result: %v\n", err)
		return 2
	}
	return 0
}

// response encodes a Load result for the parent.
func response(res *Result, loadErr error) ([]byte, error) {
	var resp childResponse
	if loadErr != nil {
		resp.Error, resp.NoConfiguration = loadErr.Error(), errors.Is(loadErr, ErrNoConfiguration)
		return json.Marshal(resp)
	}
	resp.Files = map[string]childFile{}
	named := func(rng *hcl.Range) {
		if rng == nil {
			return
		}
		if f := res.Files[rng.Filename]; f != nil {
			if _, ok := resp.Files[rng.Filename]; !ok {
				resp.Files[rng.Filename] = childFile{Source: f.Bytes, Contexts: map[int]string{}}
			}
		}
	}
	for _, d := range res.Diagnostics {
		resp.Diagnostics = append(resp.Diagnostics, childDiag{Severity: d.Severity, Summary: d.Summary, Detail: d.Detail, Subject: d.Subject, Context: d.Context})
		named(d.Subject)
		named(d.Context)
		if d.Subject == nil {
			continue
		}
		if cf, ok := resp.Files[d.Subject.Filename]; ok {
			if nav, ok := res.Files[d.Subject.Filename].Nav.(interface{ ContextString(int) string }); ok {
				if s := nav.ContextString(d.Subject.Start.Byte); s != "" {
					cf.Contexts[d.Subject.Start.Byte] = s
				}
			}
		}
	}
	if res.Snapshot == nil {
		return json.Marshal(resp)
	}
	// Not evidence.Encode: it sorts, and the parent must get the snapshot
	// exactly as Load built it.
	snap, err := json.Marshal(res.Snapshot)
	if err != nil {
		return nil, fmt.Errorf("encode the evidence: %w", err)
	}
	resp.SnapshotBytes = len(snap)
	head, err := json.Marshal(resp)
	if err != nil {
		return nil, err
	}
	return append(head, snap...), nil
}
