package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/rampart-audit/rampart/internal/finding"
)

// ControlDoc is what a report says about a control beyond its findings.
type ControlDoc struct {
	ID          string              `json:"id"`
	Title       string              `json:"title"`
	Description string              `json:"description,omitempty"`
	Severity    finding.Severity    `json:"severity"`
	Frameworks  map[string][]string `json:"frameworks,omitempty"`
	// Equivalents are the other tools' check IDs the control answers in
	// full (custom.equivalents), so a finding maps to theirs.
	Equivalents map[string][]string `json:"equivalents,omitempty"`
	Console     string              `json:"remediation_console,omitempty"`
	Terraform   string              `json:"remediation_terraform,omitempty"`
}

// SARIF 2.1.0 document types: the parts rampart writes, one set for the
// audit's and gate's report and for `rampart lint --format sarif`. Fields
// a writer leaves empty are left out, so each writes the shape it always
// did (lint has no rule help, result kind or properties).
type SARIFLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []SARIFRun `json:"runs"`
}

// SARIFSchema and SARIFVersion are what every log rampart writes declares.
const (
	SARIFSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	SARIFVersion = "2.1.0"
)

// SARIFRun is the one run of a log.
type SARIFRun struct {
	Tool SARIFTool `json:"tool"`
	// Invocations carry the coverage notifications of an audit: each
	// not-collected scope (coverage.go) as a toolExecutionNotification.
	Invocations []SARIFInvocation `json:"invocations,omitempty"`
	Results     []SARIFResult     `json:"results"`
	// BaselineGUID-less runs still carry baselineState per result (gate).
	Properties map[string]any `json:"properties,omitempty"`
}

// SARIFInvocation is the run's one invocation: whether the tool ran to the
// end and what it has to say about coverage.
type SARIFInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []SARIFNotification `json:"toolExecutionNotifications,omitempty"`
}

// SARIFNotification is one toolExecutionNotification.
type SARIFNotification struct {
	Level      string              `json:"level"`
	Message    SARIFText           `json:"message"`
	Descriptor *SARIFDescriptorRef `json:"descriptor,omitempty"`
}

// SARIFDescriptorRef names a notification descriptor by ID.
type SARIFDescriptorRef struct {
	ID string `json:"id"`
}

// SARIFTool names the tool and its rule catalogue.
type SARIFTool struct {
	Driver SARIFDriver `json:"driver"`
}

// SARIFDriver is the tool's name, documentation and rules.
type SARIFDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Version        string      `json:"version,omitempty"`
	Rules          []SARIFRule `json:"rules"`
}

// SARIFText is a message or description.
type SARIFText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

// SARIFRule is one reportingDescriptor: a control or a lint rule.
type SARIFRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name,omitempty"`
	ShortDescription     SARIFText          `json:"shortDescription"`
	FullDescription      *SARIFText         `json:"fullDescription,omitempty"`
	Help                 *SARIFText         `json:"help,omitempty"`
	DefaultConfiguration SARIFConfiguration `json:"defaultConfiguration"`
	Properties           map[string]any     `json:"properties,omitempty"`
}

// SARIFConfiguration is a rule's default level.
type SARIFConfiguration struct {
	Level string `json:"level"`
}

// SARIFResult is one result.
type SARIFResult struct {
	RuleID              string                 `json:"ruleId"`
	RuleIndex           int                    `json:"ruleIndex"`
	Kind                string                 `json:"kind,omitempty"`
	Level               string                 `json:"level"`
	Message             SARIFText              `json:"message"`
	Locations           []SARIFLocation        `json:"locations"`
	PartialFingerprints map[string]string      `json:"partialFingerprints,omitempty"`
	BaselineState       string                 `json:"baselineState,omitempty"`
	Suppressions        []SARIFSuppression     `json:"suppressions,omitempty"`
	Properties          *SARIFResultProperties `json:"properties,omitempty"`
}

// SARIFResultProperties is a struct, not a map: a large gate run writes
// tens of thousands of results and maps cost a sort per result when encoded.
type SARIFResultProperties struct {
	Status       string   `json:"status"`
	Severity     string   `json:"severity"`
	ResourceType string   `json:"resource_type"`
	ResourceID   string   `json:"resource_id"`
	Path         string   `json:"path,omitempty"`
	System       string   `json:"system,omitempty"`
	Risks        []string `json:"risks,omitempty"`
}

// SARIFLocation is where a result is: a file region, a resource, or both.
type SARIFLocation struct {
	PhysicalLocation *SARIFPhysical `json:"physicalLocation,omitempty"`
	LogicalLocations []SARIFLogical `json:"logicalLocations,omitempty"`
	Message          *SARIFText     `json:"message,omitempty"`
	Properties       map[string]any `json:"properties,omitempty"`
}

// SARIFPhysical is a file and, when known, a region of it.
type SARIFPhysical struct {
	ArtifactLocation SARIFArtifact `json:"artifactLocation"`
	Region           *SARIFRegion  `json:"region,omitempty"`
}

// SARIFArtifact is a file as a relative URI.
type SARIFArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

// SARIFRegion is a line and, when known, a column.
type SARIFRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

// SARIFLogical is a resource as a logical location.
type SARIFLogical struct {
	Name               string `json:"name"`
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

// SARIFSuppression says why a result is suppressed (a waiver).
type SARIFSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification"`
}

// uriPath makes a relative file path a relative URI reference: forward
// slashes, no leading "./", spaces and the like escaped.
func uriPath(p string) string {
	p = strings.ReplaceAll(p, "\\", "/")
	p = strings.TrimPrefix(p, "./")
	if uriSafe(p) { // nearly every path: no copy (one per SARIF result)
		return p
	}
	var b strings.Builder
	for _, r := range p {
		switch {
		case uriSafeRune(r):
			b.WriteRune(r)
		default:
			for _, c := range []byte(string(r)) {
				fmt.Fprintf(&b, "%%%02X", c)
			}
		}
	}
	return b.String()
}

// uriSafeRune is a character uriPath keeps as it is.
func uriSafeRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-._~/:@!$&'()*+,;=", r)
}

func uriSafe(p string) bool {
	for _, r := range p {
		if !uriSafeRune(r) {
			return false
		}
	}
	return true
}

// securitySeverity maps severities onto GitHub code scanning's scale
// (critical ≥ 9.0, high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9).
var securitySeverity = map[finding.Severity]string{
	finding.Critical: "9.5", finding.High: "8.0", finding.Medium: "5.5", finding.Low: "3.0", finding.Info: "0.0",
}

func sarifLevel(s finding.Severity) string {
	switch s {
	case finding.Critical, finding.High:
		return "error"
	case finding.Medium:
		return "warning"
	}
	return "note"
}

// WriteSARIF writes a SARIF 2.1.0 log: one rule per control, one result per
// failing, erroring, not evaluated or waived finding (passes are left out:
// code scanning lists problems), plus gate-fixed findings as "absent".
// Terraform findings point at their file and line; live ones carry the
// resource as a logical location.
func WriteSARIF(w io.Writer, r *Report) error {
	run, index := sarifRun(r)
	systems := systemIndex(r.Systems)
	log := SARIFLog{Schema: SARIFSchema, Version: SARIFVersion, Runs: []SARIFRun{run}}
	// Results are written one at a time straight into the output buffer
	// (appendSARIFResult): a large gate run has tens of thousands, and
	// encoding each by reflection and indenting it again was most of the
	// writer's CPU.
	type item struct {
		f     *finding.Finding
		fixed bool
	}
	items := make([]item, 0, len(r.Findings))
	for i := range r.Findings {
		if r.Findings[i].Status != finding.Pass {
			items = append(items, item{f: &r.Findings[i]})
		}
	}
	if r.Gate != nil {
		for i := range r.Gate.Fixed {
			if _, ok := index[r.Gate.Fixed[i].ControlID]; ok {
				items = append(items, item{f: &r.Gate.Fixed[i], fixed: true})
			}
		}
	}
	err := encodeStreamedAppend(w, log, 3, "results", len(items), func(b []byte, i int) ([]byte, error) {
		it := items[i]
		g := r.Gate
		if it.fixed {
			g = nil
		}
		return appendSARIFResult(b, it.f, index[it.f.ControlID], g, systems, it.fixed), nil
	})
	if err != nil {
		return fmt.Errorf("write SARIF report: %w", err)
	}
	return nil
}

// sarifRun is the run without its results: the rules, and the coverage
// of the audit as run properties and invocation notifications.
func sarifRun(r *Report) (SARIFRun, map[string]int) {
	rules, index := sarifRules(r)
	run := SARIFRun{
		Tool: SARIFTool{Driver: SARIFDriver{Name: "rampart", InformationURI: "https://github.com/rampart-audit/rampart", Version: r.RampartVersion, Rules: rules}},
		// Coverage is stated in every SARIF log (coverage.go): code scanning
		// shows no passes, so a scope that was never seen must not look clean.
		Properties: map[string]any{"incomplete": r.Evidence.Incomplete, "notCollected": nonNilGaps(r.Evidence.Gaps)},
	}
	if r.Evidence.IncompleteReason != "" {
		run.Properties["incompleteReason"] = r.Evidence.IncompleteReason
	}
	if r.Evidence.Incomplete {
		inv := SARIFInvocation{ExecutionSuccessful: !r.Evidence.CutShort}
		if r.Evidence.CutShort {
			inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, SARIFNotification{Level: "error", Message: SARIFText{Text: "evidence cut short: " + r.Evidence.IncompleteReason}})
		}
		for _, g := range r.Evidence.Gaps {
			inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, SARIFNotification{
				Level: "warning", Message: SARIFText{Text: "not collected: " + GapLine(g)}, Descriptor: &SARIFDescriptorRef{ID: NotCollectedID},
			})
		}
		run.Invocations = []SARIFInvocation{inv}
	}
	return run, index
}

// sarifRules builds one rule per control seen in the findings, in ID order.
func sarifRules(r *Report) ([]SARIFRule, map[string]int) {
	docs := map[string]ControlDoc{}
	for _, c := range r.Controls {
		docs[c.ID] = c
	}
	add := func(f finding.Finding) {
		if _, ok := docs[f.ControlID]; !ok {
			docs[f.ControlID] = ControlDoc{ID: f.ControlID, Title: f.Title, Severity: f.Severity, Frameworks: f.Frameworks}
		}
	}
	used := map[string]bool{}
	for _, f := range r.Findings {
		if f.Status != finding.Pass {
			add(f)
			used[f.ControlID] = true
		}
	}
	if r.Gate != nil {
		for _, f := range r.Gate.Fixed {
			add(f)
			used[f.ControlID] = true
		}
	}
	ids := make([]string, 0, len(used))
	for id := range used {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	rules := make([]SARIFRule, 0, len(ids))
	index := make(map[string]int, len(ids))
	for i, id := range ids {
		c := docs[id]
		index[id] = i
		desc := c.Description
		if desc == "" {
			desc = c.Title
		}
		tags := []string{"security", "rampart"}
		for _, fw := range sortedFrameworks(c.Frameworks) {
			for _, ref := range c.Frameworks[fw] {
				tags = append(tags, fw+"/"+ref)
			}
		}
		rules = append(rules, SARIFRule{
			ID:                   id,
			Name:                 pascalName(c.Title),
			ShortDescription:     SARIFText{Text: c.Title},
			FullDescription:      &SARIFText{Text: desc},
			Help:                 sarifHelp(c, desc),
			DefaultConfiguration: SARIFConfiguration{Level: sarifLevel(c.Severity)},
			Properties: map[string]any{
				"tags":              tags,
				"security-severity": securitySeverity[c.Severity],
				"precision":         "high",
				"problem.severity":  sarifLevel(c.Severity),
			},
		})
		if len(c.Equivalents) > 0 { // other tools' checks, for users mapping their findings
			rules[len(rules)-1].Properties["equivalents"] = c.Equivalents
		}
	}
	return rules, index
}

func sarifHelp(c ControlDoc, desc string) *SARIFText {
	var text, md strings.Builder
	fmt.Fprintf(&text, "%s\n\n%s", c.Title, desc)
	fmt.Fprintf(&md, "**%s** (%s, %s)\n\n%s", c.Title, c.ID, c.Severity, desc)
	if c.Console != "" || c.Terraform != "" {
		text.WriteString("\n\nRemediation:")
		md.WriteString("\n\n**Remediation**\n")
		if c.Console != "" {
			fmt.Fprintf(&text, "\n- Console: %s", c.Console)
			fmt.Fprintf(&md, "\n- Console: %s", c.Console)
		}
		if c.Terraform != "" {
			fmt.Fprintf(&text, "\n- Terraform: %s", c.Terraform)
			fmt.Fprintf(&md, "\n- Terraform: %s", c.Terraform)
		}
	}
	if len(c.Frameworks) > 0 {
		md.WriteString("\n\n**Frameworks**: ")
		var parts []string
		for _, fw := range sortedFrameworks(c.Frameworks) {
			parts = append(parts, fw+" "+strings.Join(c.Frameworks[fw], ", "))
		}
		md.WriteString(strings.Join(parts, "; "))
	}
	return &SARIFText{Text: text.String(), Markdown: md.String()}
}

// pascalName is the control title in PascalCase, as SARIF's rule name expects
// an identifier-like string.
func pascalName(title string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(title, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}) {
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}

func nonNilGaps(g []Gap) []Gap {
	if g == nil {
		return []Gap{}
	}
	return g
}

// systemLocations finds the workspace block of a system by ID.
type systemLocations struct {
	byID  map[string]SystemRef
	first *SystemRef
}

func systemIndex(systems []SystemRef) systemLocations {
	out := systemLocations{byID: make(map[string]SystemRef, len(systems))}
	for i, s := range systems {
		if s.File == "" {
			continue
		}
		out.byID[s.ID] = s
		if out.first == nil {
			out.first = &systems[i]
		}
	}
	return out
}

// locate is the physical location of a live result (docs/report-schema.md#sarif):
// the system block that claims it, or — for a resource no system claims —
// the first system block of the workspace, where a selector would claim
// it, with a message saying so. Nil when the workspace has no systems.
func (s systemLocations) locate(system string) (*SARIFPhysical, string) {
	ref, ok := s.byID[system]
	msg := "system " + system + " claims this resource"
	if !ok {
		if s.first == nil {
			return nil, ""
		}
		ref, msg = *s.first, "no system claims this resource: add a selector to a system block to give it an owner"
	}
	return &SARIFPhysical{ArtifactLocation: SARIFArtifact{URI: uriPath(ref.File), URIBaseID: "%SRCROOT%"}, Region: &SARIFRegion{StartLine: max(ref.Line, 1)}}, msg
}

func sortedFrameworks(m map[string][]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
