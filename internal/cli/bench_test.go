package cli

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/rampart-audit/rampart/internal/report"
)

// BenchmarkGateMemory runs the gate in-process over one generated .tf file
// of N/2 buckets and N/2 security groups and reports what the run keeps
// alive per resource (docs/gate.md "Memory"):
//
//	go test -run '^$' -bench BenchmarkGateMemory -benchtime 1x ./internal/cli/
//
// Each iteration runs the gate twice:
//
//   - live-KB/res: the live heap after a forced collection once the report
//     is complete (just before the outputs are written), minus the live
//     heap before the run, divided by the resources mapped;
//   - peak-heap-MB: the largest heap including garbage not yet collected
//     (/memory/classes/heap/objects:bytes, sampled every 5 ms), what the
//     process's memory follows;
//   - peak-live-KB/res: from the second run, which forces a collection
//     every 20 ms: the largest live heap one of them found, minus the
//     start, per resource. Without the forced collections the figure
//     depends on when the collector happened to run.
func BenchmarkGateMemory(b *testing.B) {
	for _, n := range []int{2000, 20000} {
		dir := b.TempDir()
		writeBenchTerraform(b, filepath.Join(dir, "main.tf"), n)
		b.Run(fmt.Sprintf("resources=%d", n), func(b *testing.B) {
			b.Chdir(dir)
			var live, peakLive, peakHeap, resources float64
			for b.Loop() {
				l, _, ph, res := measureGate(b, dir, false)
				_, pl, _, _ := measureGate(b, dir, true)
				live, peakLive, peakHeap, resources = live+l, peakLive+pl, peakHeap+ph, resources+res
			}
			runs := float64(b.N)
			b.ReportMetric(live/resources/1024, "live-KB/res")
			b.ReportMetric(peakLive/resources/1024, "peak-live-KB/res")
			b.ReportMetric(peakHeap/runs/(1<<20), "peak-heap-MB")
			b.ReportMetric(resources/runs, "resources")
		})
	}
}

// measureGate runs one gate and returns the live heap at the report, the
// peak live heap and the peak heap (bytes) and the number of resources.
// forceGC collects every 20 ms, for a peak live heap that does not depend
// on the collector's timing (and a peak heap that means nothing).
func measureGate(b *testing.B, dir string, forceGC bool) (live, peakLive, peakHeap, resources float64) {
	b.Helper()
	runtime.GC()
	start := liveHeap()

	samples := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}}
	stop, sampled := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(sampled)
		every := 5 * time.Millisecond
		if forceGC {
			every = 20 * time.Millisecond
		}
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			if forceGC {
				runtime.GC()
			}
			metrics.Read(samples)
			peakLive = max(peakLive, float64(samples[0].Value.Uint64()))
			peakHeap = max(peakHeap, float64(samples[1].Value.Uint64()))
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()

	var once sync.Once
	beforeWrite = func(r *report.Report) {
		// Outputs are written side by side; measure once, before any of them.
		once.Do(func() {
			runtime.GC()
			live = liveHeap()
			resources = float64(r.Evidence.Resources)
		})
	}
	defer func() { beforeWrite = nil }()

	// The text report goes to io.Discard: a buffer would be counted as
	// the run's heap.
	var stderr bytes.Buffer
	code := Run(context.Background(), []string{"gate", "--allow-unknown",
		"--format", "json=" + filepath.Join(dir, "r.json"), "--format", "sarif=" + filepath.Join(dir, "r.sarif"),
		"--format", "markdown=" + filepath.Join(dir, "r.md"), "--format", "text", "."},
		Params{Stdout: io.Discard, Stderr: &stderr, Now: func() time.Time { return fixedNow }})
	close(stop)
	<-sampled
	// Public buckets and open SSH are expected failures: exit 1, never 2 or 3.
	if code != 1 {
		b.Fatalf("gate exit %d: %s", code, stderr.String())
	}
	if resources == 0 {
		b.Fatal("the report was never written")
	}
	return live - start, peakLive - start, peakHeap, resources
}

func liveHeap() float64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return float64(s[0].Value.Uint64())
}

// writeBenchTerraform writes n/2 buckets (every other one without a public
// access block) and n/2 security groups (every other one open to SSH) into
// one file, as the 100,000-bucket repository did.
func writeBenchTerraform(b *testing.B, path string, n int) {
	b.Helper()
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	for i := range n / 2 {
		fmt.Fprintf(w, "resource \"aws_s3_bucket\" \"b%d\" {\n  bucket = \"acme-logs-%d\"\n  tags = { team = \"t%d\", env = \"prod\" }\n}\n\n", i, i, i%7)
		if i%2 == 1 {
			fmt.Fprintf(w, "resource \"aws_s3_bucket_public_access_block\" \"b%d\" {\n  bucket = aws_s3_bucket.b%d.id\n  block_public_acls = true\n  ignore_public_acls = true\n  block_public_policy = true\n  restrict_public_buckets = true\n}\n\n", i, i)
		}
		port := 443
		if i%2 == 0 {
			port = 22
		}
		fmt.Fprintf(w, "resource \"aws_security_group\" \"sg%d\" {\n  name = \"sg-%d\"\n  vpc_id = \"vpc-1\"\n  ingress {\n    protocol = \"tcp\"\n    from_port = %d\n    to_port = %d\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n  egress {\n    protocol = \"-1\"\n    from_port = 0\n    to_port = 0\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n\n", i, i, port, port)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
}
