package report

import (
	"github.com/rampart-audit/rampart/internal/finding"
)

// ANSI styles of what rampart prints on a terminal: the log and the text
// reports (WriteTextColour, the gate's). Whether a stream is a terminal
// that may carry colour (NO_COLOR, TERM=dumb, a pipe) is the CLI's to
// decide (internal/cli/terminal.go); these are only the colours.
//
// Every style is five bytes long, and "no colour" is ANSIDefault rather
// than nothing, so a column of painted cells stays aligned in a
// text/tabwriter table, which counts bytes.
const (
	ANSIRed     = "\x1b[31m"
	ANSIYellow  = "\x1b[33m"
	ANSIGreen   = "\x1b[32m"
	ANSICyan    = "\x1b[36m"
	ANSIMagenta = "\x1b[35m"
	ANSIBold    = "\x1b[01m"
	ANSIDefault = "\x1b[39m"
	ANSIReset   = "\x1b[0m"
)

// Paint wraps s in an ANSI style when on is set.
func Paint(on bool, style, s string) string {
	if !on {
		return s
	}
	return style + s + ANSIReset
}

// SeverityStyle is the colour of a severity: critical magenta, high red,
// medium yellow, low cyan, info the terminal's default.
func SeverityStyle(s finding.Severity) string {
	switch s {
	case finding.Critical:
		return ANSIMagenta
	case finding.High:
		return ANSIRed
	case finding.Medium:
		return ANSIYellow
	case finding.Low:
		return ANSICyan
	}
	return ANSIDefault
}

// StatusStyle is the colour of a status: pass green, fail red, error and
// not_evaluated yellow (could not decide), waived cyan.
func StatusStyle(s finding.Status) string {
	switch s {
	case finding.Pass:
		return ANSIGreen
	case finding.Fail:
		return ANSIRed
	case finding.Error, finding.NotEvaluated:
		return ANSIYellow
	case finding.Waived:
		return ANSICyan
	}
	return ANSIDefault
}
