// Command benchtable runs the benchmarks behind the README's performance
// section and prints the section's tables in Markdown, with the machine
// they ran on and its load. Every figure it prints is a benchmark metric
// measured with its baseline in the same iterations (internal/benchdata):
//
//	go run ./internal/benchtable            # make bench
//	go run ./internal/benchtable -100k      # and the 100,000-repository audit
//	go run ./internal/benchtable -only gate # one section
//
// It runs `go test -bench` in the module root (the current folder) and
// fails, printing the benchmark's output, when a benchmark fails or a
// metric a table needs is missing: a table with a hole would be a claim
// without its measurement.
package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/rampart-audit/rampart/internal/benchdata"
)

// column is one cell of a row: a benchmark metric (by its unit) shown with
// a format.
type column struct {
	header, unit, format string
}

// section is one table: a benchmark run and the columns of its rows, one
// row per (sub-)benchmark.
type section struct {
	name, title, pkg, bench, benchtime string
	rowHeader                          string
	columns                            []column
	// command is what the README shows to reproduce the table.
	command string
}

func sections(with100k bool) []section {
	audit := "BenchmarkAudit$"
	if with100k {
		audit = "BenchmarkAudit$|BenchmarkAuditHundredThousand"
	}
	return []section{
		{
			name: "engine", title: "Engine: pairs (control, resource) per CPU-second against the naive `rego.New(...).Eval` per resource per control, the engine before issue 16's engine round, the engine as of commit 13a37ff and the engine of today on topdown instead of the IR evaluator",
			pkg: "./internal/engine/", bench: "BenchmarkEvaluate$", benchtime: "1x", rowHeader: "set / workers",
			columns: []column{
				{"pairs", "pairs", "%.0f"},
				{"rampart pairs/CPU-s", "rampart-pairs/cpu-s", "%.0f"},
				{"naive pairs/CPU-s", "naive-pairs/cpu-s", "%.0f"},
				{"CPU naive/rampart", "naive/rampart-cpu-x", "%.2f×"},
				{"wall naive/rampart", "naive/rampart-wall-x", "%.2f×"},
				{"before pairs/CPU-s", "before-pairs/cpu-s", "%.0f"},
				{"CPU before/rampart", "before/rampart-cpu-x", "%.2f×"},
				{"13a37ff pairs/CPU-s", "today-pairs/cpu-s", "%.0f"},
				{"CPU 13a37ff/rampart", "today/rampart-cpu-x", "%.2f×"},
				{"topdown pairs/CPU-s", "topdown-pairs/cpu-s", "%.0f"},
				{"CPU topdown/rampart", "topdown/rampart-cpu-x", "%.2f×"},
				{"rampart wall", "rampart-wall-ms", "%.0f ms"},
				{"load", "load-avg", "%.1f"},
			},
		},
		{
			name: "lazy", title: "Engine: unknown sets only where deny is empty, against evaluating both (one worker each)",
			pkg: "./internal/engine/", bench: "BenchmarkEvaluateLazyUnknown", benchtime: "3x", rowHeader: "set",
			columns: []column{
				{"lazy pairs/CPU-s", "lazy-pairs/cpu-s", "%.0f"},
				{"eager pairs/CPU-s", "eager-pairs/cpu-s", "%.0f"},
				{"CPU eager/lazy", "eager/lazy-cpu-x", "%.2f×"},
				{"load", "load-avg", "%.1f"},
			},
		},
		{
			name: "gate", title: "Gate, process start to exit, against the gate at the start of this round (commit 34ff907), at the start of the third gate round (commit 80b6fb8), before issue 16's gate rounds (commit 177fec1) and conftest's structure (policies compiled once, one query per file per rule)",
			pkg: "./internal/gate/", bench: "BenchmarkGate$", benchtime: "3x", rowHeader: "repository",
			columns: []column{
				{"rampart wall", "rampart-wall-ms", "%.0f ms"},
				{"rampart CPU", "rampart-cpu-s", "%.2f s"},
				{"rampart peak RSS", "rampart-peak-rss-MB", "%.0f MB"},
				{"34ff907 wall", "round-wall-ms", "%.0f ms"},
				{"34ff907 CPU", "round-cpu-s", "%.2f s"},
				{"34ff907 peak RSS", "round-peak-rss-MB", "%.0f MB"},
				{"CPU 34ff907/rampart", "round/rampart-cpu-x", "%.2f×"},
				{"wall 34ff907/rampart", "round/rampart-wall-x", "%.2f×"},
				{"80b6fb8 wall", "third-wall-ms", "%.0f ms"},
				{"80b6fb8 CPU", "third-cpu-s", "%.2f s"},
				{"80b6fb8 peak RSS", "third-peak-rss-MB", "%.0f MB"},
				{"CPU 80b6fb8/rampart", "third/rampart-cpu-x", "%.2f×"},
				{"before wall", "before-wall-ms", "%.0f ms"},
				{"before CPU", "before-cpu-s", "%.2f s"},
				{"CPU before/rampart", "before/rampart-cpu-x", "%.2f×"},
				{"conftest-shaped wall", "naive-wall-ms", "%.0f ms"},
				{"conftest-shaped CPU", "naive-cpu-s", "%.2f s"},
				{"CPU ratio", "naive/rampart-cpu-x", "%.2f×"},
				{"wall ratio", "naive/rampart-wall-x", "%.2f×"},
				{"load", "load-avg", "%.1f"},
			},
		},
		{
			name: "audit", title: "Audit of the example grown to N repositories and N/10 members, process start to exit, JSON report written; baselines the audit at 80b6fb8 (the start of issue 16's audit-targets round, built from that commit), RAMPART_BASELINE=1 (results and report as before issue 16's changes), RAMPART_BASELINE=2 (results held as before this round: whole until merged, merged twice, no memory limit) and GOGC=100 (the audit before GC tuning)",
			pkg: "./internal/cli/", bench: audit, benchtime: "1x", rowHeader: "repositories",
			columns: []column{
				{"wall", "wall-s", "%.1f s"},
				{"CPU", "cpu-s", "%.1f s"},
				{"peak RSS", "peak-rss-MB", "%.0f MB"},
				{"live heap/resource", "live-KB/res", "%.1f KB"},
				{"max live heap/resource (gctrace)", "max-live-KB/res", "%.1f KB"},
				{"80b6fb8 max live heap/resource", "start-max-live-KB/res", "%.1f KB"},
				{"80b6fb8 wall", "start-wall-s", "%.1f s"},
				{"80b6fb8 CPU", "start-cpu-s", "%.1f s"},
				{"80b6fb8 peak RSS", "start-peak-rss-MB", "%.0f MB"},
				{"wall 80b6fb8/now", "start/rampart-wall-x", "%.2f×"},
				{"CPU 80b6fb8/now", "start/rampart-cpu-x", "%.2f×"},
				{"peak RSS 80b6fb8/now", "start/rampart-rss-x", "%.2f×"},
				{"baseline wall", "baseline-wall-s", "%.1f s"},
				{"baseline CPU", "baseline-cpu-s", "%.1f s"},
				{"baseline peak RSS", "baseline-peak-rss-MB", "%.0f MB"},
				{"CPU baseline/now", "baseline/rampart-cpu-x", "%.2f×"},
				{"before-round wall", "before-wall-s", "%.1f s"},
				{"before-round CPU", "before-cpu-s", "%.1f s"},
				{"before-round peak RSS", "before-peak-rss-MB", "%.0f MB"},
				{"CPU before/now", "before/rampart-cpu-x", "%.2f×"},
				{"peak RSS before/now", "before/rampart-rss-x", "%.2f×"},
				{"GOGC=100 wall", "gogc100-wall-s", "%.1f s"},
				{"GOGC=100 CPU", "gogc100-cpu-s", "%.1f s"},
				{"GOGC=100 peak RSS", "gogc100-peak-rss-MB", "%.0f MB"},
				{"CPU GOGC=100/tuned", "gogc100/tuned-cpu-x", "%.2f×"},
				{"load", "load-avg", "%.1f"},
			},
		},
		{
			name: "json", title: "JSON report: 50,000 findings redacted and written as the audit does (Lookup(\"json\")) against the same before issue 16 (redact.Value, encoding/json per finding)",
			pkg: "./internal/report/", bench: "BenchmarkWriteJSON", benchtime: "5x", rowHeader: "benchmark",
			columns: []column{
				{"rampart CPU", "rampart-cpu-ms", "%.0f ms"},
				{"before CPU", "before-cpu-ms", "%.0f ms"},
				{"CPU ratio", "before/rampart-cpu-x", "%.2f×"},
				{"findings only, json.Indent loop", "json.Indent-cpu-ms", "%.0f ms"},
				{"load", "load-avg", "%.1f"},
			},
		},
	}
}

func main() {
	with100k := flag.Bool("100k", false, "also run the 100,000-repository audit (minutes, gigabytes)")
	only := flag.String("only", "", "run one section: engine, lazy, gate, audit, json")
	flag.Parse()
	if err := run(context.Background(), os.Stdout, os.Stderr, *with100k, *only); err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, out, log io.Writer, with100k bool, only string) error {
	var picked []section
	for _, s := range sections(with100k) {
		if only == "" || only == s.name {
			picked = append(picked, s)
		}
	}
	if len(picked) == 0 {
		return fmt.Errorf("-only %q: no such section", only)
	}
	loadBefore := benchdata.LoadAverage()
	var body strings.Builder
	for _, s := range picked {
		fmt.Fprintf(log, "benchtable: %s: go test -run '^$' -bench '%s' -benchtime %s %s\n", s.name, s.bench, s.benchtime, s.pkg)
		rows, raw, err := runSection(ctx, s)
		if err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		// The raw lines as each section ends: a long run interrupted
		// later keeps what it measured.
		fmt.Fprint(log, raw)
		if err := writeTable(&body, s, rows); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	fmt.Fprintf(out, "Machine: %s; %s, load average %s before and %s after.\n\n", machine(), time.Now().UTC().Format("2 Jan 2006"), loadBefore, benchdata.LoadAverage())
	_, err := io.WriteString(out, body.String())
	return err
}

// row is one benchmark line: its name below the top-level benchmark and
// its metrics by unit.
type row struct {
	name    string
	metrics map[string]float64
}

func runSection(ctx context.Context, s section) (rows []row, raw string, err error) {
	cmd := exec.CommandContext(ctx, "go", "test", "-run", "^$", "-bench", s.bench, "-benchtime", s.benchtime, "-timeout", "120m", s.pkg)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, "", fmt.Errorf("go test: %w\n%s%s", err, stdout.String(), stderr.String())
	}
	rows, err = parse(stdout.Bytes())
	if err != nil {
		return nil, "", fmt.Errorf("%w\n%s", err, stdout.String())
	}
	if len(rows) == 0 {
		return nil, "", fmt.Errorf("no benchmark ran\n%s", stdout.String())
	}
	return rows, stdout.String(), nil
}

// parse reads `go test -bench` output: Benchmark<Name>[/sub]-<procs>, the
// iteration count, then value–unit pairs.
func parse(data []byte) ([]row, error) {
	var rows []row
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") || len(f)%2 != 0 {
			continue
		}
		name := f[0]
		if i := strings.LastIndexByte(name, '-'); i > 0 {
			name = name[:i]
		}
		if _, sub, ok := strings.Cut(name, "/"); ok {
			name = sub
		}
		r := row{name: name, metrics: map[string]float64{}}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return nil, fmt.Errorf("%s: metric %q: %w", f[0], f[i+1], err)
			}
			r.metrics[f[i+1]] = v
		}
		rows = append(rows, r)
	}
	return rows, sc.Err()
}

func writeTable(w *strings.Builder, s section, rows []row) error {
	fmt.Fprintf(w, "**%s**\n\n```sh\ngo test -run '^$' -bench '%s' -benchtime %s %s\n```\n\n", s.title, s.bench, s.benchtime, s.pkg)
	fmt.Fprintf(w, "| %s |", s.rowHeader)
	for _, c := range s.columns {
		fmt.Fprintf(w, " %s |", c.header)
	}
	w.WriteString("\n|---|")
	for range s.columns {
		w.WriteString("---:|")
	}
	w.WriteString("\n")
	for _, r := range rows {
		fmt.Fprintf(w, "| %s |", r.name)
		for _, c := range s.columns {
			v, ok := r.metrics[c.unit]
			if !ok {
				return fmt.Errorf("benchmark %s reported no %q", r.name, c.unit)
			}
			fmt.Fprintf(w, " "+c.format+" |", v)
		}
		w.WriteString("\n")
	}
	w.WriteString("\n")
	return nil
}

// machine is nproc, the CPU model, the memory and the Go version.
func machine() string {
	model := "unknown CPU"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for line := range strings.SplitSeq(string(data), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	mem := ""
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		for line := range strings.SplitSeq(string(data), "\n") {
			if f := strings.Fields(line); len(f) >= 2 && f[0] == "MemTotal:" {
				if kb, err := strconv.ParseFloat(f[1], 64); err == nil {
					mem = fmt.Sprintf(", %.0f GiB", kb/(1<<20))
				}
			}
		}
	}
	return fmt.Sprintf("%d cores (%s)%s, %s, shared with other jobs", runtime.NumCPU(), model, mem, runtime.Version())
}
