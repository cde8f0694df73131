package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"

	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/governance"
	"github.com/rampart-audit/rampart/internal/model"
	"github.com/rampart-audit/rampart/internal/pipeline"
	"github.com/rampart-audit/rampart/internal/report"
	"github.com/rampart-audit/rampart/internal/verdict"
)

// loadFlags are the flags every command that loads controls and a workspace shares.
type loadFlags struct {
	controls []string
	policies string
}

func (l *loadFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringArrayVar(&l.controls, "controls", nil, "controls to load instead of the embedded set: a folder, an OPA bundle (.tar.gz) or \"embedded\" (repeatable)")
	cmd.Flags().StringVar(&l.policies, "policies", "", "load the governance pack from this folder instead of the embedded one")
}

// load loads controls and workspace alone (collect, gate), printing
// problems and diagnostics once.
func (l *loadFlags) load(cmd *cobra.Command, p Params, workspace string, opts ...engine.Option) (*pipeline.Inputs, error) {
	in, err := pipeline.Load(cmd.Context(), l.controls, l.policies, workspace, append([]engine.Option{engine.WithClock(p.Now)}, opts...)...)
	if in != nil {
		printDiagnostics(p.Stderr, in.Workspace, in.Diagnostics) // warnings only unless err
	}
	if err != nil {
		return nil, loadError(p, err, in)
	}
	return in, nil
}

// loadError is the exit of a failed load: the controls' problems printed
// one per line (the workspace's diagnostics are printed by the caller, in
// the order of the stages), exit 2.
func loadError(p Params, err error, in *pipeline.Inputs) error {
	var problems engine.Problems
	switch {
	case errors.As(err, &problems):
		printProblems(p.Stderr, problems)
		return exitWith(verdict.ExitInput, fmt.Errorf("%d problem(s) in the controls", len(problems)))
	case errors.Is(err, pipeline.ErrInvalidWorkspace) && in != nil:
		return exitWith(verdict.ExitInput, fmt.Errorf("%d error(s) in the workspace", countErrors(in)))
	}
	return exitWith(verdict.ExitInput, err)
}

func countErrors(in *pipeline.Inputs) int {
	n := 0
	for _, d := range in.Diagnostics {
		if d.Severity == hcl.DiagError {
			n++
		}
	}
	return n
}

type auditFlags struct {
	load     loadFlags
	evidence []string
	collect  []string
	formats  []string
	output   string
	failOn   string
	// softFail is --soft-fail, --fail-on none by another name (Checkov's).
	softFail     bool
	workspace    string
	allowUnknown bool
	// training records file and framework views for the governance sections
	records    string
	frameworks []string
	store      storeFlag // audit_store.go
	// bundle: the auditor's bundle folder (bundle.go) and its signing key
	bundle, bundleKey string
}

func newAuditCommand(p Params) *cobra.Command {
	var f auditFlags
	cmd := &cobra.Command{
		Use:   "audit [WORKSPACE]",
		Short: "Evaluate every control against the evidence and report findings linked to risks",
		Long: `Evaluate every control against every resource of the evidence, link the
results to the workspace's risks, mitigations, training and policies, and
report them.

Evidence comes from --evidence (snapshot files or folders); without it, the
workspace's evidence/ folder is used.

Without a workspace (no *.hcl in the current folder) and with --evidence,
the embedded governance pack alone is used, with a note.

Exit codes: 0 nothing at or above --fail-on; 1 failures, overdue alerts or
policies past review at or above it; 2 usage or input error; 3 could not
evaluate (an error result, a collection cut short, a scope not collected
or a not_evaluated result at or above --fail-on unless --allow-unknown,
or no verdict at all); 130
interrupted by SIGINT or SIGTERM, no report written. The last line on
standard error says which code and why.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAudit(cmd, p, f, args)
		},
	}
	f.load.register(cmd)
	cmd.Flags().StringArrayVar(&f.evidence, "evidence", nil, "evidence snapshot file or folder of them (repeatable)")
	cmd.Flags().StringArrayVar(&f.collect, "collect", nil, "collect live evidence first with this collector (repeatable): "+fmt.Sprint(collectorNames()))
	cmd.Flags().StringArrayVar(&f.formats, "format", nil, "output format, repeatable: "+strings.Join(report.Formats(), ", ")+", or NAME=FILE to write one to a file")
	cmd.Flags().StringVarP(&f.output, "output", "o", "", "write the report to this file instead of standard output")
	cmd.Flags().StringVar(&f.records, "training-records", "", "CSV export of training completions (columns person, training, completed_at) merged with the workspace's")
	cmd.Flags().StringArrayVar(&f.frameworks, "framework", nil, "add a per-reference view of this framework to the report (repeatable): iso27001-2022, cis, nist-800-53-r5, soc2 …")
	cmd.Flags().StringVar(&f.bundle, "bundle", "", "also write an evidence bundle to this new folder: report, evidence, workspace at its commit, catalogue, SHA-256 manifest (rampart verify checks it)")
	cmd.Flags().StringVar(&f.bundleKey, "bundle-key", "", "sign the bundle's manifest with this ed25519 private key (PEM); default "+BundleKeyEnv)
	cmd.Flags().StringVar(&f.failOn, "fail-on", "low", "lowest severity whose failures make the exit code 1: critical, high, medium, low, info, or none (report only; could-not-evaluate still exits 3)")
	cmd.Flags().BoolVar(&f.softFail, "soft-fail", false, "report only: the same as --fail-on none")
	cmd.Flags().StringVar(&f.workspace, "workspace", "", "the same as the WORKSPACE argument")
	cmd.Flags().BoolVar(&f.allowUnknown, "allow-unknown", false, "do not exit 3 on not_evaluated results or scopes not collected (they stay in the report); errors and a collection cut short still exit 3")
	f.store.register(cmd, "record the run in this run store")
	f.store.registerIncremental(cmd)
	return cmd
}

func runAudit(cmd *cobra.Command, p Params, f auditFlags, args []string) error {
	// An audit is a batch run: most of what it allocates (Rego inputs and
	// evaluation state per resource) is garbage at once. Collect less often
	// while the heap is small, as often as Go's default once it nears
	// auditHeapTarget, and never past auditMemoryLimit while the live
	// heap is below half of it (gctune.go; BenchmarkAudit measures both
	// against GOGC=100, the audit before).
	limit := uint64(auditMemoryLimit)
	if finding.WholeResults() {
		limit = 0 // the audit before the limit: BenchmarkAudit's baseline
	}
	defer tuneGC(auditHeapTarget, limit)()
	failOn, err := failOnFlags(cmd, f.failOn, f.softFail)
	if err != nil {
		return err
	}
	// --workspace is the argument's other spelling, as on every command
	// that reads a workspace (the gate has only it: its arguments are paths).
	ws, err := workspaceArg(args, f.workspace)
	if err != nil {
		return err
	}
	if ws != "" {
		args = []string{ws}
	}
	workspace, err := auditWorkspace(p, args, f.evidence)
	if err != nil {
		return err
	}
	outputs, err := parseOutputs(f.formats, f.output)
	if err != nil {
		return usageError("%v", err)
	}
	ctx := cmd.Context()
	var loaded *pipeline.Inputs
	cfg := pipeline.Config{
		Controls: f.load.controls, Policies: f.load.policies, Workspace: workspace,
		// The log says what loading found before evidence is collected.
		OnLoad: func(l pipeline.Loaded) {
			loaded = &pipeline.Inputs{Workspace: l.Workspace, Diagnostics: l.Diagnostics}
			printDiagnostics(p.Stderr, l.Workspace, l.Diagnostics)
			// Usable records' problems are report warnings, printed with
			// the others at the end; fatal ones stop the run here.
			if l.RecordProblems.Fatal() {
				for _, pr := range l.RecordProblems {
					fmt.Fprintf(p.Stderr, "%s\n", pr)
				}
			}
		},
		// Recorded evidence: --evidence, or the workspace's evidence/ folder
		// unless live evidence is collected instead.
		EvidenceFiles: f.evidence, WorkspaceEvidence: len(f.collect) == 0,
		Records: f.records, Frameworks: f.frameworks, Now: p.Now,
	}
	var collected []*evidence.Snapshot
	if len(f.collect) > 0 {
		cfg.Collect = func(ctx context.Context, ws *model.Workspace) (snaps []*evidence.Snapshot, err error) {
			snaps, err = runCollectors(ctx, p, ws, f.collect)
			collected = snaps
			return snaps, err
		}
	}
	r, err := f.store.run(ctx, p, cfg, workspace, f.collect)
	if err != nil {
		return auditError(ctx, p, f, err, loaded)
	}
	if pipeline.Interrupted(ctx) {
		// Results evaluated after the signal are errors of the cancellation:
		// writing them would be a report of an audit that did not happen.
		return interruptedOr(ctx, nil)
	}
	if err := writeOutputs(ctx, outputs, r, p.Stdout); err != nil {
		return interruptedOr(ctx, err)
	}
	if f.bundle != "" {
		if err := writeAuditBundle(ctx, p, f, workspace, r, collected); err != nil {
			return interruptedOr(ctx, err)
		}
	}
	var printed hcl.Diagnostics
	if loaded != nil {
		printed = loaded.Diagnostics
	}
	printWarnings(p.Stderr, r.Warnings, printed)
	d := verdict.Decide(r, verdict.Options{FailOn: failOn, AllowUnknown: f.allowUnknown})
	line := d.Line()
	if colourOn(p.Stderr) {
		// The code in its colour; the reason stays plain, for reading.
		head, rest, _ := strings.Cut(line, ":")
		line = paint(true, exitStyle(d.Code), head) + ":" + rest
	}
	fmt.Fprintf(p.Stderr, "rampart audit %s\n", line)
	return exitWith(d.Code, nil)
}

// failOnFlags reads --fail-on and --soft-fail, as audit and gate both take
// them: a severity, or "" for none (report only), which --soft-fail is by
// another name (Checkov's); the two contradicting is a usage error.
func failOnFlags(cmd *cobra.Command, failOn string, softFail bool) (finding.Severity, error) {
	sev, err := verdict.ParseFailOn(failOn)
	if err != nil {
		return "", usageError("--fail-on: %v", err)
	}
	if softFail {
		if cmd.Flags().Changed("fail-on") && sev != "" {
			return "", usageError("--soft-fail is --fail-on none: it contradicts --fail-on %s", failOn)
		}
		sev = ""
	}
	return sev, nil
}

// auditWorkspace is the folder to load: the argument, or the current
// folder. An argument that is a file is a snapshot given in the wrong place
// (exit 2, naming the flag); a current folder with no *.hcl and --evidence
// given is an audit of the snapshot against the embedded pack alone, said
// in a note ("" is the pack alone, as in the gate).
func auditWorkspace(p Params, args, evidenceFiles []string) (string, error) {
	if len(args) == 1 {
		if st, err := os.Stat(args[0]); err == nil && !st.IsDir() {
			return "", usageError("%s is a file; did you mean --evidence %s? (the argument of audit is the workspace folder)", args[0], args[0])
		}
		return args[0], nil
	}
	if hcl, _ := filepath.Glob("*.hcl"); len(hcl) == 0 && len(evidenceFiles) > 0 {
		fmt.Fprintln(p.Stderr, "note: no workspace here (no *.hcl in the current folder): auditing against the embedded governance pack only; `rampart init` writes a workspace")
		return "", nil
	}
	return ".", nil
}

// auditError maps a failed run to its exit: input errors 2 (bad controls,
// workspace, --framework, --training-records, evidence), a failed
// collector 3, and 130 when the signal is what stopped loading or collecting.
func auditError(ctx context.Context, p Params, f auditFlags, err error, loaded *pipeline.Inputs) error {
	var se *pipeline.Error
	if !errors.As(err, &se) {
		return exitWith(verdict.ExitInput, err)
	}
	switch se.Stage {
	case pipeline.StageLoad:
		return interruptedOr(ctx, loadError(p, se.Err, loaded))
	case pipeline.StageFrameworks:
		return usageError("--framework: %v", se.Err)
	case pipeline.StageRecords:
		if problems, ok := se.Err.(governance.RecordProblems); ok {
			return exitWith(verdict.ExitInput, fmt.Errorf("--training-records: %d problem(s) in %s", len(problems), f.records))
		}
		return exitWith(verdict.ExitInput, fmt.Errorf("--training-records: %w", se.Err))
	case pipeline.StageCollect:
		var input *collectorInputError
		if errors.As(se.Err, &input) {
			return exitWith(verdict.ExitInput, input)
		}
		return interruptedOr(ctx, exitWith(verdict.ExitNotEvaluated, se.Err))
	}
	return exitWith(verdict.ExitInput, se.Err)
}

// interruptedOr turns err into the interrupted exit (130, no report) when
// the run's context was cancelled by SIGINT or SIGTERM — a stage stopped by
// the signal fails with whatever error the cancellation caused, which is not
// the reason — and returns err otherwise.
func interruptedOr(ctx context.Context, err error) error {
	if !pipeline.Interrupted(ctx) {
		return err
	}
	return exitWith(verdict.ExitInterrupted, fmt.Errorf("%w: the audit stopped before it finished; no report was written", pipeline.ErrInterrupted))
}
