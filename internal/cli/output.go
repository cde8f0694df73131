package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/rampart-audit/rampart/internal/atomicfile"
	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/model"
	"github.com/rampart-audit/rampart/internal/report"
)

// outputSpec is one --format value: "json" (to --output or stdout) or
// "sarif=rampart.sarif" (to that file).
type outputSpec struct {
	format string
	path   string
	write  report.Writer
}

func parseOutputs(formats []string, output string) ([]outputSpec, error) {
	if len(formats) == 0 {
		formats = []string{"text"}
	}
	var specs []outputSpec
	toDefault := 0
	for _, f := range formats {
		name, path, hasPath := strings.Cut(f, "=")
		w, err := report.Lookup(name)
		if err != nil {
			return nil, err
		}
		if !hasPath {
			path = output
			toDefault++
		} else if path == "" {
			return nil, fmt.Errorf("--format %s=: the file name is empty", name)
		}
		specs = append(specs, outputSpec{format: name, path: path, write: w})
	}
	if toDefault > 1 {
		return nil, fmt.Errorf("only one --format may go to %s; give the others a file: --format NAME=FILE", orStdout(output))
	}
	return specs, nil
}

func orStdout(path string) string {
	if path == "" {
		return "standard output"
	}
	return path
}

// beforeWrite, when set (BenchmarkGateMemory), is called with the finished
// report before any output is rendered: the point where everything a run
// keeps is alive, which is where its steady heap is measured.
var beforeWrite func(*report.Report)

// writeOutputs renders every requested format. Files are written atomically,
// so a failed run leaves no half-written report behind.
func writeOutputs(specs []outputSpec, r *report.Report, stdout io.Writer) error {
	if beforeWrite != nil {
		beforeWrite(r)
	}
	for _, s := range specs {
		if s.path == "" || s.path == "-" {
			if err := s.write(stdout, r); err != nil {
				return err
			}
			continue
		}
		if err := atomicfile.Write(s.path, func(w io.Writer) error { return s.write(w, r) }); err != nil {
			return fmt.Errorf("write %s report: %w", s.format, err)
		}
	}
	return nil
}

// printDiagnostics prints HCL diagnostics with the offending source lines.
func printDiagnostics(w io.Writer, ws *model.Workspace, diags hcl.Diagnostics) {
	if len(diags) == 0 {
		return
	}
	var files map[string]*hcl.File
	if ws != nil {
		files = ws.Files
	}
	dw := hcl.NewDiagnosticTextWriter(w, files, 100, false)
	_ = dw.WriteDiagnostics(diags)
}

// printProblems prints control load problems, one per line.
func printProblems(w io.Writer, ps engine.Problems) {
	for _, p := range ps {
		fmt.Fprintf(w, "%s\n", p)
	}
}
