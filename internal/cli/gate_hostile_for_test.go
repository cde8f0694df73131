package cli

import (
	"bytes"
	"context"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/terraform"
)

// Hostile pull requests that exhaust memory without calling a function:
// nested for expressions (and template %{for} loops) multiply the sizes
// of their collections, each within every cap, into a billion values. The
// gate evaluates the Terraform in a child process under a memory limit
// (terraform.LoadInChild): the child dies, the gate exits 2 with one line
// naming the limit, writes no report, and its own heap stays small.

// runEnv is run with env as the environment the command sees.
func runEnv(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, Params{Stdout: &out, Stderr: &errb, Now: func() time.Time { return fixedNow },
		Getenv: func(k string) string { return env[k] }})
	return result{code, out.String(), errb.String()}
}

// nestedFor is a billion numbers built by three nested for expressions.
const nestedFor = `[for a in range(1000) : [for b in range(1000) : [for c in range(1000) : c]]]`

// forLimitMiB keeps the test's children small and quick (a child fills
// its heap at a few tens of MB a second); the default is 2 GiB.
const forLimitMiB = 64

// parentHeapMax bounds how far the gate's own heap may grow during a case:
// compiling the controls and the workspace take some 30 MiB; evaluated in
// process, any of these configurations would pass it within a second.
const parentHeapMax = 128 << 20

var forLimitEnv = map[string]string{terraform.MemoryLimitEnv: strconv.Itoa(forLimitMiB)}

const forLimitMessage = "rampart: terraform: evaluating the configuration exceeded the memory limit of 64 MiB (nested for expressions or huge collections?)\n"

func hostileForCases() []hostileCase {
	bomb := func(name string, files map[string]string) hostileCase {
		return hostileCase{
			name:         name,
			files:        files,
			args:         []string{"terraform"},
			wantCode:     2,
			wantInStderr: []string{forLimitMessage},
			env:          forLimitEnv,
		}
	}
	return []hostileCase{
		bomb("nested for in a local", map[string]string{
			"terraform/main.tf": "locals {\n  x = " + nestedFor + "\n}\n" +
				"resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b-${length(local.x)}\"\n}\n",
		}),
		bomb("nested for in a resource argument", map[string]string{
			"terraform/main.tf": "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b-${length(" + nestedFor + ")}\"\n}\n",
		}),
		// A million copies of a megabyte: the loops, not the function, build
		// it (templatefile's result cap applies only once it is built).
		bomb("nested for in a templatefile template", map[string]string{
			"terraform/main.tf": "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n" +
				"resource \"aws_s3_bucket_policy\" \"b\" {\n  bucket = aws_s3_bucket.b.id\n" +
				"  policy = templatefile(\"${path.module}/p.tpl\", { s = format(\"%1000000s\", \"\") })\n}\n",
			"terraform/p.tpl": "%{ for a in range(1000) }%{ for b in range(1000) }${s}%{ endfor }%{ endfor }\n",
		}),
		bomb("nested for in a module input", map[string]string{
			"terraform/main.tf": "module \"m\" {\n  source = \"./mod\"\n  xs     = " + nestedFor + "\n}\n",
			"terraform/mod/main.tf": "variable \"xs\" {}\n" +
				"resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b-${length(var.xs)}\"\n}\n",
		}),
		bomb("nested for in for_each", map[string]string{
			"terraform/main.tf": "resource \"aws_s3_bucket\" \"b\" {\n  for_each = toset([for x in flatten(" + nestedFor + ") : tostring(x)])\n  bucket   = each.key\n}\n",
		}),
	}
}

// peakHeap samples this process's heap every few milliseconds until stop
// is called, which returns the largest sample.
func peakHeap() (stop func() uint64) {
	var mu sync.Mutex
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			mu.Lock()
			peak = max(peak, sample[0].Value.Uint64())
			mu.Unlock()
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		wg.Wait()
		return peak
	}
}

// TestGateHostileFor: each case exits 2 quickly with the limit named, no
// report written (runHostile fails on any file left), and the gate's own
// heap never grew past parentHeapMax.
func TestGateHostileFor(t *testing.T) {
	for _, c := range hostileForCases() {
		t.Run(c.name, func(t *testing.T) {
			stop := peakHeap()
			start := time.Now()
			sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
			metrics.Read(sample)
			before := sample[0].Value.Uint64()
			runHostile(t, c)
			peak := stop()
			require.Less(t, time.Since(start), 60*time.Second)
			require.Less(t, peak-min(peak, before), uint64(parentHeapMax), "the gate's heap grew from %d to %d bytes", before, peak)
			t.Logf("%s: %v, heap %d MiB → peak %d MiB", c.name, time.Since(start).Round(time.Millisecond), before>>20, peak>>20)
		})
	}
}

// TestGateTerraformLimitEnv: a malformed limit is a usage error naming
// the variable, not the default silently.
func TestGateTerraformLimitEnv(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n")
	t.Chdir(dir)
	for _, v := range []string{"0", "-5", "lots", "1.5"} {
		res := runEnv(t, map[string]string{terraform.MemoryLimitEnv: v}, "gate", ".")
		require.Equal(t, 2, res.code, res.stderr)
		require.True(t, strings.Contains(res.stderr, terraform.MemoryLimitEnv+": want a whole number of MiB"), res.stderr)
	}
}

// TestGateHostileForBaseline: the baseline ref is evaluated in the child
// too — a bomb committed on a branch the gate compares against stops the
// gate with the same line, prefixed by the ref, and no report.
func TestGateHostileForBaseline(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "infra/main.tf", "locals {\n  x = "+nestedFor+"\n}\n"+
		"resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b-${length(local.x)}\"\n}\n")
	git(t, dir, "init", "-q")
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "bomb")
	writeFile(t, dir, "infra/main.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n")
	before := listFiles(t, dir)
	stop := peakHeap()
	res := runEnv(t, forLimitEnv, "gate", "infra", "--baseline-ref", "HEAD", "--format", "json=r.json")
	peak := stop()
	require.Equal(t, 2, res.code, res.stderr)
	require.Contains(t, res.stderr, "rampart: baseline at HEAD: "+strings.TrimPrefix(forLimitMessage, "rampart: "))
	require.Equal(t, before, listFiles(t, dir), "no report, no temporary file")
	require.Less(t, peak, uint64(parentHeapMax), "the gate's heap reached %d bytes", peak)
}
