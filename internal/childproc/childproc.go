// Package childproc runs part of rampart in a child process — this same
// executable, re-run with Env set — under a memory limit, so that untrusted
// input that exhausts memory kills the child, not the run. Two parts use
// it: untrusted Rego controls (internal/engine/sandbox.go) and the
// evaluation of a pull request's Terraform (internal/terraform/child.go).
//
// main and the TestMain of every test package that starts children
// dispatch on Kind before anything else.
package childproc

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"time"
)

// Env names the kind of child the process is: Eval or Terraform.
const Env = "RAMPART_CHILD"

// The kinds of child.
const (
	Eval      = "eval"
	Terraform = "terraform"
)

// ExitMemory is a child's exit code when its heap watchdog fires.
const ExitMemory = 86

// Kind returns the kind of child this process is, or "" for none.
func Kind() string { return os.Getenv(Env) }

// Command returns the command that starts a child of kind under
// memoryLimit bytes (0: none). The child sees nothing of the parent's
// environment: no tokens to leak.
func Command(ctx context.Context, kind string, memoryLimit int64) (*exec.Cmd, error) {
	if Kind() != "" {
		return nil, fmt.Errorf("a %s child may not start another", Kind())
	}
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("find the rampart executable: %w", err)
	}
	// -test.run=^$ makes a test binary without the hook run no tests (its
	// output then fails to decode); rampart ignores the argument.
	cmd := exec.CommandContext(ctx, exe, "-test.run=^$")
	cmd.Env = []string{Env + "=" + kind}
	if memoryLimit > 0 {
		cmd.Env = append(cmd.Env, fmt.Sprintf("GOMEMLIMIT=%d", memoryLimit))
	}
	return cmd, nil
}

// LimitMemory makes the Go runtime collect harder near the limit and
// stops the process (ExitMemory) once the heap passes it anyway; on Linux
// the address space is capped as well (limit_linux.go), which stops an
// allocation too large to wait for the watchdog. who names the child in
// the message on stderr.
func LimitMemory(limit int64, stderr io.Writer, who string) {
	if limit <= 0 {
		return
	}
	debug.SetMemoryLimit(limit)
	capAddressSpace(limit)
	go func() {
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		for range time.Tick(10 * time.Millisecond) {
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 && int64(sample[0].Value.Uint64()) > limit {
				fmt.Fprintf(stderr, "%s: memory limit of %d MiB exceeded\n", who, limit>>20)
				os.Exit(ExitMemory)
			}
		}
	}()
}

// OutOfMemory reports whether a child that exited with code died of its
// memory limit: the watchdog's exit code, or the Go runtime's death under
// RLIMIT_AS (a failed heap allocation, or in race detector builds a failed
// shadow or arena reservation) as its stderr shows.
func OutOfMemory(code int, stderr string) bool {
	if code == ExitMemory {
		return true
	}
	for _, s := range []string{"out of memory", "cannot allocate memory", "address space collisions", "failed to allocate"} {
		if strings.Contains(stderr, s) {
			return true
		}
	}
	return false
}

// LastLine returns ": " and the last line of a child's stderr, or "".
func LastLine(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if i := strings.LastIndex(s, "\n"); i >= 0 {
		s = s[i+1:]
	}
	return ": " + s
}

// LimitedBuffer keeps the first Max bytes written to it: a child's stderr
// may be as large as the child likes.
type LimitedBuffer struct {
	Buf bytes.Buffer
	Max int
}

func (l *LimitedBuffer) Write(p []byte) (int, error) {
	if room := l.Max - l.Buf.Len(); room > 0 {
		l.Buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}
