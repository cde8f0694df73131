package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/rampart-audit/rampart/internal/benchdata"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/report"
)

// The audit at scale (README "Performance"): the example workspace
// (examples/acme's HCL and AWS evidence) with its GitHub evidence grown to
// N repositories and N/10 members (benchdata.Acme), audited by the rampart
// binary from process start to exit with the JSON report written, as a
// scheduled audit does:
//
//	go test -run '^$' -bench 'BenchmarkAudit$' -benchtime 2x ./internal/cli/
//	go test -run '^$' -bench 'BenchmarkAuditHundredThousand' -benchtime 1x ./internal/cli/
//
// Every iteration runs five audits, alternating the order: the binary as
// it is; the binary built from auditStartCommit (the start of the
// audit-targets round, exported with git archive as BenchmarkGate builds
// its baselines: benchdata.BuildAt), its report the same but for
// generated_at, which the benchmark checks; with RAMPART_BASELINE=1 (finding.Baseline: the engine's merge,
// linking, redaction and JSON findings as they were before issue 16's
// changes, the results and report the same, which the benchmark checks);
// with RAMPART_BASELINE=2 (finding.WholeResults: as before this round
// alone — the engine's results held whole until merged, the pipeline's
// own findings merged into a second copy, no memory limit — the report
// the same, checked too); and with GOGC=100 and no memory limit in its environment, which is Go's
// default and the audit before it tuned its collector (gcTuning). Each
// sub-benchmark also runs one audit in-process to measure the live heap
// per resource once the report is complete.

// auditStartCommit is the code at the start of issue 16's audit-targets
// round (the report's findings pointing at one shared resource reference
// instead of holding a copy each): BenchmarkAudit builds it as "start"
// and races it in the same iterations, its report checked to be the same.
const auditStartCommit = "80b6fb8"

// rampartBinaries builds cmd/rampart of the working tree and at
// auditStartCommit into a folder removed when b ends.
func rampartBinaries(b *testing.B) (bin, start string) {
	b.Helper()
	dir := b.TempDir()
	root := filepath.Join("..", "..")
	bin, start = filepath.Join(dir, "rampart"), filepath.Join(dir, "rampart-start")
	for _, build := range []struct{ commit, out string }{{"", bin}, {auditStartCommit, start}} {
		if err := benchdata.BuildAt(root, build.commit, "./cmd/rampart", build.out, dir); err != nil {
			b.Fatal(err)
		}
	}
	return bin, start
}

// scaledWorkspace writes the example's workspace with repos repositories.
func scaledWorkspace(b *testing.B, repos int) string {
	b.Helper()
	dir := b.TempDir()
	example := filepath.Join("..", "..", "examples", "acme")
	hcl, err := filepath.Glob(filepath.Join(example, "*.hcl"))
	if err != nil || len(hcl) == 0 {
		b.Fatalf("the example's HCL: %v", err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "evidence"), 0o755); err != nil {
		b.Fatal(err)
	}
	copyFile := func(from, to string) {
		data, err := os.ReadFile(from)
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(to, data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	for _, f := range hcl {
		copyFile(f, filepath.Join(dir, filepath.Base(f)))
	}
	dropNewerSettings(b, filepath.Join(dir, "governance.hcl"))
	copyFile(filepath.Join(example, "evidence", "aws.json"), filepath.Join(dir, "evidence", "aws.json"))
	snap, err := benchdata.Acme(example, repos, repos/10)
	if err != nil {
		b.Fatal(err)
	}
	data, err := benchdata.Encoded(snap)
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "evidence", "github.json"), data, 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}

// newerSettings are the example's settings the baseline binary
// (auditStartCommit) predates and would reject as unknown arguments.
// The benchmark leaves them out of the workspace every binary audits, so
// all of them judge the same input: allowed_regions only adds a comparison
// to AWS-ORG-006, which the example fails before it (no region deny on its
// root).
var newerSettings = []string{"allowed_regions"}

// dropNewerSettings removes the one-line newerSettings assignments from
// the workspace file at path.
func dropNewerSettings(b *testing.B, path string) {
	b.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	var kept []string
	for _, line := range strings.Split(string(data), "\n") {
		name, _, found := strings.Cut(strings.TrimSpace(line), "=")
		if found && slices.Contains(newerSettings, strings.TrimSpace(name)) {
			continue
		}
		kept = append(kept, line)
	}
	if err := os.WriteFile(path, []byte(strings.Join(kept, "\n")), 0o644); err != nil {
		b.Fatal(err)
	}
}

// auditRun is one audit process from start to exit.
type auditRun struct {
	wall, cpu time.Duration
	maxRSSKB  int64
	// maxLiveMB is the largest live heap any collection of the run marked
	// (GODEBUG=gctrace=1's third figure), 0 without the trace: the same
	// measure for today's binary and one built from an older commit,
	// which the in-process measure cannot run.
	maxLiveMB int64
}

func (a *auditRun) add(r auditRun) {
	a.wall += r.wall
	a.cpu += r.cpu
	a.maxRSSKB = max(a.maxRSSKB, r.maxRSSKB)
	a.maxLiveMB = max(a.maxLiveMB, r.maxLiveMB)
}

// gcTraceLive is a gctrace line's heap sizes: at start, at end, live.
var gcTraceLive = regexp.MustCompile(`(?m)^gc \d+ .* \d+->\d+->(\d+) MB`)

// maxLiveMB is the largest live heap in a gctrace, 0 when there is none.
func maxLiveMB(trace []byte) int64 {
	var most int64
	for _, m := range gcTraceLive.FindAllSubmatch(trace, -1) {
		if n, err := strconv.ParseInt(string(m[1]), 10, 64); err == nil {
			most = max(most, n)
		}
	}
	return most
}

// execAudit runs the binary over the workspace with the JSON report
// written to a file, and extra environment variables.
func execAudit(b *testing.B, bin, ws, reportName string, env ...string) auditRun {
	b.Helper()
	cmd := exec.Command(bin, "audit", ws, "--format", "json="+filepath.Join(ws, reportName))
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	r := auditRun{wall: time.Since(start)}
	var ee *exec.ExitError
	switch {
	// The example fails controls and has a scope not collected: exit 3.
	case errors.As(err, &ee) && ee.ExitCode() == 3:
	default:
		b.Fatalf("rampart audit: %v (want exit 3): %s", err, stderr.String())
	}
	r.maxLiveMB = maxLiveMB(stderr.Bytes())
	r.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.maxRSSKB = ru.Maxrss
	}
	return r
}

// liveHeapPerResource runs one audit in-process and returns the live heap
// (after a forced collection, minus the heap before the run) once the
// report is complete, per resource evaluated, and the number of resources.
func liveHeapPerResource(b *testing.B, ws string) (perResource, resources float64) {
	b.Helper()
	runtime.GC()
	start := liveHeap()
	var live float64
	var once sync.Once
	beforeWrite = func(r *report.Report) {
		once.Do(func() {
			runtime.GC()
			live = liveHeap() - start
			resources = float64(r.Evidence.Resources)
		})
	}
	defer func() { beforeWrite = nil }()
	var stderr bytes.Buffer
	code := Run(context.Background(), []string{"audit", ws, "--format", "json=" + filepath.Join(ws, "inprocess.json")},
		Params{Stdout: io.Discard, Stderr: &stderr, Now: func() time.Time { return fixedNow }})
	if code != 3 {
		b.Fatalf("in-process audit exit %d (want 3): %s", code, stderr.String())
	}
	if resources == 0 {
		b.Fatal("the report was never written")
	}
	return live / resources, resources
}

func benchAudit(b *testing.B, bin, startBin string, repos int) {
	b.Run(fmt.Sprintf("repos=%d", repos), func(b *testing.B) {
		ws := scaledWorkspace(b, repos)
		b.ResetTimer()
		var tuned, start, baseline, before, untuned auditRun
		runs := []func(){
			func() { tuned.add(execAudit(b, bin, ws, "report.json", "GODEBUG=gctrace=1")) },
			func() { start.add(execAudit(b, startBin, ws, "start.json", "GODEBUG=gctrace=1")) },
			func() { baseline.add(execAudit(b, bin, ws, "baseline.json", finding.BaselineEnv+"=1")) },
			func() { before.add(execAudit(b, bin, ws, "before.json", finding.BaselineEnv+"=2")) },
			func() { untuned.add(execAudit(b, bin, ws, "gogc100.json", "GOGC=100", "GOMEMLIMIT=off")) },
		}
		odd := false
		for b.Loop() {
			if odd {
				for i := len(runs) - 1; i >= 0; i-- {
					runs[i]()
				}
			} else {
				for _, run := range runs {
					run()
				}
			}
			odd = !odd
		}
		b.StopTimer()
		sameJudgement(b, filepath.Join(ws, "report.json"), filepath.Join(ws, "start.json"))
		sameReport(b, filepath.Join(ws, "report.json"), filepath.Join(ws, "baseline.json"))
		sameReport(b, filepath.Join(ws, "report.json"), filepath.Join(ws, "before.json"))
		perRes, resources := liveHeapPerResource(b, ws)
		n := float64(b.N)
		b.ReportMetric(tuned.wall.Seconds()/n, "wall-s")
		b.ReportMetric(tuned.cpu.Seconds()/n, "cpu-s")
		b.ReportMetric(float64(tuned.maxRSSKB)/1024, "peak-rss-MB")
		b.ReportMetric(start.wall.Seconds()/n, "start-wall-s")
		b.ReportMetric(start.cpu.Seconds()/n, "start-cpu-s")
		b.ReportMetric(float64(start.maxRSSKB)/1024, "start-peak-rss-MB")
		b.ReportMetric(float64(start.wall)/float64(tuned.wall), "start/rampart-wall-x")
		b.ReportMetric(float64(start.cpu)/float64(tuned.cpu), "start/rampart-cpu-x")
		b.ReportMetric(float64(start.maxRSSKB)/float64(tuned.maxRSSKB), "start/rampart-rss-x")
		b.ReportMetric(baseline.wall.Seconds()/n, "baseline-wall-s")
		b.ReportMetric(baseline.cpu.Seconds()/n, "baseline-cpu-s")
		b.ReportMetric(float64(baseline.maxRSSKB)/1024, "baseline-peak-rss-MB")
		b.ReportMetric(float64(baseline.wall)/float64(tuned.wall), "baseline/rampart-wall-x")
		b.ReportMetric(float64(baseline.cpu)/float64(tuned.cpu), "baseline/rampart-cpu-x")
		b.ReportMetric(before.wall.Seconds()/n, "before-wall-s")
		b.ReportMetric(before.cpu.Seconds()/n, "before-cpu-s")
		b.ReportMetric(float64(before.maxRSSKB)/1024, "before-peak-rss-MB")
		b.ReportMetric(float64(before.cpu)/float64(tuned.cpu), "before/rampart-cpu-x")
		b.ReportMetric(float64(before.maxRSSKB)/float64(tuned.maxRSSKB), "before/rampart-rss-x")
		b.ReportMetric(untuned.wall.Seconds()/n, "gogc100-wall-s")
		b.ReportMetric(untuned.cpu.Seconds()/n, "gogc100-cpu-s")
		b.ReportMetric(float64(untuned.maxRSSKB)/1024, "gogc100-peak-rss-MB")
		b.ReportMetric(float64(untuned.wall)/float64(tuned.wall), "gogc100/tuned-wall-x")
		b.ReportMetric(float64(untuned.cpu)/float64(tuned.cpu), "gogc100/tuned-cpu-x")
		b.ReportMetric(perRes/1024, "live-KB/res")
		b.ReportMetric(float64(tuned.maxLiveMB)*1024/resources, "max-live-KB/res")
		b.ReportMetric(float64(start.maxLiveMB)*1024/resources, "start-max-live-KB/res")
		b.ReportMetric(benchdata.LoadAverageValue(), "load-avg")
	})
}

// sameReport fails b unless the two JSON reports are the same but for the
// time they were generated at: the baseline must do the same work.
func sameReport(b *testing.B, a, c string) {
	b.Helper()
	read := func(path string) []byte {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		return generatedAt.ReplaceAll(data, nil)
	}
	if !bytes.Equal(read(a), read(c)) {
		b.Fatalf("%s and %s differ: the baseline did other work", a, c)
	}
}

// sameJudgement fails b unless the reports at a and c hold the same
// findings, governance, coverage and summary: everything but generated_at
// and the controls' catalogue, whose descriptions change with the
// controls between an earlier commit and today (a description is not
// work; a new control or a changed result shows in the findings).
func sameJudgement(b *testing.B, a, c string) {
	b.Helper()
	read := func(path string) map[string]json.RawMessage {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		var doc map[string]json.RawMessage
		if err := json.Unmarshal(data, &doc); err != nil {
			b.Fatalf("%s: %v", path, err)
		}
		delete(doc, "generated_at")
		delete(doc, "controls")
		return doc
	}
	x, y := read(a), read(c)
	for _, key := range slices.Sorted(maps.Keys(x)) {
		if !bytes.Equal(x[key], y[key]) {
			b.Fatalf("%s and %s differ in %q: the baseline did other work", a, c, key)
		}
	}
	if len(x) != len(y) {
		b.Fatalf("%s and %s have different members: the baseline did other work", a, c)
	}
}

var generatedAt = regexp.MustCompile(`(?m)^  "generated_at": "[^"]*",\n`)

func BenchmarkAudit(b *testing.B) {
	bin, start := rampartBinaries(b)
	for _, repos := range []int{2000, 20000} {
		benchAudit(b, bin, start, repos)
	}
}

// BenchmarkAuditHundredThousand is the linearity check, opt-in by name: a
// run takes minutes and gigabytes.
func BenchmarkAuditHundredThousand(b *testing.B) {
	bin, start := rampartBinaries(b)
	benchAudit(b, bin, start, 100000)
}
