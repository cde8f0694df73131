package lint

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"sort"
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

// WriteText prints one finding per line, file:line:col: rule: message.
func WriteText(w io.Writer, findings []Finding) error {
	for _, f := range findings {
		if _, err := fmt.Fprintln(w, f.String()); err != nil {
			return err
		}
	}
	return nil
}

// WriteJSON writes the findings as a JSON array (empty array, never null).
func WriteJSON(w io.Writer, findings []Finding) error {
	if findings == nil {
		findings = []Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(findings)
}

// The SARIF 2.1.0 subset code-scanning services read: one run, the rule
// catalogue in tool.driver.rules, one result per finding.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string       `json:"id"`
	ShortDescription     sarifText    `json:"shortDescription"`
	DefaultConfiguration sarifDefault `json:"defaultConfiguration"`
}

type sarifDefault struct {
	Level string `json:"level"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

// WriteSARIF writes a SARIF 2.1.0 log for code scanning. File names become
// relative URIs with forward slashes, as SARIF consumers expect.
func WriteSARIF(w io.Writer, findings []Finding) error {
	infos := Rules()
	index := map[string]int{}
	driver := sarifDriver{Name: "rampart lint", InformationURI: "https://github.com/rampart-audit/rampart/blob/main/docs/authoring.md"}
	for i, r := range infos {
		index[r.Name] = i
		driver.Rules = append(driver.Rules, sarifRule{ID: r.Name, ShortDescription: sarifText{Text: r.Description}, DefaultConfiguration: sarifDefault{Level: string(r.Level)}})
	}
	results := make([]sarifResult, 0, len(findings))
	for _, f := range findings {
		loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: filepath.ToSlash(f.File)}}}
		if f.Line > 0 {
			loc.PhysicalLocation.Region = &sarifRegion{StartLine: f.Line, StartColumn: f.Col}
		}
		results = append(results, sarifResult{RuleID: f.Rule, RuleIndex: index[f.Rule], Level: string(f.Level), Message: sarifText{Text: f.Message}, Locations: []sarifLocation{loc}})
	}
	log := sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{{Tool: sarifTool{Driver: driver}, Results: results}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}
