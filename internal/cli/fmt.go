package cli

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/pmezard/go-difflib/difflib"

	"github.com/spf13/cobra"

	"github.com/rampart-audit/rampart/internal/atomicfile"
	"github.com/rampart-audit/rampart/internal/authoring"
	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/verdict"
)

func newFmtCommand(p Params) *cobra.Command {
	var check, diff bool
	cmd := &cobra.Command{
		Use:   "fmt [--check | --diff] [PATH...]",
		Short: "Format Rego (OPA's formatter) and HCL (hclwrite) files",
		Long: `Format the .rego and .hcl files under each PATH (default: the current
folder; testdata and hidden folders are skipped). Changed files are rewritten
atomically and listed. With --check nothing is written: the files that are
not formatted are listed and the exit code is 1, for CI. With --diff nothing
is written either: a unified diff of each file against its formatted form is
printed (what rampart fmt would change), and the exit code is 1 when there is
one.

Exit codes: 0 formatted; 1 (--check) some files are not formatted; 2 a file
does not parse (file:line:col on standard error) or a path is wrong.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			files, err := authoring.SourceFiles(args, ".rego", ".hcl")
			if err != nil {
				return exitWith(verdict.ExitInput, err)
			}
			results, problems := authoring.FormatFiles(files)
			unformatted := 0
			for _, r := range results {
				if !r.Changed {
					continue
				}
				unformatted++
				if diff {
					if err := writeDiff(p.Stdout, r.File, r.Original, r.Formatted); err != nil {
						return exitWith(verdict.ExitNotEvaluated, err)
					}
					continue
				}
				if !check {
					if err := atomicfile.Write(r.File, func(w io.Writer) error { _, err := w.Write(r.Formatted); return err }); err != nil {
						return exitWith(verdict.ExitNotEvaluated, fmt.Errorf("write %s: %w", r.File, err))
					}
				}
				fmt.Fprintln(p.Stdout, r.File)
			}
			if len(problems) > 0 {
				printProblems(p.Stderr, problems)
				return exitWith(verdict.ExitInput, fmt.Errorf("%d file(s) do not parse", countFiles(problems)))
			}
			if (check || diff) && unformatted > 0 {
				return exitWith(verdict.ExitFindings, fmt.Errorf("%d file(s) not formatted: run rampart fmt", unformatted))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&check, "check", false, "list files that are not formatted and exit 1 instead of rewriting them")
	cmd.Flags().BoolVar(&diff, "diff", false, "print a unified diff of what formatting would change and exit 1 instead of rewriting")
	cmd.MarkFlagsMutuallyExclusive("check", "diff")
	return cmd
}

// writeDiff prints a unified diff of a file against its formatted form,
// with the a/ and b/ prefixes git and patch read.
func writeDiff(w io.Writer, file string, before, after []byte) error {
	err := difflib.WriteUnifiedDiff(w, difflib.UnifiedDiff{
		A: difflib.SplitLines(string(before)), B: difflib.SplitLines(string(after)),
		FromFile: "a/" + filepath.ToSlash(file), ToFile: "b/" + filepath.ToSlash(file), Context: 3,
	})
	if err != nil {
		return fmt.Errorf("diff %s: %w", file, err)
	}
	return nil
}

func countFiles(ps engine.Problems) int {
	seen := map[string]bool{}
	for _, p := range ps {
		seen[p.File] = true
	}
	return len(seen)
}
