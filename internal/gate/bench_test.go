package gate

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/rampart-audit/rampart/internal/benchdata"
)

// The gate's performance targets (docs/gate.md) are measured from process
// start to exit code on generated Terraform repositories, with conftest's
// structure (testdata/naive: policies compiled once, HCL → JSON, one
// rego.New(...).Eval per file per rule) run in the same benchmark as the
// baseline:
//
//	go test -run '^$' -bench BenchmarkGate -benchtime 5x ./internal/gate/

// beforeCommit is the code before issue 16's gate start-up round (lazy
// query planning, one redaction for every output, the engine's result
// handling): BenchmarkGate builds it as the "before" in the same
// iterations. It is a commit of this repository's history, read with git.
const beforeCommit = "177fec1"

// roundCommit is the code at the start of issue 16's fifth gate round
// (the embedded catalogue's batches from stored IR plans instead of
// compiled and planned on every run, the Terraform child on Go's own
// collector): the "round" of BenchmarkGate, which measures this round's
// change in the same iterations. The fourth round's start, 772c34e, was
// the round baseline before.
const roundCommit = "34ff907"

// thirdCommit is the code at the start of issue 16's third gate round
// (work outside evaluation: the Terraform child's garbage collection and
// answer, redaction, start-up; then the IR evaluator): the "third" of
// BenchmarkGate.
const thirdCommit = "80b6fb8"

// baselines are the earlier gates BenchmarkGate races, by the name its
// metrics carry, each built from its commit.
var baselines = []struct{ name, commit string }{
	{"round", roundCommit},
	{"third", thirdCommit},
	{"before", beforeCommit},
}

// binaries builds rampart, rampart at each of baselines (by name) and the
// conftest-shaped baseline into a folder removed when b ends.
func binaries(b *testing.B) (rampart string, earlier map[string]string, naive string) {
	b.Helper()
	dir := b.TempDir()
	root := filepath.Join("..", "..")
	rampart, naive = filepath.Join(dir, "rampart"), filepath.Join(dir, "naive")
	builds := []struct{ commit, out, pkg string }{
		{"", rampart, "./cmd/rampart"},
		{"", naive, "./internal/gate/testdata/naive"},
	}
	earlier = map[string]string{}
	for _, base := range baselines {
		earlier[base.name] = filepath.Join(dir, "rampart-"+base.name)
		builds = append(builds, struct{ commit, out, pkg string }{base.commit, earlier[base.name], "./cmd/rampart"})
	}
	for _, build := range builds {
		if err := benchdata.BuildAt(root, build.commit, build.pkg, build.out, dir); err != nil {
			b.Fatal(err)
		}
	}
	return rampart, earlier, naive
}

// generate writes benchdata.TerraformRepository(n) into a folder removed
// when b ends.
func generate(b *testing.B, n int) string {
	b.Helper()
	dir := b.TempDir()
	for i, src := range benchdata.TerraformRepository(n) {
		if err := os.WriteFile(filepath.Join(dir, benchdata.TerraformFileName(i)), src, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// run is one process from start to exit: its code, wall and CPU time
// (user + system: on a shared machine wall time depends on the neighbours,
// CPU time on the work done) and peak resident memory.
type run struct {
	code      int
	wall, cpu time.Duration
	maxRSSKB  int64
}

func execute(b *testing.B, dir, bin string, args ...string) run {
	b.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	start := time.Now()
	out, err := cmd.CombinedOutput()
	r := run{wall: time.Since(start)}
	if cmd.ProcessState != nil {
		r.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			r.maxRSSKB = ru.Maxrss
		}
	}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	default:
		b.Fatalf("%s: %v: %s", bin, err, out)
	}
	return r
}

// BenchmarkGate runs `rampart gate`, the gate at each of baselines
// ("round": roundCommit, "third": thirdCommit, "before": beforeCommit) and
// the conftest-shaped baseline (testdata/naive: policies compiled once,
// then one query per file per rule) from process start to exit on the same
// generated repository, one after the other in every iteration (rotating
// which goes first), and reports each and the ratios:
//
//	go test -run '^$' -bench BenchmarkGate -benchtime 5x ./internal/gate/
func BenchmarkGate(b *testing.B) {
	rampartBin, earlierBins, naiveBin := binaries(b)
	for _, files := range []int{20, 200} {
		dir := generate(b, files)
		b.Run(fmt.Sprintf("files=%d", files), func(b *testing.B) {
			var gate, naive run
			earlier := make([]run, len(baselines))
			add := func(sum *run, r run) {
				sum.wall += r.wall
				sum.cpu += r.cpu
				sum.maxRSSKB = max(sum.maxRSSKB, r.maxRSSKB)
			}
			gateRun := func(bin string, sum *run) func() {
				return func() {
					// What the GitHub Action asks for. Failures are expected
					// (open ports, unprotected repositories): exit 1, never 2 or 3.
					r := execute(b, dir, bin, "gate", "--allow-unknown",
						"--format", "sarif=/dev/null", "--format", "markdown=/dev/null", "--format", "text", ".")
					if r.code != 1 {
						b.Fatalf("%s gate exit %d", bin, r.code)
					}
					add(sum, r)
				}
			}
			naiveRun := func() {
				r := execute(b, dir, naiveBin, ".")
				if r.code > 1 {
					b.Fatalf("naive exit %d", r.code)
				}
				add(&naive, r)
			}
			contenders := []func(){gateRun(rampartBin, &gate), naiveRun}
			for i, base := range baselines {
				contenders = append(contenders, gateRun(earlierBins[base.name], &earlier[i]))
			}
			turn := 0
			for b.Loop() {
				for k := range contenders {
					contenders[(turn+k)%len(contenders)]()
				}
				turn++
			}
			n := float64(b.N)
			b.ReportMetric(float64(gate.wall.Milliseconds())/n, "rampart-wall-ms")
			b.ReportMetric(gate.cpu.Seconds()/n, "rampart-cpu-s")
			b.ReportMetric(float64(gate.maxRSSKB)/1024, "rampart-peak-rss-MB")
			for i, base := range baselines {
				e := earlier[i]
				b.ReportMetric(float64(e.wall.Milliseconds())/n, base.name+"-wall-ms")
				b.ReportMetric(e.cpu.Seconds()/n, base.name+"-cpu-s")
				b.ReportMetric(float64(e.maxRSSKB)/1024, base.name+"-peak-rss-MB")
				b.ReportMetric(float64(e.cpu)/float64(gate.cpu), base.name+"/rampart-cpu-x")
				b.ReportMetric(float64(e.wall)/float64(gate.wall), base.name+"/rampart-wall-x")
			}
			b.ReportMetric(float64(naive.wall.Milliseconds())/n, "naive-wall-ms")
			b.ReportMetric(naive.cpu.Seconds()/n, "naive-cpu-s")
			b.ReportMetric(float64(naive.cpu)/float64(gate.cpu), "naive/rampart-cpu-x")
			b.ReportMetric(float64(naive.wall)/float64(gate.wall), "naive/rampart-wall-x")
			b.ReportMetric(benchdata.LoadAverageValue(), "load-avg")
		})
	}
}
