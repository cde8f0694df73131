package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/rampart-audit/rampart/internal/benchdata"
	"github.com/rampart-audit/rampart/internal/finding"
)

// encoderIndented is the JSON report's findings as encodeStreamed wrote
// them before appendIndented: one json.Encoder with SetIndent per report,
// which marshals each finding and runs json.Indent over it.
func encoderIndented(w io.Writer, fs []finding.Finding) error {
	prefix := "    "
	var elem bytes.Buffer
	enc := json.NewEncoder(&elem)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	for i := range fs {
		elem.Reset()
		if i > 0 {
			elem.WriteByte(',')
		}
		elem.WriteString("\n" + prefix)
		if err := enc.Encode(&fs[i]); err != nil {
			return err
		}
		if _, err := w.Write(bytes.TrimSuffix(elem.Bytes(), []byte("\n"))); err != nil {
			return err
		}
	}
	return nil
}

// manyFindings is the fixture's findings repeated to n, each its own ID.
func manyFindings(n int) *Report {
	r := gateFixture()
	base := r.Findings
	r.Findings = make([]finding.Finding, 0, n)
	for i := range n {
		f := base[i%len(base)]
		f.Resource.ID = fmt.Sprintf("%s-%d", f.Resource.ID, i)
		r.Findings = append(r.Findings, f)
	}
	return r
}

// BenchmarkWriteJSON writes 50,000 findings with WriteJSON and with the
// encoder-indented loop it replaced, alternating in each iteration,
// CPU time against CPU time:
//
//	go test -run '^$' -bench BenchmarkWriteJSON -benchtime 5x ./internal/report/
func BenchmarkWriteJSON(b *testing.B) {
	r := manyFindings(50000)
	var streamed, before time.Duration
	odd := false
	for b.Loop() {
		runStreamed := func() {
			_, cpu := benchdata.Measure(func() {
				if err := WriteJSON(io.Discard, r); err != nil {
					b.Fatal(err)
				}
			})
			streamed += cpu
		}
		runBefore := func() {
			_, cpu := benchdata.Measure(func() {
				if err := encoderIndented(io.Discard, r.Findings); err != nil {
					b.Fatal(err)
				}
			})
			before += cpu
		}
		if odd {
			runBefore()
			runStreamed()
		} else {
			runStreamed()
			runBefore()
		}
		odd = !odd
	}
	n := float64(b.N)
	b.ReportMetric(float64(streamed.Milliseconds())/n, "appendIndented-cpu-ms")
	b.ReportMetric(float64(before.Milliseconds())/n, "json.Indent-cpu-ms")
	b.ReportMetric(float64(before)/float64(streamed), "json.Indent/appendIndented-cpu-x")
	b.ReportMetric(benchdata.LoadAverageValue(), "load-avg")
}

// TestEncoderIndentedIsTheOldFindings: the benchmark's baseline writes the
// same findings array WriteJSON writes, so the ratio compares like with like.
func TestEncoderIndentedIsTheOldFindings(t *testing.T) {
	t.Parallel()
	r := manyFindings(20)
	var whole, old bytes.Buffer
	if err := WriteJSON(&whole, r); err != nil {
		t.Fatal(err)
	}
	if err := encoderIndented(&old, r.Findings); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(whole.Bytes(), old.Bytes()) {
		t.Fatal("the baseline's findings are not the report's")
	}
}
