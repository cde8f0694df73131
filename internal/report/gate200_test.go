package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rampart-audit/rampart/internal/benchdata"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/redact"
)

// gate200Shape is testdata/gate200.json: the report of
// `rampart gate --allow-unknown` over BenchmarkGate's 200-file repository
// (internal/gate/bench_test.go generate), reduced to its pattern — per
// control the status and message of each of a file's resources of its
// type, %FILE% and %VARIANT% standing for the file and resource number —
// and the report's control documents (testdata/gate200.py derives it from
// that report). gate200Report expands it to the
// same 30,000 findings on 2,400 resources (17,400 SARIF results).
type gate200Shape struct {
	Types map[string]struct {
		ID    string `json:"id"`
		Lines []int  `json:"lines"`
	} `json:"types"`
	Rules []struct {
		Control     string              `json:"control"`
		Type        string              `json:"type"`
		Title       string              `json:"title"`
		Severity    finding.Severity    `json:"severity"`
		Frameworks  map[string][]string `json:"frameworks"`
		Risks       []string            `json:"risks"`
		Mitigations []string            `json:"mitigations"`
		Training    []string            `json:"training"`
		Policies    []string            `json:"policies"`
		Cases       []struct {
			Status  finding.Status `json:"status"`
			Message string         `json:"message"`
		} `json:"cases"`
	} `json:"rules"`
	Controls []ControlDoc `json:"controls"`
}

// gate200Report is the 200-file gate's report, shared as the engine
// shares them: a resource's reference and a control's frameworks and
// links between their findings.
func gate200Report(tb testing.TB) *Report {
	tb.Helper()
	raw, err := os.ReadFile("testdata/gate200.json")
	if err != nil {
		tb.Fatal(err)
	}
	var shape gate200Shape
	if err := json.Unmarshal(raw, &shape); err != nil {
		tb.Fatal(err)
	}
	const files = 200
	refs := map[string]*finding.ResourceRef{}
	ref := func(typ string, file, variant int) *finding.ResourceRef {
		t := shape.Types[typ]
		id := fmt.Sprintf(t.ID, file, variant)
		if r, ok := refs[id]; ok {
			return r
		}
		r := &finding.ResourceRef{Type: typ, ID: id, Source: evidence.Source{Kind: "terraform", File: fmt.Sprintf("f%03d.tf", file), Line: t.Lines[variant]}}
		refs[id] = r
		return r
	}
	r := &Report{Schema: SchemaV1, GeneratedAt: time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC), Controls: shape.Controls,
		Evidence: EvidenceInfo{Collectors: []string{"terraform"}, Resources: 2400, NotCollected: []evidence.NotCollected{}, Gaps: []Gap{}}}
	g := &GateInfo{Baseline: "none", FailOn: "high", Changes: map[string]string{}, Fixed: []finding.Finding{}, GovernanceFrom: "embedded"}
	for _, rule := range shape.Rules {
		links := &finding.Links{Risks: rule.Risks, Mitigations: rule.Mitigations, Training: rule.Training, Policies: rule.Policies}
		var fs []finding.Finding
		for file := range files {
			for variant, c := range rule.Cases {
				res := ref(rule.Type, file, variant)
				msg := strings.NewReplacer("%FILE%", strconv.Itoa(file), "%VARIANT%", strconv.Itoa(variant)).Replace(c.Message)
				sum := sha256.Sum256([]byte(rule.Control + "|" + res.ID))
				fs = append(fs, finding.Finding{ControlID: rule.Control, Title: rule.Title, Severity: rule.Severity, Status: c.Status,
					Message: msg, Resource: res, Links: links, Frameworks: rule.Frameworks, Fingerprint: hex.EncodeToString(sum[:12])})
			}
		}
		slices.SortFunc(fs, func(a, b finding.Finding) int { return strings.Compare(a.Resource.ID, b.Resource.ID) })
		for _, f := range fs {
			if f.Status == finding.Pass {
				continue
			}
			g.Changes[f.Fingerprint] = "new"
			if f.Status == finding.Fail && (f.Severity == finding.High || f.Severity == finding.Critical) {
				g.Blocking = append(g.Blocking, f.Fingerprint)
				g.Reasons = append(g.Reasons, "new "+string(f.Severity)+" failure "+f.ControlID+" on "+f.Resource.ID+": "+f.Message)
			}
		}
		r.Findings = append(r.Findings, fs...)
	}
	r.Summary = finding.Summarize(r.Findings)
	r.Gate = g
	return r
}

func TestGate200ReportHasTheGatesShape(t *testing.T) {
	t.Parallel()
	r := gate200Report(t)
	messages := map[string]bool{}
	results := 0
	for _, f := range r.Findings {
		messages[f.Message] = true
		if f.Status != finding.Pass {
			results++
		}
	}
	// The figures of the real run (docs/gate.md's Performance section).
	if len(r.Findings) != 30000 || results != 17400 || len(messages) != 4432 || len(r.Controls) != 61 {
		t.Fatalf("%d findings, %d results, %d distinct messages, %d controls; want 30000, 17400, 4432, 61",
			len(r.Findings), results, len(messages), len(r.Controls))
	}
}

// redactFindingsReference is redactFindings before messages were
// remembered: each finding's message redacted on its own.
func redactFindingsReference(fs []finding.Finding) ([]finding.Finding, error) {
	fr := newFindingRedactor()
	var out []finding.Finding
	for i := range fs {
		f := fs[i]
		before := f.Message
		f.Message = "" // redacted below, on its own, as before
		g, changed, err := fr.finding(&f)
		if err != nil {
			return nil, err
		}
		g.Message = redact.String(before)
		changed = changed || g.Message != before
		if !changed {
			continue
		}
		if out == nil {
			out = append([]finding.Finding(nil), fs...)
		}
		out[i] = g
	}
	if out == nil {
		return fs, nil
	}
	return out, nil
}

// BenchmarkRedactGate200 redacts the 200-file gate's findings as the gate
// does now (redactFindings, messages remembered) and as it did before
// (redactFindingsReference), in the same iterations, alternating which
// goes first, and reports the CPU ratio.
func BenchmarkRedactGate200(b *testing.B) {
	r := gate200Report(b)
	var old, now time.Duration
	for i := 0; b.Loop(); i++ {
		run := func(fn func([]finding.Finding) ([]finding.Finding, error), into *time.Duration) {
			start := benchdata.CPU()
			if _, err := fn(r.Findings); err != nil {
				b.Fatal(err)
			}
			*into += benchdata.CPU() - start
		}
		if i%2 == 0 {
			run(redactFindingsReference, &old)
			run(redactFindings, &now)
		} else {
			run(redactFindings, &now)
			run(redactFindingsReference, &old)
		}
	}
	b.ReportMetric(float64(now.Microseconds())/float64(b.N), "µs-cpu/op")
	b.ReportMetric(float64(old.Microseconds())/float64(b.N), "µs-cpu-before/op")
	b.ReportMetric(float64(old)/float64(now), "before/now")
}
