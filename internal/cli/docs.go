package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/rampart-audit/rampart/internal/catalogdoc"
	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/model"
	"github.com/rampart-audit/rampart/internal/pipeline"
	"github.com/rampart-audit/rampart/internal/verdict"
)

func newDocsCommand(p Params) *cobra.Command {
	var (
		out, policies, workspace string
		controls                 []string
		check                    bool
	)
	cmd := &cobra.Command{
		Use:   "docs [--out docs/controls]",
		Short: "Generate the control catalogue in Markdown, linked to risks, mitigations, policies and training",
		Long: `Generate the control catalogue: an index, one page per platform and service,
a framework cross-reference, and for each control the risks, mitigations,
policy statements and training the governance HCL links it to. Pages are
written atomically; generated pages no longer produced are removed.

With --check nothing is written: the pages that differ are listed and the
exit code is 1, so CI can require a current catalogue.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			sources, err := pipeline.ControlSources(controls)
			if err != nil {
				return exitWith(verdict.ExitInput, err)
			}
			eng, err := engine.New(cmd.Context(), sources)
			var problems engine.Problems
			if errors.As(err, &problems) {
				printProblems(p.Stderr, problems)
				return exitWith(verdict.ExitInput, fmt.Errorf("%d problem(s) in the controls", len(problems)))
			} else if err != nil {
				return exitWith(verdict.ExitInput, err)
			}
			pack, packName := pipeline.Pack(policies)
			ws, diags := model.Load(model.Input{Pack: pack, PackName: packName, Dir: workspace,
				KnownControl: func(id string) bool { return eng.Catalog().Get(id) != nil }})
			printDiagnostics(p.Stderr, ws, diags)
			if diags.HasErrors() {
				return exitWith(verdict.ExitInput, fmt.Errorf("the governance HCL has errors"))
			}
			files := catalogdoc.Generate(eng.Catalog(), ws, out)
			changes, err := catalogdoc.Diff(out, files)
			if err != nil {
				return exitWith(verdict.ExitInput, err)
			}
			for _, c := range changes {
				fmt.Fprintf(p.Stdout, "%s\t%s\n", c.Kind, c.File)
			}
			if check {
				if len(changes) > 0 {
					return exitWith(verdict.ExitFindings, fmt.Errorf("%s is not current: run rampart docs --out %s", out, out))
				}
				return nil
			}
			if err := catalogdoc.Apply(out, files, changes); err != nil {
				return exitWith(verdict.ExitNotEvaluated, err)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "docs/controls", "folder to write the catalogue into")
	cmd.Flags().BoolVar(&check, "check", false, "list pages that are not current and exit 1 instead of writing")
	cmd.Flags().StringArrayVar(&controls, "controls", nil, "controls to document: a folder, an OPA bundle (.tar.gz) or \"embedded\" (repeatable; default: the embedded set)")
	cmd.Flags().StringVar(&policies, "policies", "", "load the governance pack from this folder instead of the embedded one")
	cmd.Flags().StringVar(&workspace, "workspace", "", "also read this workspace's HCL for links (default: the governance pack only)")
	return cmd
}
