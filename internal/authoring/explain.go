package authoring

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/topdown/lineage"

	"github.com/rampart-audit/rampart/internal/engine"
)

// Explain is `rampart test --explain`: how much of a failing test's
// evaluation to print under it, the modes of `opa test --explain` (OPA's
// own trace filters, topdown/lineage, and its trace printer).
type Explain string

// The modes. ExplainOff prints no trace; the others print, under every test
// that did not pass, the filtered trace with file:line and the values of the
// variables of each expression.
const (
	ExplainOff Explain = ""
	// ExplainFails is the path to every expression that failed: what made
	// the test false (`--explain` alone).
	ExplainFails Explain = "fails"
	// ExplainFull is the whole evaluation except unifications.
	ExplainFull Explain = "full"
	// ExplainNotes is the path to each trace(msg) call of the test.
	ExplainNotes Explain = "notes"
)

// ExplainModes are the values --explain takes, in the order its help gives them.
var ExplainModes = []Explain{ExplainFails, ExplainFull, ExplainNotes}

// ParseExplain reads an --explain value.
func ParseExplain(s string) (Explain, error) {
	if s == "" {
		return ExplainOff, nil
	}
	for _, m := range ExplainModes {
		if Explain(s) == m {
			return m, nil
		}
	}
	names := make([]string, len(ExplainModes))
	for i, m := range ExplainModes {
		names[i] = string(m)
	}
	return "", fmt.Errorf("--explain must be one of %s, got %q", strings.Join(names, ", "), s)
}

// filter is the mode's OPA trace filter.
func (e Explain) filter(trace []*topdown.Event) []*topdown.Event {
	switch e {
	case ExplainFails:
		return lineage.Fails(trace)
	case ExplainFull:
		return lineage.Full(trace)
	case ExplainNotes:
		return lineage.Notes(trace)
	}
	return nil
}

// explanation renders the filtered trace of a test that did not pass, as
// `opa test --explain` prints it: each event with its file:line and the
// values of the expression's variables. It ends with the expression that
// made the test false (the last failed expression of the test's own query,
// as OPA's failure line), so the cause is the last thing read. "" when the
// test passed or nothing was kept.
func (e Explain) explanation(t engine.TestResult) string {
	if e == ExplainOff || len(t.Trace) == 0 {
		return ""
	}
	var b bytes.Buffer
	if events := e.filter(t.Trace); len(events) > 0 {
		topdown.PrettyTraceWithOpts(&b, events, topdown.PrettyTraceOptions{Locations: true, ExprVariables: true})
	} else if e == ExplainNotes {
		b.WriteString("no trace(...) notes were evaluated\n")
	}
	if failed := failureEvent(t.Trace); failed != nil {
		fmt.Fprintf(&b, "failed at %s:%d:\n", failed.Location.File, failed.Location.Row)
		var line bytes.Buffer
		if err := topdown.PrettyEvent(&line, failed, topdown.PrettyEventOpts{PrettyVars: true}); err != nil {
			fmt.Fprintf(&b, "  (the expression could not be printed: %v)\n", err)
		} else {
			for _, l := range strings.Split(strings.TrimRight(line.String(), "\n"), "\n") {
				fmt.Fprintf(&b, "  %s\n", l)
			}
		}
	}
	// OPA pads its table and its "Where:" block; trailing blanks would
	// only make goldens and CI logs harder to compare.
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.Join(lines, "\n") + "\n"
}

// failureEvent is the last expression that failed outside the test's
// top-level query (QueryID 0 is the query that calls the test rule), as
// OPA's reporter picks its failure line; an `every` is skipped for the
// expression inside it that failed.
func failureEvent(trace []*topdown.Event) *topdown.Event {
	for _, ev := range slices.Backward(trace) {
		if ev.Op != topdown.FailOp || ev.Location == nil || ev.QueryID == 0 {
			continue
		}
		if expr, ok := ev.Node.(*ast.Expr); ok {
			if _, every := expr.Terms.(*ast.Every); every {
				continue
			}
		}
		return ev
	}
	return nil
}
