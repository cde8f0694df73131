// Package benchdata is what the benchmarks share: a realistic evidence set
// grown from the example workspace's GitHub snapshot (examples/acme), and
// the process CPU clock every benchmark reports beside wall time. It is
// imported by tests and the bench-table tool only.
package benchdata

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/rampart-audit/rampart/internal/evidence"
)

// Acme is the example's GitHub evidence (examples/acme/evidence/github.json)
// grown to repos repositories and members members: each clone is one of the
// example's repositories or members, decoded afresh from the file so it has
// the same attributes, nesting and unknowns (the data-pipeline repository's
// 403 reasons among them), renamed <name>-<n>. The organisation and the
// workflows are kept once, as in the example. A generated set with a few
// flat attributes flatters the engine; this one has the shapes the controls
// meet in a real organisation.
func Acme(exampleDir string, repos, members int) (*evidence.Snapshot, error) {
	path := filepath.Join(exampleDir, "evidence", "github.json")
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read the example's evidence: %w", err)
	}
	base, err := evidence.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var repoIdx, memberIdx []int
	for i, r := range base.Resources {
		switch r.Type {
		case evidence.TypeGitHubRepository:
			repoIdx = append(repoIdx, i)
		case evidence.TypeGitHubMember:
			memberIdx = append(memberIdx, i)
		}
	}
	if len(repoIdx) == 0 || len(memberIdx) == 0 {
		return nil, fmt.Errorf("%s: no repositories or members to grow the set from", path)
	}
	out := *base
	out.Resources = nil
	for _, r := range base.Resources {
		if r.Type != evidence.TypeGitHubRepository && r.Type != evidence.TypeGitHubMember {
			out.Resources = append(out.Resources, r)
		}
	}
	fresh := base
	grow := func(n int, from []int, rename func(r *evidence.Resource, suffix string)) error {
		for i := range n {
			if i > 0 && i%len(from) == 0 {
				// Each clone gets its own attribute maps: the engine and
				// the report may hold them after the set is built.
				if fresh, err = evidence.Decode(data); err != nil {
					return err
				}
			}
			r := fresh.Resources[from[i%len(from)]]
			rename(&r, fmt.Sprintf("-%d", i))
			out.Resources = append(out.Resources, r)
		}
		return nil
	}
	err = grow(repos, repoIdx, func(r *evidence.Resource, suffix string) {
		name := r.Scope.Repo + suffix
		r.ID, r.Scope.Repo = "github.com/"+r.Scope.Org+"/"+name, name
		r.Attributes["name"], r.Attributes["full_name"] = name, r.Scope.Org+"/"+name
	})
	if err != nil {
		return nil, err
	}
	fresh = base
	if fresh, err = evidence.Decode(data); err != nil {
		return nil, err
	}
	err = grow(members, memberIdx, func(r *evidence.Resource, suffix string) {
		login, _ := r.Attributes["login"].(string)
		login += suffix
		r.ID, r.Attributes["login"] = "github.com/"+r.Scope.Org+"/members/"+login, login
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Encoded is Acme written as a snapshot file's bytes.
func Encoded(snap *evidence.Snapshot) ([]byte, error) {
	var buf bytes.Buffer
	if err := evidence.Encode(&buf, snap); err != nil {
		return nil, fmt.Errorf("encode the benchmark snapshot: %w", err)
	}
	return buf.Bytes(), nil
}

// CPU is the CPU time (user + system) this process has used so far, every
// thread and the garbage collector included. Go has no per-goroutine CPU
// clock; a benchmark that runs one operation at a time takes the
// difference around it.
func CPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		// Linux always answers; a figure without CPU time must not be
		// printed as if it had one.
		panic(fmt.Sprintf("getrusage: %v", err))
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Measure runs op once and returns its wall and CPU time.
func Measure(op func()) (wall, cpu time.Duration) {
	c0, t0 := CPU(), time.Now()
	op()
	return time.Since(t0), CPU() - c0
}

// LoadAverage is the one-minute load average from /proc/loadavg, "" where
// there is none: every figure is reported with how busy the machine was.
func LoadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := bytes.Fields(data)
	if len(f) == 0 {
		return ""
	}
	return string(f[0])
}

// LoadAverageValue is LoadAverage as a number, for b.ReportMetric; -1 where
// there is none.
func LoadAverageValue() float64 {
	l, err := strconv.ParseFloat(LoadAverage(), 64)
	if err != nil {
		return -1
	}
	return l
}
