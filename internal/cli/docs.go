package cli

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/rampart-audit/rampart/internal/catalogdoc"
	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/model"
	"github.com/rampart-audit/rampart/internal/pipeline"
	"github.com/rampart-audit/rampart/internal/verdict"
)

// workspaceArg is the workspace of a command that takes it as its
// argument, as audit and test do, and still accepts --workspace: one of
// them, or both naming the same folder.
func workspaceArg(args []string, flag string) (string, error) {
	switch {
	case len(args) == 0:
		return flag, nil
	case flag != "" && filepath.Clean(flag) != filepath.Clean(args[0]):
		return "", usageError("the workspace is given twice: %s and --workspace %s", args[0], flag)
	}
	return args[0], nil
}

func newDocsCommand(p Params) *cobra.Command {
	var (
		out, policies, workspace string
		controls                 []string
		check                    bool
	)
	cmd := &cobra.Command{
		Use:   "docs [WORKSPACE] [--out docs/controls]",
		Short: "Generate the control catalogue in Markdown, linked to risks, mitigations, policies and training",
		Long: `Generate the control catalogue: an index, one page per platform and service,
a framework cross-reference, and for each control the risks, mitigations,
policy statements and training the governance HCL links it to; and lib.md,
the rampart.lib API (every helper's signature, description and example,
from the METADATA of its rules). Pages are
written atomically; generated pages no longer produced are removed.

With WORKSPACE (or --workspace, kept as an alias) the workspace's own
controls (WORKSPACE/controls) are documented beside the others and its HCL
is read for the links, as audit and test read them.

With --check nothing is written: the pages that differ are listed and the
exit code is 1, so CI can require a current catalogue.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			workspace, err := workspaceArg(args, workspace)
			if err != nil {
				return err
			}
			sources, err := pipeline.ControlSources(controls)
			if err != nil {
				return exitWith(verdict.ExitInput, err)
			}
			if sources, err = pipeline.AddWorkspaceControls(sources, controls, workspace); err != nil {
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
			// The rampart.lib reference, from the METADATA of its rules
			// (engine.New parsed them too; the catalogue keeps no modules).
			mods, _ := engine.Parse(sources...)
			for _, problem := range catalogdoc.AddLibrary(files, mods, eng.Catalog(), out) {
				fmt.Fprintf(p.Stderr, "%s %s\n", paint(colourOn(p.Stderr), ansiYellow, "warning:"), problem)
			}
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
	cmd.Flags().StringVar(&workspace, "workspace", "", "the same as the WORKSPACE argument (kept for existing scripts)")
	return cmd
}
