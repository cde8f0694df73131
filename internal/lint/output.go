package lint

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"sort"

	"github.com/rampart-audit/rampart/internal/report"
)

// Writer renders findings.
type Writer func(w io.Writer, findings []Finding) error

// Writers is the registry of --format values.
var Writers = map[string]Writer{
	"text":  WriteText,
	"json":  WriteJSON,
	"sarif": WriteSARIF,
}

// FormatNames returns the --format values, sorted.
func FormatNames() []string {
	out := make([]string, 0, len(Writers))
	for k := range Writers {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Format is a finding as one line of text: file:line:col: rule: message.
func Format(f Finding) string { return f.Location() + ": " + f.Code + ": " + f.Message }

// WriteText prints one finding per line: file:line:col, its level (error,
// warning, note: what decides whether a finding can wait), the rule and the
// message, as compilers print theirs.
func WriteText(w io.Writer, findings []Finding) error {
	for _, f := range findings {
		if _, err := fmt.Fprintf(w, "%s: %s: %s: %s\n", f.Location(), f.Severity, f.Code, f.Message); err != nil {
			return err
		}
	}
	return nil
}

// jsonFinding is a finding as `--format json` has always written it:
// the rule and level under their lint names.
type jsonFinding struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Col     int    `json:"col,omitempty"`
	Rule    string `json:"rule"`
	Level   Level  `json:"level"`
	Message string `json:"message"`
}

// WriteJSON writes the findings as a JSON array (empty array, never null).
func WriteJSON(w io.Writer, findings []Finding) error {
	out := make([]jsonFinding, len(findings))
	for i, f := range findings {
		out[i] = jsonFinding{File: f.File, Line: f.Line, Col: f.Col, Rule: f.Code, Level: f.Severity, Message: f.Message}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// WriteSARIF writes a SARIF 2.1.0 log for code scanning, in the report
// package's SARIF types: one run, the rule catalogue in tool.driver.rules,
// one result per finding. File names become relative URIs with forward
// slashes, as SARIF consumers expect.
func WriteSARIF(w io.Writer, findings []Finding) error {
	infos := Rules()
	index := map[string]int{}
	driver := report.SARIFDriver{Name: "rampart lint", InformationURI: "https://github.com/rampart-audit/rampart/blob/main/docs/authoring.md"}
	for i, r := range infos {
		index[r.Name] = i
		driver.Rules = append(driver.Rules, report.SARIFRule{ID: r.Name, ShortDescription: report.SARIFText{Text: r.Description}, DefaultConfiguration: report.SARIFConfiguration{Level: string(r.Level)}})
	}
	results := make([]report.SARIFResult, 0, len(findings))
	for _, f := range findings {
		loc := report.SARIFLocation{PhysicalLocation: &report.SARIFPhysical{ArtifactLocation: report.SARIFArtifact{URI: filepath.ToSlash(f.File)}}}
		if f.Line > 0 {
			loc.PhysicalLocation.Region = &report.SARIFRegion{StartLine: f.Line, StartColumn: f.Col}
		}
		results = append(results, report.SARIFResult{RuleID: f.Code, RuleIndex: index[f.Code], Level: string(f.Severity), Message: report.SARIFText{Text: f.Message}, Locations: []report.SARIFLocation{loc}})
	}
	log := report.SARIFLog{
		Schema:  report.SARIFSchema,
		Version: report.SARIFVersion,
		Runs:    []report.SARIFRun{{Tool: report.SARIFTool{Driver: driver}, Results: results}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}
