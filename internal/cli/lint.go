package cli

import (
	"fmt"
	"sort"
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
				// The files with findings, of the files linted (not all of
				// them had findings).
				return exitWith(verdict.ExitFindings, fmt.Errorf("%s in %d of %d file(s) linted", levelCounts(findings), countFiles(findings), len(files)))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: "+strings.Join(lint.FormatNames(), ", "))
	return cmd
}

// levelCounts says how many findings of each level there are: "3 error(s),
// 1 warning(s)".
func levelCounts(findings []lint.Finding) string {
	counts := map[string]int{}
	var order []string
	for _, f := range findings {
		lvl := string(f.Severity)
		if counts[lvl] == 0 {
			order = append(order, lvl)
		}
		counts[lvl]++
	}
	sort.Slice(order, func(i, j int) bool { return levelRank(order[i]) < levelRank(order[j]) })
	parts := make([]string, len(order))
	for i, lvl := range order {
		parts[i] = fmt.Sprintf("%d %s(s)", counts[lvl], lvl)
	}
	return strings.Join(parts, ", ")
}

func levelRank(level string) int {
	switch level {
	case "error":
		return 0
	case "warning":
		return 1
	}
	return 2
}
