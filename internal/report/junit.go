package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"sort"

	"github.com/rampart-audit/rampart/internal/finding"
)

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitMessage `xml:"failure,omitempty"`
	Error     *junitMessage `xml:"error,omitempty"`
	Skipped   *junitMessage `xml:"skipped,omitempty"`
}

type junitMessage struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Body    string `xml:",chardata"`
}

// WriteJUnit writes JUnit XML: a test suite per control, a test case per
// (control, resource). Failures carry the control's message; errors are
// errors; not evaluated and waived results are skipped with the reason, so
// a CI dashboard never counts them as passed.
func WriteJUnit(w io.Writer, r *Report) error {
	byControl := map[string]*junitSuite{}
	var ids []string
	doc := junitSuites{Name: "rampart"}
	for _, f := range r.Findings {
		s := byControl[f.ControlID]
		if s == nil {
			s = &junitSuite{Name: f.ControlID + " " + f.Title}
			byControl[f.ControlID] = s
			ids = append(ids, f.ControlID)
		}
		c := junitCase{Name: f.Resource.Type + " " + f.Resource.ID, Classname: f.ControlID, File: f.Resource.Source.File, Line: f.Resource.Source.Line}
		body := fmt.Sprintf("%s\nseverity: %s\nresource: %s %s\nsource: %s", f.Message, f.Severity, f.Resource.Type, f.Resource.ID, f.Resource.Source)
		if f.Path != "" {
			body += "\npath: " + f.Path
		}
		switch f.Status {
		case finding.Fail:
			c.Failure = &junitMessage{Message: f.Message, Type: string(f.Severity), Body: body}
			s.Failures++
		case finding.Error:
			c.Error = &junitMessage{Message: f.Message, Type: "error", Body: body}
			s.Errors++
		case finding.NotEvaluated:
			c.Skipped = &junitMessage{Message: "not evaluated: " + f.Message}
			s.Skipped++
		case finding.Waived:
			c.Skipped = &junitMessage{Message: "waived by " + f.Waiver + ": " + f.Message}
			s.Skipped++
		}
		s.Tests++
		s.Cases = append(s.Cases, c)
	}
	sort.Strings(ids)
	for _, id := range ids {
		s := byControl[id]
		doc.Suites = append(doc.Suites, *s)
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
		doc.Skipped += s.Skipped
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write JUnit report: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write JUnit report: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("write JUnit report: %w", err)
	}
	return nil
}
