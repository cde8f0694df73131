package cli

import (
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/pipeline"
	"github.com/rampart-audit/rampart/internal/report"
	"github.com/rampart-audit/rampart/internal/verdict"
)

// Terminal conventions of every command: RAMPART_* environment variables
// for flags, completion of flag values, colour on a terminal.

// EnvPrefix starts the environment variable of every flag: --fail-on is
// RAMPART_FAIL_ON, --training-records RAMPART_TRAINING_RECORDS.
const EnvPrefix = "RAMPART_"

// flagEnv is the environment variable that sets a flag.
func flagEnv(name string) string {
	return EnvPrefix + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
}

// applyFlagEnv sets every flag of cmd the command line left unset from its
// RAMPART_* variable, so a CI job can set --fail-on once for every step. The
// command line wins; a repeatable flag takes a comma-separated list; a value
// the flag refuses is a usage error naming the variable (exit 2).
func applyFlagEnv(cmd *cobra.Command, getenv func(string) string) error {
	var failed error
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if failed != nil || f.Changed || f.Name == "help" {
			return
		}
		v := getenv(flagEnv(f.Name))
		if v == "" {
			return
		}
		values := []string{v}
		if strings.HasSuffix(f.Value.Type(), "Array") || strings.HasSuffix(f.Value.Type(), "Slice") {
			values = strings.Split(v, ",")
		}
		for _, one := range values {
			if err := cmd.Flags().Set(f.Name, strings.TrimSpace(one)); err != nil {
				failed = usageError("%s=%q (for --%s): %v", flagEnv(f.Name), v, f.Name, err)
				return
			}
		}
	})
	return failed
}

// flagCompletions are the values shell completion offers for flags of
// these names, on whichever command has them (`rampart completion bash`).
func flagCompletions() map[string][]string {
	fail := []string{verdict.FailOnNone}
	for _, s := range finding.Severities {
		fail = append(fail, string(s))
	}
	var types []string
	for _, rt := range evidence.ResourceTypes() {
		types = append(types, rt.Name)
	}
	return map[string][]string{
		"fail-on":   fail,
		"framework": slices.Sorted(maps.Keys(engine.Frameworks)),
		"collect":   collectorNames(),
		"type":      types,
	}
}

// registerCompletions attaches the value completions to every command:
// the names above, --format of the commands that write reports, and
// --id of `new control`, which lists the IDs that exist so a new one is
// picked beside them.
func registerCompletions(root *cobra.Command) {
	values := flagCompletions()
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		for name, vs := range values {
			if c.Flags().Lookup(name) != nil {
				_ = c.RegisterFlagCompletionFunc(name, fixed(vs))
			}
		}
		if c.Flags().Lookup("format") != nil && (c.Name() == "audit" || c.Name() == "gate") {
			_ = c.RegisterFlagCompletionFunc("format", fixed(report.Formats()))
		}
		if c.Flags().Lookup("id") != nil && c.Name() == "control" {
			_ = c.RegisterFlagCompletionFunc("id", func(cmd *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
				sources, err := pipeline.ControlSources(nil)
				if err != nil {
					return nil, cobra.ShellCompDirectiveError
				}
				eng, err := engine.New(cmd.Context(), sources)
				if err != nil {
					return nil, cobra.ShellCompDirectiveError
				}
				return eng.Catalog().IDs(), cobra.ShellCompDirectiveNoFileComp
			})
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

func fixed(values []string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// colourAllowed is the one rule for ANSI colour on a stream: it is a
// terminal, NO_COLOR (https://no-color.org) is unset and TERM is not dumb.
// Piped or redirected output never has colour.
func (p Params) colourAllowed(terminal bool) bool {
	return terminal && p.Getenv("NO_COLOR") == "" && p.Getenv("TERM") != "dumb"
}

// colour says whether the log (standard error) may carry colour.
func (p Params) colour() bool { return p.colourAllowed(p.IsTerminal) }

// stdoutColour says whether standard output may: the text reports of audit
// and gate are coloured there, never in a file.
func (p Params) stdoutColour() bool { return p.colourAllowed(p.StdoutIsTerminal) }

// The styles are report's (colour.go), which the text reports share.
const (
	ansiRed    = report.ANSIRed
	ansiYellow = report.ANSIYellow
	ansiGreen  = report.ANSIGreen
	ansiBold   = report.ANSIBold
	ansiReset  = report.ANSIReset
)

// paint wraps s in an ANSI style when on is set.
func paint(on bool, style, s string) string { return report.Paint(on, style, s) }

// exitStyle is the colour of an exit code: green 0, red 1, yellow 2 and 3
// (could not decide), bold otherwise.
func exitStyle(code int) string {
	switch code {
	case verdict.ExitOK:
		return ansiGreen
	case verdict.ExitFindings:
		return ansiRed
	case verdict.ExitInput, verdict.ExitNotEvaluated:
		return ansiYellow
	}
	return ansiBold
}

// colourLog marks a stream as one that may carry colour (Run wraps
// Params.Stderr in it when Params.colour, Params.Stdout when
// Params.stdoutColour), so the printers of diagnostics, warnings and
// verdicts, and writeOutputs for the text report, which take only a
// writer, know without a flag threaded through every command.
type colourLog struct{ io.Writer }

// colourOn reports whether w is a stream that may carry colour.
func colourOn(w io.Writer) bool {
	_, ok := w.(colourLog)
	return ok
}
