package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/rampart-audit/rampart/internal/authoring"
	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/pipeline"
	"github.com/rampart-audit/rampart/internal/verdict"
)

func newTestCommand(p Params) *cobra.Command {
	var (
		controls []string
		policies string
		verbose  bool
		run      string
		format   string
		explain  string
		wsFlag   string
	)
	cmd := &cobra.Command{
		Use:   "test [WORKSPACE]",
		Short: "Run the Rego tests of the workspace's and built-in controls, validate METADATA and governance HCL, report coverage",
		Long: `Run the Rego unit tests of the workspace's own controls (WORKSPACE/controls)
together with the built-in ones (or those of --controls), validate every
control's METADATA and the governance HCL with its references, and report
coverage: controls without tests, without a passing, failing or missing-data
case, and controls no mitigation or policy statement lists.

--explain prints, under each test that does not pass, OPA's trace of its
evaluation (as opa test --explain): every step with file:line and the values
of its variables, ending with the expression that made the test false.

Exit codes: 0 all tests pass and coverage is complete; 1 a test failed or a
coverage gap; 2 invalid input (Rego, METADATA, HCL, flags).`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "junit" {
				return usageError("--format must be text or junit, got %q", format)
			}
			mode, err := authoring.ParseExplain(explain)
			if err != nil {
				return usageError("%v", err)
			}
			workspace, err := workspaceArg(args, wsFlag)
			if err != nil {
				return err
			}
			if workspace == "" {
				workspace = "."
			}
			sources, err := pipeline.ControlSources(controls)
			if err != nil {
				return exitWith(verdict.ExitInput, err)
			}
			pack, packName := pipeline.Pack(policies)
			rep, err := authoring.RunTests(cmd.Context(), authoring.TestOptions{
				Sources: sources, ControlPaths: controls, Workspace: workspace, Pack: pack, PackName: packName, Run: run, Explain: mode,
			})
			var problems engine.Problems
			var wsErr *authoring.WorkspaceError
			switch {
			case errors.As(err, &problems):
				printProblems(p.Stderr, problems)
				return exitWith(verdict.ExitInput, fmt.Errorf("%d problem(s) in the controls", len(problems)))
			case errors.As(err, &wsErr):
				printDiagnostics(p.Stderr, wsErr.Workspace, wsErr.Diagnostics)
				return exitWith(verdict.ExitInput, err)
			case err != nil:
				return exitWith(verdict.ExitInput, err)
			}
			printDiagnostics(p.Stderr, rep.Workspace, rep.Warnings)
			if format == "junit" {
				err = authoring.WriteJUnit(p.Stdout, rep)
			} else {
				err = authoring.WriteText(p.Stdout, rep, verbose)
			}
			if err != nil {
				return exitWith(verdict.ExitNotEvaluated, err)
			}
			if rep.Failed() {
				return exitWith(verdict.ExitFindings, nil)
			}
			return nil
		},
	}
	cmd.Flags().StringArrayVar(&controls, "controls", nil, "built-in controls to test with: a folder, an OPA bundle (.tar.gz) or \"embedded\" (repeatable; default: the embedded set)")
	cmd.Flags().StringVar(&policies, "policies", "", "load the governance pack from this folder instead of the embedded one")
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "print every test, not only failures")
	cmd.Flags().StringVar(&run, "run", "", "run only tests whose package.name matches this regular expression")
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or junit")
	cmd.Flags().StringVar(&wsFlag, "workspace", "", "the same as the WORKSPACE argument")
	// --explain alone is --explain=fails, as in `opa test`.
	cmd.Flags().StringVar(&explain, "explain", "", "print the evaluation of every test that does not pass, with file:line and the values: fails (the path to what failed; --explain alone), full (everything but unifications) or notes (trace() calls)")
	cmd.Flags().Lookup("explain").NoOptDefVal = string(authoring.ExplainFails)
	return cmd
}
