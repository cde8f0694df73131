package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/spf13/cobra"

	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/gate"
	"github.com/rampart-audit/rampart/internal/hcllimit"
	"github.com/rampart-audit/rampart/internal/model"
	"github.com/rampart-audit/rampart/internal/pipeline"
	"github.com/rampart-audit/rampart/internal/report"
	"github.com/rampart-audit/rampart/internal/terraform"
	"github.com/rampart-audit/rampart/internal/verdict"
)

type gateFlags struct {
	load         loadFlags
	workspace    string
	baseline     string
	baselineRef  string
	varFiles     []string
	formats      []string
	output       string
	failOn       string
	softFail     bool
	allowUnknown bool
	linkBase     string
}

func newGateCommand(p Params) *cobra.Command {
	var f gateFlags
	cmd := &cobra.Command{
		Use:   "gate [PATH...]",
		Short: "Check the Terraform of a pull request; fail only on findings new against a baseline",
		Long: `Evaluate the Terraform under PATHs (default: the current folder) with the
same controls the audit runs on live evidence, validate the workspace HCL,
and compare the findings with a baseline by fingerprint: new, unchanged,
fixed. Only new results at or above --fail-on block.

Baseline: --baseline FILE (an earlier --format json report) or
--baseline-ref REF (the same PATHs at a git ref of the local repository,
e.g. origin/main; nothing is fetched). Without either, every finding is new.

Workspace: --workspace DIR; by default the current folder when its *.hcl
files are workspace HCL, otherwise only the embedded governance pack.

Exit codes (internal/verdict decides them, as for audit): 0 nothing new
blocks; 1 a new failure at or above --fail-on, or an expired waiver the
change touches; 2 usage or input error (bad flags, HCL syntax errors); 3 a
new result could not be evaluated (an error, or not_evaluated at or above
--fail-on unless --allow-unknown). --fail-on none (or --soft-fail) is a
report-only run: nothing new fails it, though could-not-evaluate still
exits 3.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runGate(cmd, p, f, args)
		},
	}
	f.load.register(cmd)
	fl := cmd.Flags()
	fl.StringVar(&f.workspace, "workspace", "", "workspace folder (default: the current folder if its *.hcl files are workspace HCL, else the embedded pack only)")
	fl.StringVar(&f.baseline, "baseline", "", "earlier JSON report to compare with")
	fl.StringVar(&f.baselineRef, "baseline-ref", "", "git ref whose version of the same paths is the baseline (e.g. origin/main)")
	fl.StringArrayVar(&f.varFiles, "var-file", nil, "tfvars file applied to every root module after terraform.tfvars and *.auto.tfvars (repeatable)")
	fl.StringArrayVar(&f.formats, "format", nil, "output format, repeatable: "+strings.Join(report.Formats(), ", ")+", or NAME=FILE to write one to a file")
	fl.StringVarP(&f.output, "output", "o", "", "write the report to this file instead of standard output")
	fl.StringVar(&f.failOn, "fail-on", "high", "lowest severity whose new failures fail the gate: critical, high, medium, low, info, or none (report only; could-not-evaluate still exits 3)")
	fl.BoolVar(&f.softFail, "soft-fail", false, "report only: the same as --fail-on none")
	fl.StringVar(&f.linkBase, "link-base", "", "URL prefix for file links in the Markdown report, e.g. https://github.com/OWNER/REPO/blob/SHA/")
	fl.BoolVar(&f.allowUnknown, "allow-unknown", false, "do not block on new not_evaluated results (values Terraform knows only after apply)")
	return cmd
}

func runGate(cmd *cobra.Command, p Params, f gateFlags, args []string) error {
	// A gate run is short-lived and allocation-heavy (syntax trees, values,
	// Rego inputs): collect garbage less often while the heap is small, as
	// often as Go's default once it is large (gctune.go; BenchmarkGate in
	// internal/gate and BenchmarkGateMemory measure both sides).
	defer tuneGC(gcHeapTarget, 0)()
	ctx := cmd.Context()
	failOn, err := failOnFlags(cmd, f.failOn, f.softFail)
	if err != nil {
		return err
	}
	if f.baseline != "" && f.baselineRef != "" {
		return usageError("--baseline and --baseline-ref are exclusive: give one")
	}
	outputs, err := parseOutputs(f.formats, f.output)
	if err != nil {
		return usageError("%v", err)
	}
	paths := args
	if len(paths) == 0 {
		paths = []string{"."}
	}
	lim, err := terraformLimits(p)
	if err != nil {
		return usageError("%v", err)
	}
	// Inputs are checked before anything is evaluated: a baseline that
	// cannot be read must not come after a full evaluation's output.
	var baseFile []finding.Finding
	switch {
	case f.baseline != "":
		if baseFile, err = gate.ReadBaseline(f.baseline); err != nil {
			return exitWith(verdict.ExitInput, err)
		}
	case f.baselineRef != "":
		if err := gate.CheckRef(ctx, ".", f.baselineRef); err != nil {
			return exitWith(verdict.ExitInput, fmt.Errorf("--baseline-ref: %w", err))
		}
	}
	workspace := gateWorkspace(f.workspace, p.Stderr)
	// Reading the Terraform and compiling the controls are independent and
	// each take a good part of a run: overlap them. Diagnostics of both
	// are printed after both finished, workspace first, so output is stable.
	type tfResult struct {
		res *terraform.Result
		err error
	}
	tfDone := make(chan tfResult, 1)
	go func() {
		// In a child process: untrusted Terraform can exhaust memory
		// without any function call (terraform/child.go).
		res, err := terraform.LoadInChild(ctx, terraform.Dir("."), paths, terraform.Options{VarFiles: f.varFiles}, lim)
		tfDone <- tfResult{res, err}
	}()
	// The controls are parsed and checked beside the child; they are
	// compiled once its resources are known, and only those their types
	// need (engine.CompileNeeded: most of the catalogue's compile is for
	// types a pull request does not touch).
	in, err := f.load.load(cmd, p, workspace, engine.CompileNeeded())
	tf := <-tfDone
	if err != nil {
		return err
	}
	snap, tfWarnings, err := mapTerraform(p, tf.res, tf.err, true)
	if err != nil {
		return err
	}
	// Printed already, with their source lines: the Terraform warnings and
	// the pull request's workspace warnings.
	printed := map[string]bool{}
	for _, w := range tfWarnings {
		printed[w] = true
	}
	for _, d := range in.Diagnostics {
		printed[pipeline.DiagnosticText(d)] = true
	}
	// The pull request's workspace was validated above; what judges it is
	// the trusted one (gate_trust.go).
	trust, err := gateTrust(ctx, p, f, in, workspace)
	if err != nil {
		return err
	}
	defer trust.cleanup()
	in = trust.in
	r, err := pipeline.Run(ctx, pipeline.Config{Inputs: in, Workspace: workspace, Now: p.Now, PullRequest: true,
		Evidence: []*evidence.Snapshot{snap}, EvidenceWarnings: tfWarnings, Warnings: trust.warnings})
	if err != nil {
		// A control this change's resources need does not compile: its
		// problems, one per line, as a load prints them (exit 2).
		return loadError(p, err, nil)
	}

	baseline, baseName, cleanup, err := gateBaseline(ctx, p, f, baseFile, in, paths, workspace, lim)
	if err != nil {
		return err
	}
	defer cleanup()
	if w := gate.BaselineOverlap(r.Findings, baseline, baseName); w != "" {
		r.Warnings = append(r.Warnings, w)
	}
	g := gate.Compare(r.Findings, baseline, baseName)
	g.GovernanceFrom, g.GovernanceChanges = trust.from, trust.changes
	code := gate.Decide(r, g, gate.Options{FailOn: failOn, AllowUnknown: f.allowUnknown, Waivers: trust.waivers})
	r.Warnings = append(r.Warnings, g.Warnings...)
	g.LinkBase = f.linkBase
	r.Gate = g
	// Waivers expiring, the trust note, the baseline's overlap: said once
	// in the log. A pull request gets no risk register and no appetite
	// warnings (pipeline.Config.PullRequest).
	var fresh []string
	for _, w := range r.Warnings {
		if !printed[w] {
			fresh = append(fresh, w)
		}
	}
	printWarnings(p.Stderr, fresh, nil)
	redactOnce(outputs)
	if err := writeOutputs(ctx, outputs, r, p.Stdout); err != nil {
		return err
	}
	printGateSummary(p.Stderr, r, g)
	printGovernanceChanges(p.Stderr, g)
	return exitWith(code, nil)
}

// redacted renders a writer outside report.Writers (the gate's text) from
// the redacted copy of the report, as report.Lookup does for every format.
func redacted(w report.Writer) report.Writer {
	return func(out io.Writer, r *report.Report) error {
		safe, err := report.Redact(r)
		if err != nil {
			return fmt.Errorf("redact report: %w", err)
		}
		return w(out, safe)
	}
}

// redactOnce has every output of the gate render the same redacted copy
// of the report. report.Lookup's writers each redact their own: the
// GitHub Action's three outputs (SARIF, Markdown, text) walked and scanned
// the whole report three times, about a sixth of a 200-file gate's CPU
// (BenchmarkGate). The copy is report.Redact's, which redacts a control's
// title, frameworks and links once, not once per finding as redact.Value
// over the whole report did. The copy is made from the report the first writer is
// given (writeOutputs stamps the version before any writes), and
// writers never change their input, so they can share it.
func redactOnce(outputs []outputSpec) {
	var (
		once       sync.Once
		from, safe *report.Report
		err        error
	)
	shared := func(r *report.Report) (*report.Report, error) {
		once.Do(func() { from = r; safe, err = report.Redact(r) })
		if r != from { // not the report the copy was made of: its own copy
			return report.Redact(r)
		}
		return safe, err
	}
	render := func(w report.Writer) report.Writer {
		return func(out io.Writer, r *report.Report) error {
			s, err := shared(r)
			if err != nil {
				return fmt.Errorf("redact report: %w", err)
			}
			return w(out, s)
		}
	}
	for i, o := range outputs {
		if o.format == "text" {
			// The gate's own text report: what the change did (gate/text.go).
			outputs[i].write = render(gate.WriteText)
			outputs[i].colour = render(gate.WriteTextColour)
			continue
		}
		// parseOutputs took the format from report.Lookup: it is registered.
		outputs[i].write = render(report.Writers[o.format])
	}
}

// gateBaseline returns the findings to compare with: an earlier report, the
// same paths evaluated at a git ref with the same workspace, or none.
// cleanup removes the git tree once the run is done.
func gateBaseline(ctx context.Context, p Params, f gateFlags, baseFile []finding.Finding, in *pipeline.Inputs, paths []string, workspace string, lim terraform.Limits) ([]finding.Finding, string, func(), error) {
	nothing := func() {}
	switch {
	case f.baseline != "":
		return baseFile, f.baseline, nothing, nil
	case f.baselineRef != "":
		root, cleanup, err := gate.GitTree(ctx, ".", f.baselineRef, paths)
		if err != nil {
			return nil, "", nothing, exitWith(verdict.ExitInput, fmt.Errorf("--baseline-ref: %w", err))
		}
		name := "git:" + f.baselineRef
		// Paths the change adds, or that held no Terraform yet, have no
		// baseline: everything in them is new.
		basePaths := existing(root, paths)
		if len(basePaths) == 0 {
			return nil, name, cleanup, nil
		}
		snap, _, err := readTerraform(ctx, p, terraform.Dir(root), basePaths, existing(root, f.varFiles), lim, false)
		switch {
		case errors.Is(err, terraform.ErrNoConfiguration):
			return nil, name, cleanup, nil
		case err != nil:
			cleanup()
			return nil, "", nothing, exitWith(verdict.ExitInput, fmt.Errorf("baseline at %s: %w", f.baselineRef, err))
		}
		// The same trusted inputs and workspace judge the baseline, so a
		// finding keeps its fingerprint and system on both sides.
		r, err := pipeline.Run(ctx, pipeline.Config{Inputs: in, Workspace: workspace, Now: p.Now, PullRequest: true, Evidence: []*evidence.Snapshot{snap}})
		if err != nil {
			cleanup()
			return nil, "", nothing, exitWith(verdict.ExitInput, fmt.Errorf("baseline at %s: %w", f.baselineRef, err))
		}
		return r.Findings, name, cleanup, nil
	}
	return nil, "none", nothing, nil
}

// gateWorkspace picks the workspace: the flag; else the current folder when
// its *.hcl files are a rampart workspace (a repository that keeps its
// workspace at the root, where CI runs); else none, the embedded governance
// pack alone. Infrastructure repositories often hold other HCL at the root
// (.terraform.lock.hcl, terragrunt.hcl, Packer templates): those are not
// mistaken for a workspace, and the note says how to name one. A block
// that is a typo of a workspace block (`waivers`) does not make the folder
// foreign: the folder is the workspace and loading it reports the typo as
// an error, as audit does — dropping the workspace would drop its waivers
// and systems without a word.
func gateWorkspace(flag string, stderr io.Writer) string {
	if flag != "" {
		return flag
	}
	names, _ := filepath.Glob("*.hcl")
	if len(names) == 0 {
		return ""
	}
	for _, n := range names {
		src, err := os.ReadFile(n)
		if err != nil {
			return ""
		}
		f, diags := hcllimit.ParseConfig(src, n, hcl.InitialPos) // no stack overflow on deep nesting
		if diags.HasErrors() {
			fmt.Fprintf(stderr, "note: %s is not valid HCL; the current folder is not used as the workspace (pass --workspace DIR)\n", n)
			return ""
		}
		for _, b := range f.Body.(*hclsyntax.Body).Blocks {
			if !model.IsRootBlock(b.Type) && model.NearRootBlock(b.Type) == "" {
				fmt.Fprintf(stderr, "note: %s is not rampart workspace HCL (block %q); using the embedded governance pack only (pass --workspace DIR)\n", n, b.Type)
				return ""
			}
		}
	}
	return "."
}

// readTerraform loads (in a child process under lim: the baseline ref is
// the pull request's history, untrusted too) and maps the Terraform under
// paths. Syntax errors are printed with their source lines (exit 2);
// warnings are printed and returned for the report. Scope paths are made
// relative to the workspace where resources are claimed (pipeline).
func readTerraform(ctx context.Context, p Params, fsys terraform.Dir, paths, varFiles []string, lim terraform.Limits, print bool) (*evidence.Snapshot, []string, error) {
	res, err := terraform.LoadInChild(ctx, fsys, paths, terraform.Options{VarFiles: varFiles}, lim)
	return mapTerraform(p, res, err, print)
}

// terraformLimits are the limits of the Terraform child: the default, or
// terraform.MemoryLimitEnv (MiB).
func terraformLimits(p Params) (terraform.Limits, error) {
	v := p.Getenv(terraform.MemoryLimitEnv)
	if v == "" {
		return terraform.Limits{}, nil
	}
	mib, err := strconv.ParseInt(v, 10, 64)
	if err != nil || mib <= 0 || mib > 1<<30 {
		return terraform.Limits{}, fmt.Errorf("%s: want a whole number of MiB from 1, got %q", terraform.MemoryLimitEnv, v)
	}
	return terraform.Limits{Memory: mib << 20}, nil
}

// mapTerraform turns a Load result into evidence, printing diagnostics.
func mapTerraform(p Params, res *terraform.Result, err error, print bool) (*evidence.Snapshot, []string, error) {
	if err != nil {
		return nil, nil, exitWith(verdict.ExitInput, err)
	}
	if res.Diagnostics.HasErrors() {
		writeHCLDiagnostics(p.Stderr, res.Files, res.Diagnostics)
		return nil, nil, exitWith(verdict.ExitInput, fmt.Errorf("%d error(s) in the Terraform configuration", countDiagErrors(res.Diagnostics)))
	}
	if print {
		writeHCLDiagnostics(p.Stderr, res.Files, res.Diagnostics)
	}
	var warnings []string
	for _, d := range res.Diagnostics {
		warnings = append(warnings, diagLine(d))
	}
	return res.Snapshot, warnings, nil
}

// existing keeps the var files that exist in the baseline tree: a tfvars
// file the change adds has no baseline version.
func existing(root string, files []string) []string {
	var out []string
	for _, f := range files {
		if _, err := os.Stat(filepath.Join(root, f)); err == nil {
			out = append(out, f)
		}
	}
	return out
}

// writeHCLDiagnostics prints each diagnostic once: a line opening with
// file:line:col (what editors and CI logs link) and the message, then the
// offending source lines. HCL's own text writer would repeat the message
// under its own header.
func writeHCLDiagnostics(w io.Writer, files map[string]*hcl.File, diags hcl.Diagnostics) {
	for _, d := range diags {
		sev := "warning"
		if d.Severity == hcl.DiagError {
			sev = "error"
		}
		fmt.Fprintf(w, "%s: %s\n", sev, diagLine(d))
		writeExcerpt(w, files, d.Subject)
	}
}

// writeExcerpt prints the source lines of rng (at most three), numbered.
func writeExcerpt(w io.Writer, files map[string]*hcl.File, rng *hcl.Range) {
	if rng == nil {
		return
	}
	f := files[rng.Filename]
	if f == nil {
		return
	}
	lines := strings.Split(string(f.Bytes), "\n")
	last := min(rng.End.Line, rng.Start.Line+2, len(lines))
	for n := rng.Start.Line; n >= 1 && n <= last; n++ {
		fmt.Fprintf(w, "  %4d: %s\n", n, strings.TrimRight(lines[n-1], "\r"))
	}
}

func countDiagErrors(diags hcl.Diagnostics) int {
	n := 0
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			n++
		}
	}
	return n
}

func diagLine(d *hcl.Diagnostic) string {
	msg := d.Summary
	if d.Detail != "" {
		msg += ": " + d.Detail
	}
	if d.Subject != nil {
		return fmt.Sprintf("%s:%d:%d: %s", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column, msg)
	}
	return msg
}

// printGateSummary ends the log with the verdict and its reasons, one line
// each (the text report has every result in full).
func printGateSummary(w io.Writer, r *report.Report, g *report.GateInfo) {
	audit := map[string]bool{}
	for _, fp := range g.CheckedByAudit {
		audit[fp] = true
	}
	newN, unchanged := 0, 0
	for fp, c := range g.Changes {
		switch {
		case audit[fp]:
		case c == gate.New:
			newN++
		default:
			unchanged++
		}
	}
	verdictWord := "passed"
	if !g.Passed {
		verdictWord = "FAILED"
	}
	threshold := "fail on " + g.FailOn + " and above"
	if g.FailOn == verdict.FailOnNone {
		threshold = "report only, --fail-on none"
	}
	fmt.Fprintf(w, "rampart gate %s (baseline %s, %s): %d new, %d unchanged, %d fixed, %d waived, %d checked by the audit\n",
		verdictWord, g.Baseline, threshold, newN, unchanged, len(g.Fixed), r.Summary.Waived, len(g.CheckedByAudit))
	// A first change to a large repository can bring thousands: the log
	// shows the first ones, the reports have all of them.
	const shown = 20
	for i, reason := range g.Reasons {
		if i == shown {
			fmt.Fprintf(w, "  … and %d more (all of them are in the reports)\n", len(g.Reasons)-shown)
			break
		}
		fmt.Fprintf(w, "  %s\n", reason)
	}
}
