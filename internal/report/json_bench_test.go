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
	"github.com/rampart-audit/rampart/internal/redact"
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

// beforeIssue16 is the JSON writer as Lookup ran it before issue 16: the
// whole report redacted by reflection (redact.Value), then every finding
// encoded by encoding/json and indented again (encodeStreamed), which is
// what finding.BaselineEnv selects in a binary.
func beforeIssue16(w io.Writer, r *Report) error {
	safe, err := redact.Value(r)
	if err != nil {
		return err
	}
	head := *safe
	head.Findings = nil
	return encodeStreamed(w, &head, 1, "findings", func(emit func(any) error) error {
		for i := range safe.Findings {
			if err := emit(&safe.Findings[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// BenchmarkWriteJSON writes a report of 50,000 findings as the audit does
// (redacted, then rendered: Lookup("json")) and as it did before issue 16
// (beforeIssue16), alternating which goes first in each iteration, CPU time
// against CPU time; and, for the record, the findings through the
// json.Indent loop appendIndented replaced before that:
//
//	go test -run '^$' -bench BenchmarkWriteJSON -benchtime 5x ./internal/report/
func BenchmarkWriteJSON(b *testing.B) {
	r := manyFindings(50000)
	write, err := Lookup("json")
	if err != nil {
		b.Fatal(err)
	}
	var now, before, indent time.Duration
	measure := func(total *time.Duration, run func() error) {
		_, cpu := benchdata.Measure(func() {
			if err := run(); err != nil {
				b.Fatal(err)
			}
		})
		*total += cpu
	}
	runs := []func(){
		func() { measure(&now, func() error { return write(io.Discard, r) }) },
		func() { measure(&before, func() error { return beforeIssue16(io.Discard, r) }) },
		func() { measure(&indent, func() error { return encoderIndented(io.Discard, r.Findings) }) },
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
	n := float64(b.N)
	b.ReportMetric(float64(now.Milliseconds())/n, "rampart-cpu-ms")
	b.ReportMetric(float64(before.Milliseconds())/n, "before-cpu-ms")
	b.ReportMetric(float64(before)/float64(now), "before/rampart-cpu-x")
	b.ReportMetric(float64(indent.Milliseconds())/n, "json.Indent-cpu-ms")
	b.ReportMetric(benchdata.LoadAverageValue(), "load-avg")
}

// TestBeforeIssue16IsTheSameReport: the benchmark's baseline writes the
// report Lookup("json") writes, so the ratio compares like with like.
func TestBeforeIssue16IsTheSameReport(t *testing.T) {
	t.Parallel()
	r := manyFindings(30)
	r.Findings[3].Message = "token " + testToken
	write, err := Lookup("json")
	if err != nil {
		t.Fatal(err)
	}
	var now, before bytes.Buffer
	if err := write(&now, r); err != nil {
		t.Fatal(err)
	}
	if err := beforeIssue16(&before, r); err != nil {
		t.Fatal(err)
	}
	if now.String() != before.String() {
		t.Fatalf("the baseline writes another report:\n%s\n---\n%s", now.String(), before.String())
	}
	if bytes.Contains(now.Bytes(), []byte(testToken)) {
		t.Fatal("the token reached the report")
	}
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
