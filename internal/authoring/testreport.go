package authoring

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/report"
)

// WriteText prints the report the way `go test` does: failures always,
// every test with verbose, one summary line per test package, the coverage
// gaps, and a final PASS or FAIL.
func WriteText(w io.Writer, r *TestReport, verbose bool) error {
	bw := bufio.NewWriter(w)
	for _, n := range r.Notes {
		fmt.Fprintf(bw, "note: %s\n", n)
	}
	for _, pkg := range packages(r.Results) {
		failed, total := 0, 0
		for _, t := range r.Results {
			if t.Package != pkg {
				continue
			}
			total++
			ok := t.Pass && t.Err == nil
			if !ok {
				failed++
			}
			if verbose {
				fmt.Fprintf(bw, "=== RUN   %s.%s\n", t.Package, t.Name)
			}
			if ok && !verbose {
				continue
			}
			status := "PASS"
			if !ok {
				status = "FAIL"
			}
			fmt.Fprintf(bw, "--- %s: %s.%s (%.2fs)\n", status, t.Package, t.Name, t.Duration.Seconds())
			switch {
			case t.Err != nil:
				fmt.Fprintf(bw, "    %s:%d: error: %v\n", t.File, t.Line, t.Err)
			case !t.Pass:
				fmt.Fprintf(bw, "    %s:%d: test failed\n", t.File, t.Line)
			}
			if len(t.Output) > 0 && (!ok || verbose) {
				for _, line := range strings.Split(strings.TrimRight(string(t.Output), "\n"), "\n") {
					fmt.Fprintf(bw, "    %s\n", line)
				}
			}
			if e := r.Explain.explanation(t); e != "" {
				fmt.Fprintf(bw, "    explain (%s):\n", r.Explain)
				for _, line := range strings.Split(strings.TrimRight(e, "\n"), "\n") {
					if line == "" {
						fmt.Fprintln(bw)
						continue
					}
					fmt.Fprintf(bw, "      %s\n", line)
				}
			}
		}
		if failed == 0 {
			fmt.Fprintf(bw, "ok  \t%s\t%s\n", pkg, plural(total, "test"))
		} else {
			fmt.Fprintf(bw, "FAIL\t%s\t%d of %s failed\n", pkg, failed, plural(total, "test"))
		}
	}
	if len(r.Results) == 0 {
		fmt.Fprintln(bw, "no tests ran")
	}
	if r.CoverageJudged {
		gaps := SortedGaps(r.Gaps)
		fmt.Fprintf(bw, "coverage: %s, %s\n", plural(r.Controls, "control"), plural(len(gaps), "gap"))
		for _, g := range gaps {
			fmt.Fprintf(bw, "--- GAP: %s %s (%s): %s\n", g.ControlID, g.Code, g.Location(), g.Message)
		}
	} else {
		fmt.Fprintln(bw, "coverage: not judged (--run selects a subset of the tests)")
	}
	if r.Failed() {
		fmt.Fprintln(bw, "FAIL")
	} else {
		fmt.Fprintln(bw, "PASS")
	}
	return bw.Flush()
}

func packages(results []engine.TestResult) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range results {
		if !seen[t.Package] {
			seen[t.Package] = true
			out = append(out, t.Package)
		}
	}
	sort.Strings(out)
	return out
}

// CoverageSuite is the JUnit suite name under which coverage gaps appear,
// one test case per control, so a CI dashboard shows them next to the tests.
const CoverageSuite = "rampart.coverage"

// WriteJUnit writes the report as JUnit XML: one suite per Rego test
// package, and a coverage suite with one case per control when coverage
// was judged.
func WriteJUnit(w io.Writer, r *TestReport) error {
	doc := report.JUnitSuites{Name: "rampart test"}
	for _, pkg := range packages(r.Results) {
		s := report.JUnitSuite{Name: pkg}
		var secs float64
		for _, t := range r.Results {
			if t.Package != pkg {
				continue
			}
			secs += t.Duration.Seconds()
			c := report.JUnitCase{Name: t.Name, Classname: pkg, File: t.File, Line: t.Line, Time: fmt.Sprintf("%.3f", t.Duration.Seconds()), SystemOut: string(t.Output)}
			switch {
			case t.Err != nil:
				c.Error = &report.JUnitMessage{Message: t.Err.Error(), Type: "error", Body: fmt.Sprintf("%s:%d: %v", t.File, t.Line, t.Err) + explainBody(r, t)}
				s.Errors++
			case !t.Pass:
				c.Failure = &report.JUnitMessage{Message: "test failed", Type: "fail", Body: fmt.Sprintf("%s:%d: test failed", t.File, t.Line) + explainBody(r, t)}
				s.Failures++
			}
			s.Tests++
			s.Cases = append(s.Cases, c)
		}
		s.Time = fmt.Sprintf("%.3f", secs)
		doc.Suites = append(doc.Suites, s)
	}
	if r.CoverageJudged {
		doc.Suites = append(doc.Suites, coverageSuite(r))
	}
	for _, s := range doc.Suites {
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
	}
	if err := report.EncodeJUnit(w, doc); err != nil {
		return fmt.Errorf("write junit: %w", err)
	}
	return nil
}

// explainBody is the --explain trace appended to a JUnit failure's body,
// so a CI dashboard shows the values where it shows the failure.
func explainBody(r *TestReport, t engine.TestResult) string {
	e := r.Explain.explanation(t)
	if e == "" {
		return ""
	}
	return fmt.Sprintf("\nexplain (%s):\n%s", r.Explain, e)
}

func coverageSuite(r *TestReport) report.JUnitSuite {
	s := report.JUnitSuite{Name: CoverageSuite, Time: "0.000"}
	byControl := map[string][]Gap{}
	for _, g := range SortedGaps(r.Gaps) {
		byControl[g.ControlID] = append(byControl[g.ControlID], g)
	}
	// One case per control, so a dashboard counts covered controls too.
	for _, ctl := range r.Catalog {
		c := report.JUnitCase{Name: ctl.ID, Classname: CoverageSuite, File: ctl.File, Line: ctl.Line, Time: "0.000"}
		if gs := byControl[ctl.ID]; len(gs) > 0 {
			lines := make([]string, len(gs))
			kinds := make([]string, len(gs))
			for i, g := range gs {
				lines[i] = fmt.Sprintf("%s: %s: %s", g.Location(), g.Code, g.Message)
				kinds[i] = g.Code
			}
			c.Failure = &report.JUnitMessage{Message: strings.Join(kinds, ", "), Type: "coverage", Body: strings.Join(lines, "\n")}
			s.Failures++
		}
		s.Tests++
		s.Cases = append(s.Cases, c)
	}
	return s
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
