package terraform

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rampart-audit/rampart/internal/benchdata"
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
