package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"sort"

	"github.com/rampart-audit/rampart/internal/finding"
)

// JUnit XML as CI systems read it (GitLab, Jenkins, GitHub test
// reporters): the one type set behind the audit's and gate's JUnit report
// and `rampart test --format junit`. Attributes a writer leaves empty are
// left out, so each writes the shape it always did.
type JUnitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  *int         `xml:"skipped,attr,omitempty"` // nil: the writer never skips
	Suites   []JUnitSuite `xml:"testsuite"`
}

// JUnitSuite is one <testsuite>.
type JUnitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  *int        `xml:"skipped,attr,omitempty"`
	Time     string      `xml:"time,attr,omitempty"`
	Cases    []JUnitCase `xml:"testcase"`
}

// JUnitCase is one <testcase>.
type JUnitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Time      string        `xml:"time,attr,omitempty"`
	Failure   *JUnitMessage `xml:"failure,omitempty"`
	Error     *JUnitMessage `xml:"error,omitempty"`
	Skipped   *JUnitMessage `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

// JUnitMessage is a <failure>, <error> or <skipped> element.
type JUnitMessage struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Body    string `xml:",chardata"`
}

// EncodeJUnit writes the XML header, the document indented by two spaces
// and a final newline.
func EncodeJUnit(w io.Writer, doc JUnitSuites) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// WriteJUnit writes JUnit XML: a test suite per control, a test case per
// (control, resource). Failures carry the control's message; errors are
// errors; not evaluated and waived results are skipped with the reason, so
// a CI dashboard never counts them as passed.
func WriteJUnit(w io.Writer, r *Report) error {
	byControl := map[string]*JUnitSuite{}
	var ids []string
	doc := JUnitSuites{Name: "rampart", Skipped: new(int)}
	for _, f := range r.Findings {
		s := byControl[f.ControlID]
		if s == nil {
			s = &JUnitSuite{Name: f.ControlID + " " + f.Title, Skipped: new(int)}
			byControl[f.ControlID] = s
			ids = append(ids, f.ControlID)
		}
		c := JUnitCase{Name: f.Resource.Type + " " + f.Resource.ID, Classname: f.ControlID, File: f.Resource.Source.File, Line: f.Resource.Source.Line}
		body := fmt.Sprintf("%s\nseverity: %s\nresource: %s %s\nsource: %s", f.Message, f.Severity, f.Resource.Type, f.Resource.ID, f.Resource.Source)
		if f.Path != "" {
			body += "\npath: " + f.Path
		}
		switch f.Status {
		case finding.Fail:
			c.Failure = &JUnitMessage{Message: f.Message, Type: string(f.Severity), Body: body}
			s.Failures++
		case finding.Error:
			c.Error = &JUnitMessage{Message: f.Message, Type: "error", Body: body}
			s.Errors++
		case finding.NotEvaluated:
			c.Skipped = &JUnitMessage{Message: "not evaluated: " + f.Message}
			*s.Skipped++
		case finding.Waived:
			c.Skipped = &JUnitMessage{Message: "waived by " + f.Waiver + ": " + f.Message}
			*s.Skipped++
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
		*doc.Skipped += *s.Skipped
	}
	if err := EncodeJUnit(w, doc); err != nil {
		return fmt.Errorf("write JUnit report: %w", err)
	}
	return nil
}
