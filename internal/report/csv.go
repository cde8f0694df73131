package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/rampart-audit/rampart/internal/finding"
)

// csvHeader is the column order of the CSV report; docs/report-schema.md
// describes each column.
var csvHeader = []string{
	"control_id", "title", "severity", "status", "resource_type", "resource_id", "system",
	"source", "message", "path", "risks", "mitigations", "training", "policies", "frameworks",
	"waiver", "waiver_expired", "fingerprint",
}

// WriteCSV writes one row per result (RFC 4180, CRLF line ends) for
// spreadsheets and GRC tools. List columns join their values with "; ".
func WriteCSV(w io.Writer, r *Report) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(csvHeader); err != nil {
		return fmt.Errorf("write CSV report: %w", err)
	}
	for _, f := range r.Findings {
		row := []string{
			f.ControlID, f.Title, string(f.Severity), string(f.Status), f.Resource.Type, f.Resource.ID, f.Resource.System,
			f.Resource.Source.String(), f.Message, f.Path,
			strings.Join(f.Risks, "; "), strings.Join(f.Mitigations, "; "), strings.Join(f.Training, "; "),
			strings.Join(f.Policies, "; "), frameworkList(f.Frameworks), f.Waiver, f.WaiverExpired, f.Fingerprint,
		}
		for i := range row {
			row[i] = defuseFormula(row[i])
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("write CSV report: %w", err)
		}
	}
	// A scope that could not be collected is a row too (control_id
	// RAMPART-NOT-COLLECTED), so a spreadsheet of the results says what
	// they do not cover even where no control result names it.
	for _, g := range r.Evidence.Gaps {
		row := []string{
			NotCollectedID, "Scope not collected", string(finding.Info), string(finding.NotEvaluated), g.ResourceType, g.ScopeID, g.System,
			"live", GapLine(g), "", "", "", "", "", "", "", "", "",
		}
		for i := range row {
			row[i] = defuseFormula(row[i])
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("write CSV report: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write CSV report: %w", err)
	}
	return nil
}

// frameworkList renders {"soc2": ["CC6.1"], "iso27001-2022": ["A.5.17", "A.8.5"]}
// as "iso27001-2022 A.5.17 A.8.5; soc2 CC6.1", sorted by framework.
func frameworkList(fw map[string][]string) string {
	names := make([]string, 0, len(fw))
	for n := range fw {
		names = append(names, n)
	}
	sort.Strings(names)
	parts := make([]string, 0, len(names))
	for _, n := range names {
		parts = append(parts, strings.TrimSpace(n+" "+strings.Join(fw[n], " ")))
	}
	return strings.Join(parts, "; ")
}

// defuseFormula keeps spreadsheets from executing a cell: messages quote
// resource names and attribute values from the audited estate, so a value
// starting with = + - @ (or a tab or carriage return) is prefixed with a
// single quote, as OWASP's CSV-injection guidance recommends. Numbers are
// left alone.
func defuseFormula(s string) string {
	if s == "" || !strings.ContainsAny(s[:1], "=+-@\t\r") {
		return s
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return s
	}
	return "'" + s
}

// statusOrder ranks statuses for sorting: the ones needing action first.
func statusOrder(s finding.Status) int {
	switch s {
	case finding.Fail:
		return 0
	case finding.Error:
		return 1
	case finding.NotEvaluated:
		return 2
	case finding.Waived:
		return 3
	case finding.Pass:
		return 4
	}
	return 5
}
