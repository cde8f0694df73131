// Package cli is the command-line edge: it parses flags, runs the pipeline
// and prints diagnostics once. Commands return an exit code; only main exits.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/rampart-audit/rampart/internal/redact"
	"github.com/rampart-audit/rampart/internal/verdict"
)

// Params carries what a command touches outside itself, so tests run
// commands in-process with buffers and a fixed clock.
type Params struct {
	Stdout io.Writer
	Stderr io.Writer
	Now    func() time.Time
	// Getenv reads the environment (tokens, endpoints); tests pass a map.
	Getenv func(string) string
	// IsTerminal reports whether Stderr is an interactive terminal (progress lines).
	IsTerminal bool
	// StdoutIsTerminal reports whether Stdout is one: the text report of
	// audit and gate is coloured there (terminal.go).
	StdoutIsTerminal bool
}

// DefaultParams are the real process streams, clock and environment.
func DefaultParams() Params {
	return Params{Stdout: os.Stdout, Stderr: os.Stderr, Now: time.Now, Getenv: os.Getenv}
}

// exitError carries an exit code through cobra's error return.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// exitWith returns an error that makes Run return code; a nil err means the
// reason was already printed.
func exitWith(code int, err error) error { return &exitError{code: code, err: err} }

// usageError is a bad flag or argument: exit 2.
func usageError(format string, args ...any) error {
	return exitWith(verdict.ExitInput, fmt.Errorf(format, args...))
}

// command is one subcommand's constructor; the registry below lists them all.
type command func(p Params) *cobra.Command

var commands = []command{
	newInitCommand,
	newAuditCommand,
	newCollectCommand,
	newGateCommand,
	newControlsCommand,
	newVersionCommand,
	newTestCommand,
	newNewCommand,
	newFmtCommand,
	newLintCommand,
	newFixtureCommand,
	newDocsCommand,
	newRunsCommand,
	newServeCommand,
	newWorkerCommand,
	newEnqueueCommand,
	newVerifyCommand,
}

func newRoot(p Params) *cobra.Command {
	root := &cobra.Command{
		Use:           "rampart",
		Short:         "Policy-as-code audit engine: Rego controls over GitHub, AWS and Terraform, linked to risks, mitigations and training",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(p.Stdout)
	root.SetErr(p.Stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return exitWith(verdict.ExitInput, err)
	})
	for _, c := range commands {
		root.AddCommand(c(p))
	}
	// Flags not on the command line come from RAMPART_* variables
	// (terminal.go), before any command reads its flags.
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		return applyFlagEnv(cmd, p.Getenv)
	}
	registerCompletions(root)
	root.Version = resolvedVersion()
	root.SetVersionTemplate("rampart {{.Version}}\n")
	rejectUnknownSubcommands(root)
	return root
}

// rejectUnknownSubcommands gives every command that only groups others
// (`new`, `collect`) a RunE: without one cobra prints the help and exits 0
// for `rampart new workspace`, so a typo in a CI script passes. With no
// argument the group prints its help (exit 0); with one it is an unknown
// command (exit 2) with cobra's suggestions. The root is cobra's own case:
// it already refuses unknown commands.
func rejectUnknownSubcommands(cmd *cobra.Command) {
	for _, sub := range cmd.Commands() {
		rejectUnknownSubcommands(sub)
	}
	if cmd.Parent() == nil || !cmd.HasSubCommands() || cmd.Runnable() {
		return
	}
	cmd.Args = cobra.ArbitraryArgs
	cmd.RunE = func(c *cobra.Command, args []string) error {
		if len(args) == 0 {
			return c.Help()
		}
		msg := fmt.Sprintf("unknown command %q for %q", args[0], c.CommandPath())
		if c.SuggestionsMinimumDistance <= 0 {
			c.SuggestionsMinimumDistance = 2 // cobra's default for the root
		}
		if s := c.SuggestionsFor(args[0]); len(s) > 0 {
			msg += fmt.Sprintf("; did you mean %q?", s[0])
		}
		names := []string{}
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() {
				names = append(names, sub.Name())
			}
		}
		return usageError("%s (commands: %s)", msg, strings.Join(names, ", "))
	}
}

// Run executes the command line and returns the process exit code.
func Run(ctx context.Context, args []string, p Params) int {
	if p.Now == nil {
		p.Now = time.Now
	}
	if p.Getenv == nil {
		p.Getenv = func(string) string { return "" }
	}
	// The log is redacted line by line (internal/redact): diagnostics quote
	// source lines and errors quote values, and CI logs are widely read.
	// Standard output is not wrapped: it carries documents — reports,
	// redacted as they are rendered (report.Lookup); fixtures, redacted by
	// rampart fixture; the catalogue and test results of the controls —
	// and a second pass over a rendered document could only corrupt it.
	if p.Stdout != nil && p.stdoutColour() {
		p.Stdout = colourLog{p.Stdout}
	}
	if p.Stderr != nil {
		log := redact.NewWriter(p.Stderr)
		defer func() { _ = log.Flush() }() // a log that cannot be written has no one to tell
		p.Stderr = log
		if p.colour() {
			p.Stderr = colourLog{log}
		}
	}
	root := newRoot(p)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return verdict.ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintf(p.Stderr, "%s %v\n", paint(colourOn(p.Stderr), ansiRed, "rampart:"), ee.err)
		}
		return ee.code
	}
	// cobra's own errors: unknown command, bad arguments.
	fmt.Fprintf(p.Stderr, "rampart: %v\n", err)
	return verdict.ExitInput
}
