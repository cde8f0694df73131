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
	"github.com/rampart-audit/rampart/internal/pipeline"
	"github.com/rampart-audit/rampart/internal/report"
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

// load loads controls and workspace, printing problems and diagnostics once.
func (l *loadFlags) load(cmd *cobra.Command, p Params, workspace string) (*pipeline.Inputs, error) {
	in, err := pipeline.Load(cmd.Context(), l.controls, l.policies, workspace, engine.WithClock(p.Now))
	var problems engine.Problems
	switch {
	case errors.As(err, &problems):
		printProblems(p.Stderr, problems)
		return nil, exitWith(pipeline.ExitInput, fmt.Errorf("%d problem(s) in the controls", len(problems)))
	case errors.Is(err, pipeline.ErrInvalidWorkspace):
		printDiagnostics(p.Stderr, in.Workspace, in.Diagnostics)
		return nil, exitWith(pipeline.ExitInput, fmt.Errorf("%d error(s) in the workspace", countErrors(in)))
	case err != nil:
		return nil, exitWith(pipeline.ExitInput, err)
	}
	printDiagnostics(p.Stderr, in.Workspace, in.Diagnostics) // warnings only
	return in, nil
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
	// training records file and framework views for the governance sections
	records    string
	frameworks []string
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

Exit codes: 0 nothing at or above --fail-on; 1 failures at or above it;
2 usage or input error; 3 could not evaluate (an error result, incomplete
evidence, a not_evaluated result at or above --fail-on, or no verdict at
all); 130 interrupted by SIGINT or SIGTERM, no report written.`,
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
	cmd.Flags().StringVar(&f.failOn, "fail-on", "low", "lowest severity whose failures make the exit code 1: critical, high, medium, low, info")
	return cmd
}

func runAudit(cmd *cobra.Command, p Params, f auditFlags, args []string) error {
	workspace := "."
	if len(args) == 1 {
		workspace = args[0]
	}
	failOn, err := finding.ParseSeverity(f.failOn)
	if err != nil {
		return usageError("--fail-on: %v", err)
	}
	outputs, err := parseOutputs(f.formats, f.output)
	if err != nil {
		return usageError("%v", err)
	}
	ctx := cmd.Context()
	in, err := f.load.load(cmd, p, workspace)
	if err != nil {
		return interruptedOr(ctx, err)
	}
	recordNotes, err := f.governance(p, in)
	if err != nil {
		return err
	}
	var snaps []*evidence.Snapshot
	if len(f.evidence) > 0 || len(f.collect) == 0 {
		recorded, err := loadEvidence(workspace, f.evidence)
		if err != nil {
			return exitWith(pipeline.ExitInput, err)
		}
		snaps = append(snaps, recorded)
	}
	live, err := runCollectors(ctx, p, in.Workspace, f.collect)
	if err != nil {
		return interruptedOr(ctx, exitWith(pipeline.ExitNotEvaluated, err))
	}
	snap, err := evidence.Merge(append(snaps, live...)...)
	if err != nil {
		return exitWith(pipeline.ExitInput, err)
	}
	r := in.Evaluate(ctx, snap, p.Now())
	if pipeline.Interrupted(ctx) {
		// Results evaluated after the signal are errors of the cancellation:
		// writing them would be a report of an audit that did not happen.
		return interruptedOr(ctx, nil)
	}
	r.Workspace = workspace
	r.Controls = controlDocs(in, r.Findings)
	r.Warnings = append(r.Warnings, recordNotes...)
	if err := writeOutputs(ctx, outputs, r, p.Stdout); err != nil {
		return interruptedOr(ctx, err)
	}
	code := pipeline.ExitCode(r, failOn)
	if reason, nothing := pipeline.NothingEvaluated(r); nothing {
		return exitWith(code, errors.New(reason))
	}
	return exitWith(code, nil)
}

// interruptedOr turns err into the interrupted exit (130, no report) when
// the run's context was cancelled by SIGINT or SIGTERM — a stage stopped by
// the signal fails with whatever error the cancellation caused, which is not
// the reason — and returns err otherwise.
func interruptedOr(ctx context.Context, err error) error {
	if !pipeline.Interrupted(ctx) {
		return err
	}
	return exitWith(pipeline.ExitInterrupted, fmt.Errorf("%w: the audit stopped before it finished; no report was written", pipeline.ErrInterrupted))
}

// loadEvidence reads --evidence paths, or the workspace's evidence/ folder.
func loadEvidence(workspace string, paths []string) (*evidence.Snapshot, error) {
	if len(paths) == 0 {
		def := filepath.Join(workspace, "evidence")
		if _, err := os.Stat(def); err != nil {
			return nil, fmt.Errorf("no evidence: pass --evidence FILE (a snapshot from `rampart collect`) or put snapshots in %s", def)
		}
		paths = []string{def}
	}
	snaps := make([]*evidence.Snapshot, 0, len(paths))
	for _, path := range paths {
		s, err := evidence.Load(path)
		if err != nil {
			return nil, err
		}
		snaps = append(snaps, s)
	}
	return evidence.Merge(snaps...)
}

// governance reads --training-records and checks --framework before any
// evaluation. Fatal record problems are input errors (exit 2), each printed
// with its line; the others come back as report warnings.
func (f auditFlags) governance(p Params, in *pipeline.Inputs) ([]string, error) {
	if len(f.frameworks) > 0 {
		if err := governance.CheckFrameworks(f.frameworks, in.Controls()); err != nil {
			return nil, usageError("--framework: %v", err)
		}
		in.Governance.Frameworks = f.frameworks
	}
	if f.records == "" {
		return nil, nil
	}
	records, problems, err := governance.LoadRecords(f.records, in.Workspace, p.Now())
	if err != nil {
		return nil, exitWith(pipeline.ExitInput, fmt.Errorf("--training-records: %w", err))
	}
	var notes []string
	for _, pr := range problems {
		fmt.Fprintf(p.Stderr, "%s\n", pr)
		notes = append(notes, "training records: "+pr.String())
	}
	if problems.Fatal() {
		return nil, exitWith(pipeline.ExitInput, fmt.Errorf("--training-records: %d problem(s) in %s", len(problems), f.records))
	}
	in.Governance.Records = records
	return notes, nil
}
