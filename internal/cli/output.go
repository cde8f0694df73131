package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/rampart-audit/rampart/internal/atomicfile"
	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/model"
	"github.com/rampart-audit/rampart/internal/pipeline"
	"github.com/rampart-audit/rampart/internal/report"
	"github.com/rampart-audit/rampart/internal/verdict"
)

// outputSpec is one --format value: "json" (to --output or stdout) or
// "sarif=rampart.sarif" (to that file).
type outputSpec struct {
	format string
	path   string
	write  report.Writer
	// colour, when set, renders the format for a terminal: the text
	// report on a standard output that may carry colour (writeOutputs).
	colour report.Writer
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
		spec := outputSpec{format: name, path: path, write: w}
		if name == "text" {
			spec.colour = redacted(report.WriteTextColour)
		}
		specs = append(specs, spec)
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

// writeOutputs renders every requested format, all or none: each file is
// written to a temporary file beside it, side by side (writers never change
// the report, and on a large repository SARIF, Markdown and text each take
// a noticeable share of the run), and only when every one succeeded are
// they renamed into place (atomicfile.WriteAll, which says why that is not
// atomic across files). A failure leaves no report, not even the complete
// ones: a PR comment of a run that never finished must not be posted.
// Standard output and devices are written in place; they cannot be undone.
//
// An output that cannot be written exits 2 naming the file; an interrupt
// (ctx cancelled, SIGINT or SIGTERM in cmd/rampart) exits 130, as an
// interrupted audit does at any other stage: the run did not finish.
func writeOutputs(ctx context.Context, specs []outputSpec, r *report.Report, stdout io.Writer) error {
	if beforeWrite != nil {
		beforeWrite(r)
	}
	// Every report names the rampart that wrote it (JSON rampart_version,
	// SARIF tool.driver.version), set here where audit and gate both pass.
	r.RampartVersion = resolvedVersion()
	files := make([]atomicfile.File, 0, len(specs))
	for _, s := range specs {
		f := atomicfile.File{Path: s.path, Write: func(w io.Writer) error {
			if err := s.write(w, r); err != nil {
				return fmt.Errorf("render %s: %w", s.format, err)
			}
			return nil
		}}
		if s.path == "" || s.path == "-" {
			f = atomicfile.File{To: stdout, Write: f.Write}
			if s.colour != nil && colourOn(stdout) {
				f.Write = func(w io.Writer) error {
					if err := s.colour(w, r); err != nil {
						return fmt.Errorf("render %s: %w", s.format, err)
					}
					return nil
				}
			}
		}
		files = append(files, f)
	}
	err := atomicfile.WriteAll(ctx, files)
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil:
		return exitWith(verdict.ExitInterrupted, fmt.Errorf("%w: no report written: %w", pipeline.ErrInterrupted, err))
	}
	return exitWith(verdict.ExitInput, fmt.Errorf("no report written: %w", err))
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
	dw := hcl.NewDiagnosticTextWriter(w, files, 100, colourOn(w))
	_ = dw.WriteDiagnostics(diags)
}

// printProblems prints control load problems, one per line.
func printProblems(w io.Writer, ps engine.Problems) {
	for _, p := range ps {
		fmt.Fprintf(w, "%s\n", p)
	}
}

// printWarnings prints the report's warnings to the log, once: every
// command's warnings are the report's (r.Warnings), and the workspace
// diagnostics among them were printed with their source excerpt when the
// workspace was loaded (printed), so they are not repeated here.
func printWarnings(w io.Writer, warnings []string, printed hcl.Diagnostics) {
	seen := map[string]bool{}
	for _, d := range printed {
		if d.Severity == hcl.DiagWarning {
			seen[pipeline.DiagnosticText(d)] = true
		}
	}
	for _, warning := range warnings {
		if seen[warning] {
			continue
		}
		seen[warning] = true
		fmt.Fprintf(w, "%s %s\n", paint(colourOn(w), ansiYellow, "warning:"), warning)
	}
}
