package report

import (
	"bytes"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/rampart-audit/rampart/internal/benchdata"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
)

// writeSARIFReference is WriteSARIF before appendSARIFResult: each result
// built as a SARIFResult (sarifResultFor), encoded by encoding/json and
// indented again (encodeStreamed). The reference the new writer is held
// to, byte for byte, and measured against.
func writeSARIFReference(w io.Writer, r *Report) error {
	run, index := sarifRun(r)
	systems := systemIndex(r.Systems)
	log := SARIFLog{Schema: SARIFSchema, Version: SARIFVersion, Runs: []SARIFRun{run}}
	return encodeStreamed(w, log, 3, "results", func(emit func(any) error) error {
		for _, f := range r.Findings {
			if f.Status == finding.Pass {
				continue
			}
			if err := emit(sarifResultFor(f, index[f.ControlID], r.Gate, systems)); err != nil {
				return err
			}
		}
		if r.Gate == nil {
			return nil
		}
		for _, f := range r.Gate.Fixed {
			if _, ok := index[f.ControlID]; !ok {
				continue
			}
			res := sarifResultFor(f, index[f.ControlID], nil, systems)
			res.Kind, res.Level, res.BaselineState = "pass", "none", "absent"
			res.Message.Text = "fixed: " + res.Message.Text
			if err := emit(res); err != nil {
				return err
			}
		}
		return nil
	})
}

func sarifResultFor(f finding.Finding, ruleIndex int, g *GateInfo, systems systemLocations) SARIFResult {
	res := SARIFResult{
		RuleID:              f.ControlID,
		RuleIndex:           ruleIndex,
		Kind:                "fail",
		Level:               sarifLevel(f.Severity),
		Message:             SARIFText{Text: f.Title + ": " + f.Message + " (" + f.Resource.Type + " " + f.Resource.ID + ")"},
		PartialFingerprints: map[string]string{"rampart/v1": f.Fingerprint},
		Properties: &SARIFResultProperties{
			Status: string(f.Status), Severity: string(f.Severity), ResourceType: f.Resource.Type, ResourceID: f.Resource.ID,
			Path: f.Path, System: f.Resource.System, Risks: f.Risks,
		},
	}
	switch f.Status {
	case finding.Error, finding.NotEvaluated:
		// Not a failure, not a pass: someone has to look.
		res.Kind, res.Level = "review", "none"
	case finding.Waived:
		res.Suppressions = []SARIFSuppression{{Kind: "external", Justification: "waiver " + f.Waiver}}
	}
	loc := SARIFLocation{LogicalLocations: []SARIFLogical{{Name: f.Resource.ID, FullyQualifiedName: f.Resource.Type + "/" + f.Resource.ID, Kind: "resource"}}}
	if src := f.Resource.Source; src.File != "" {
		loc.PhysicalLocation = &SARIFPhysical{ArtifactLocation: SARIFArtifact{URI: uriPath(src.File), URIBaseID: "%SRCROOT%"}}
		if src.Line > 0 {
			loc.PhysicalLocation.Region = &SARIFRegion{StartLine: src.Line}
		}
	} else if phys, msg := systems.locate(f.Resource.System); phys != nil {
		// Live evidence has no file: the workspace block of the system that
		// claims the resource is where its owner and selectors are kept.
		loc.PhysicalLocation, loc.Message = phys, &SARIFText{Text: msg}
	}
	res.Locations = []SARIFLocation{loc}
	if g != nil {
		switch g.Changes[f.Fingerprint] {
		case "new":
			res.BaselineState = "new"
		case "unchanged":
			res.BaselineState = "unchanged"
		}
	}
	return res
}

// sarifVariants are reports that reach every branch of appendSARIFResult:
// each status, a live resource with and without a system claiming it,
// files that need escaping, lines 0, risks nil and empty, paths, waivers,
// new, unchanged and fixed results, and awkward strings everywhere.
func sarifVariants(t *testing.T) map[string]*Report {
	t.Helper()
	out := map[string]*Report{"fixture": gateFixture(), "gate200": gate200Report(t)}
	base := gateFixture()
	r := gateFixture()
	r.Systems = []SystemRef{{ID: "platform", File: "ws/systems.hcl", Line: 4}, {ID: "web", File: "ws dir/web.hcl"}}
	var fs []finding.Finding
	statuses := []finding.Status{finding.Fail, finding.Error, finding.NotEvaluated, finding.Waived, finding.Pass}
	strs := append([]string{"", "plain"}, awkwardStrings...)
	for i, s := range strs {
		f := base.Findings[i%len(base.Findings)]
		ref := *f.Resource
		f.Resource = &ref
		f.Status = statuses[i%len(statuses)]
		f.Message, f.Title, f.Fingerprint = s, s+"t", fmt.Sprintf("fp%d%s", i, s)
		f.Resource.ID, f.Resource.Type = s+"id", s+"type"
		f.Path = s
		f.Waiver = s
		switch i % 4 {
		case 0:
			f.Resource.Source = evidence.Source{Kind: "live", Collector: "github"}
			f.Resource.System = []string{"platform", "web", "nobody", ""}[i%4]
		case 1:
			f.Resource.Source = evidence.Source{Kind: "terraform", File: "./dir\\sub/" + s + ".tf", Line: 0}
		case 2:
			f.Resource.Source = evidence.Source{Kind: "terraform", File: "a b/ü.tf", Line: 7 + i}
			f.Resource.System = s
		case 3:
			f.Resource.Source = evidence.Source{Kind: "live"}
		}
		l := finding.Links{Risks: [][]string{nil, {}, {s}, {"R-1", s}}[i%4]}
		f.Links = &l
		fs = append(fs, f)
	}
	r.Findings = fs
	r.Gate = &GateInfo{Baseline: "none", FailOn: "high", Changes: map[string]string{}}
	for i, f := range fs {
		r.Gate.Changes[f.Fingerprint] = []string{"new", "unchanged", "other"}[i%3]
	}
	r.Gate.Fixed = append([]finding.Finding(nil), fs[:len(fs)/2]...)
	out["variants"] = r
	noSystems := *r
	noSystems.Systems = nil
	out["variants without systems"] = &noSystems
	noGate := *r
	noGate.Gate = nil
	out["variants without gate"] = &noGate
	return out
}

// TestAppendSARIFResultIsEncodingJSON holds WriteSARIF to the reflective
// writer it replaced, byte for byte, on every variant and on the 200-file
// gate's report.
func TestAppendSARIFResultIsEncodingJSON(t *testing.T) {
	t.Parallel()
	for name, r := range sarifVariants(t) {
		var got, want bytes.Buffer
		if err := WriteSARIF(&got, r); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := writeSARIFReference(&want, r); err != nil {
			t.Fatalf("%s reference: %v", name, err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			g, w := got.Bytes(), want.Bytes()
			at := 0
			for at < min(len(g), len(w)) && g[at] == w[at] {
				at++
			}
			t.Fatalf("%s: WriteSARIF differs from the reference at byte %d:\n got …%s…\nwant …%s…", name, at,
				g[max(at-200, 0):min(at+200, len(g))], w[max(at-200, 0):min(at+200, len(w))])
		}
	}
}

// BenchmarkWriteSARIFGate200 writes the 200-file gate's SARIF with
// WriteSARIF and with writeSARIFReference in the same iterations,
// alternating which goes first, and reports the CPU ratio.
func BenchmarkWriteSARIFGate200(b *testing.B) {
	r := gate200Report(b)
	var old, now time.Duration
	for i := 0; b.Loop(); i++ {
		run := func(fn func(io.Writer, *Report) error, into *time.Duration) {
			start := benchdata.CPU()
			if err := fn(io.Discard, r); err != nil {
				b.Fatal(err)
			}
			*into += benchdata.CPU() - start
		}
		if i%2 == 0 {
			run(writeSARIFReference, &old)
			run(WriteSARIF, &now)
		} else {
			run(WriteSARIF, &now)
			run(writeSARIFReference, &old)
		}
	}
	b.ReportMetric(float64(now.Microseconds())/float64(b.N), "µs-cpu/op")
	b.ReportMetric(float64(old.Microseconds())/float64(b.N), "µs-cpu-before/op")
	b.ReportMetric(float64(old)/float64(now), "before/now")
}
