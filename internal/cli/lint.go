package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rampart-audit/rampart/internal/authoring"
	"github.com/rampart-audit/rampart/internal/lint"
	"github.com/rampart-audit/rampart/internal/verdict"
)

func newLintCommand(p Params) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Check Rego controls against Rampart's authoring rules",
		Long: `Check the .rego files under each PATH (default: the current folder; testdata
and hidden folders are skipped) against Rampart's rules: METADATA fields and
types, ID format and uniqueness, known severities, resource types and
frameworks, a deny rule, no network or non-deterministic built-ins, a test
for every control, no unused rules, no deprecated syntax. Each finding names
file:line and the rule.

Exit codes: 0 no findings; 1 findings; 2 a file does not parse or a path is wrong.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			write, ok := lint.Writers[format]
			if !ok {
				return usageError("--format must be one of %s, got %q", strings.Join(lint.FormatNames(), ", "), format)
			}
			files, err := authoring.SourceFiles(args, ".rego")
			if err != nil {
				return exitWith(verdict.ExitInput, err)
			}
			findings, problems := lint.Files(files)
			if err := write(p.Stdout, findings); err != nil {
				return exitWith(verdict.ExitNotEvaluated, fmt.Errorf("write findings: %w", err))
			}
			if len(problems) > 0 {
				printProblems(p.Stderr, problems)
				return exitWith(verdict.ExitInput, fmt.Errorf("%d file(s) do not parse", countFiles(problems)))
			}
			if len(findings) > 0 {
				return exitWith(verdict.ExitFindings, fmt.Errorf("%d finding(s) in %d file(s)", len(findings), len(files)))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: "+strings.Join(lint.FormatNames(), ", "))
	return cmd
}
