package terraform

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rampart-audit/rampart/internal/benchdata"
	"github.com/rampart-audit/rampart/internal/childproc"
	"github.com/rampart-audit/rampart/internal/evidence"
)

// rawResponse is the child's answer before the snapshot was framed after
// the envelope: the snapshot a json.RawMessage member, which json.Marshal
// compacted and json.Decoder scanned and copied on the way through.
type rawResponse struct {
	Error           string               `json:"error,omitempty"`
	NoConfiguration bool                 `json:"no_configuration,omitempty"`
	Diagnostics     []childDiag          `json:"diagnostics,omitempty"`
	Files           map[string]childFile `json:"files,omitempty"`
	Snapshot        json.RawMessage      `json:"snapshot,omitempty"`
}

// BenchmarkChildAnswer encodes and decodes the child's answer for a
// repository of 200 files (2,400 resources: buckets with their split
// resources, security groups), framed as now and as a RawMessage member
// as before, in the same iterations, and reports both and the ratio:
//
//	go test -run '^$' -bench BenchmarkChildAnswer -benchtime 10x ./internal/terraform/
func BenchmarkChildAnswer(b *testing.B) {
	dir := b.TempDir()
	for i := range 200 {
		var s strings.Builder
		for j := range 4 {
			fmt.Fprintf(&s, "resource \"aws_s3_bucket\" \"b%d_%d\" {\n  bucket = \"acme-%d-%d\"\n}\n", i, j, i, j)
			fmt.Fprintf(&s, "resource \"aws_s3_bucket_public_access_block\" \"b%d_%d\" {\n  bucket = aws_s3_bucket.b%d_%d.id\n  block_public_acls = true\n}\n", i, j, i, j)
			fmt.Fprintf(&s, "resource \"aws_security_group\" \"sg%d_%d\" {\n  name = \"sg-%d-%d\"\n  ingress {\n    protocol = \"tcp\"\n    from_port = 22\n    to_port = 22\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n", i, j, i, j)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%03d.tf", i)), []byte(s.String()), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	res, err := Load(context.Background(), Dir(dir), []string{"."}, Options{})
	if err != nil {
		b.Fatal(err)
	}
	framed := func() {
		data, err := response(res, nil)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := decodeResponse(data); err != nil {
			b.Fatal(err)
		}
	}
	raw := func() {
		snap, err := json.Marshal(res.Snapshot)
		if err != nil {
			b.Fatal(err)
		}
		data, err := json.Marshal(rawResponse{Snapshot: snap})
		if err != nil {
			b.Fatal(err)
		}
		var resp rawResponse
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&resp); err != nil {
			b.Fatal(err)
		}
		if _, err := evidence.Decode(resp.Snapshot); err != nil {
			b.Fatal(err)
		}
	}
	// CPU time of the process (getrusage: the collector's work included),
	// one after the other in every iteration, rotating which goes first.
	var framedCPU, rawCPU time.Duration
	turn := 0
	for b.Loop() {
		for k := range 2 {
			if (turn+k)%2 == 0 {
				_, cpu := benchdata.Measure(framed)
				framedCPU += cpu
			} else {
				_, cpu := benchdata.Measure(raw)
				rawCPU += cpu
			}
		}
		turn++
	}
	n := float64(b.N)
	b.ReportMetric(float64(framedCPU.Microseconds())/1000/n, "framed-cpu-ms")
	b.ReportMetric(float64(rawCPU.Microseconds())/1000/n, "rawmessage-cpu-ms")
	b.ReportMetric(float64(rawCPU)/float64(framedCPU), "rawmessage/framed-cpu-x")
	b.ReportMetric(benchdata.LoadAverageValue(), "load-avg")
}

// BenchmarkChildCollector runs the Terraform child as the gate does — this
// test binary re-run as the child (TestMain), the request on stdin — over
// benchdata.TerraformRepository at 20 and 200 files, with Go's collector
// as the child now leaves it and with collection off while the heap is
// small (tuneChildGC, the child before issue 16's fifth gate round), one
// after the other in every iteration, rotating which goes first. It
// reports each one's CPU time (user + system: a page the heap touches for
// the first time is system time), wall time and peak resident memory, and
// the ratios:
//
//	go test -run '^$' -bench BenchmarkChildCollector -benchtime 5x ./internal/terraform/
func BenchmarkChildCollector(b *testing.B) {
	for _, files := range []int{20, 200} {
		dir := b.TempDir()
		for i, src := range benchdata.TerraformRepository(files) {
			if err := os.WriteFile(filepath.Join(dir, benchdata.TerraformFileName(i)), src, 0o644); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(fmt.Sprintf("files=%d", files), func(b *testing.B) {
			type sum struct {
				wall, cpu time.Duration
				maxRSSKB  int64
			}
			var now, off sum
			run := func(collectorOff bool, into *sum) {
				body, err := json.Marshal(childRequest{Dir: dir, Paths: []string{"."}, MemoryLimit: DefaultMemoryLimit, CollectorOff: collectorOff})
				if err != nil {
					b.Fatal(err)
				}
				cmd, err := childproc.Command(context.Background(), childproc.Terraform, DefaultMemoryLimit)
				if err != nil {
					b.Fatal(err)
				}
				cmd.Stdin = bytes.NewReader(body)
				var stdout, stderr bytes.Buffer
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				start := time.Now()
				if err := cmd.Run(); err != nil {
					b.Fatalf("child: %v: %s", err, stderr.String())
				}
				into.wall += time.Since(start)
				into.cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
				if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
					into.maxRSSKB = max(into.maxRSSKB, ru.Maxrss)
				}
				res, err := decodeResponse(stdout.Bytes())
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Snapshot.Resources) == 0 {
					b.Fatal("the child mapped no resources")
				}
			}
			turn := 0
			for b.Loop() {
				for k := range 2 {
					if (turn+k)%2 == 0 {
						run(false, &now)
					} else {
						run(true, &off)
					}
				}
				turn++
			}
			n := float64(b.N)
			b.ReportMetric(now.cpu.Seconds()/n, "default-cpu-s")
			b.ReportMetric(float64(now.wall.Milliseconds())/n, "default-wall-ms")
			b.ReportMetric(float64(now.maxRSSKB)/1024, "default-peak-rss-MB")
			b.ReportMetric(off.cpu.Seconds()/n, "off-cpu-s")
			b.ReportMetric(float64(off.wall.Milliseconds())/n, "off-wall-ms")
			b.ReportMetric(float64(off.maxRSSKB)/1024, "off-peak-rss-MB")
			b.ReportMetric(float64(off.cpu)/float64(now.cpu), "off/default-cpu-x")
			b.ReportMetric(float64(off.wall)/float64(now.wall), "off/default-wall-x")
			b.ReportMetric(benchdata.LoadAverageValue(), "load-avg")
		})
	}
}
