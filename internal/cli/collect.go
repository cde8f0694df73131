package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/rampart-audit/rampart/internal/collect"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/model"
	"github.com/rampart-audit/rampart/internal/verdict"
)

// newCollectCommand is `rampart collect` with one subcommand per collector
// of collect.Registry, the same registry `audit --collect` uses.
func newCollectCommand(p Params) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "collect",
		Short: "Collect live evidence into a snapshot file",
	}
	for _, name := range collect.Names() {
		cmd.AddCommand(newCollectorCommand(p, collect.Registry[name]()))
	}
	return cmd
}

// collectorNames are the names `audit --collect` accepts.
func collectorNames() []string { return collect.Names() }

type collectFlags struct {
	output string
	quiet  bool
}

// newCollectorCommand is `rampart collect NAME [WORKSPACE]`: the collector's
// own flags plus -o and -q, which every collector has.
func newCollectorCommand(p Params, c collect.Collector) *cobra.Command {
	name := c.Name()
	short, long := c.Help()
	var f collectFlags
	cmd := &cobra.Command{
		Use:   name + " [WORKSPACE]",
		Short: short,
		Long:  long,
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCollect(cmd, p, c, f, args)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.output, "output", "o", "", "snapshot file to write (required)")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "no progress output")
	c.Flags(fl)
	return cmd
}

func runCollect(cmd *cobra.Command, p Params, c collect.Collector, f collectFlags, args []string) error {
	name := c.Name()
	if f.output == "" {
		return usageError("collect %s: -o FILE is required", name)
	}
	arg := ""
	if len(args) == 1 {
		arg = args[0]
	}
	dir, err := c.Args(arg)
	if err != nil {
		return usageError("%v", err)
	}
	var ws *model.Workspace
	if dir != "" {
		var l loadFlags
		in, err := l.load(cmd, p, dir)
		if err != nil {
			return err
		}
		ws = in.Workspace
	}
	if err := c.Targets(ws); err != nil {
		return usageError("%v", err)
	}
	if err := c.Config(p.Getenv, p.Now); err != nil {
		return usageError("%v", err)
	}
	var log io.Writer
	if !f.quiet {
		log = p.Stderr
	}
	snap, err := collect.Run(cmd.Context(), c, log, p.IsTerminal)
	if snap == nil {
		return exitWith(verdict.ExitNotEvaluated, fmt.Errorf("collect %s: %w", name, err))
	}
	// A snapshot comes back with an error only when the run was cancelled,
	// and is then marked incomplete: what was seen is still written.
	if werr := evidence.WriteFile(f.output, snap); werr != nil {
		return exitWith(verdict.ExitNotEvaluated, fmt.Errorf("write snapshot: %w", werr))
	}
	if !f.quiet {
		fmt.Fprintf(p.Stderr, "wrote %s: %d resources, %d not collected%s\n", f.output, len(snap.Resources), len(snap.NotCollected), c.Summary())
	}
	if snap.Incomplete {
		return exitWith(verdict.ExitNotEvaluated, fmt.Errorf("snapshot %s is incomplete: %s", f.output, snap.IncompleteReason))
	}
	if err != nil {
		return exitWith(verdict.ExitNotEvaluated, fmt.Errorf("collect %s: %w", name, err))
	}
	return nil
}

// runCollectors runs the named collectors for `audit --collect`, in order,
// with their flags' defaults, the audit's workspace and the environment.
// Any error stops the audit, cancellation included: an audit must not
// report on evidence it stopped collecting.
func runCollectors(ctx context.Context, p Params, ws *model.Workspace, names []string) ([]*evidence.Snapshot, error) {
	return collectEach(ctx, p, ws, names, nil)
}

// collectEach runs the collectors in turn; after is told of each one that
// collected (`rampart serve` reads its traffic for the metrics).
func collectEach(ctx context.Context, p Params, ws *model.Workspace, names []string, after func(collect.Collector)) ([]*evidence.Snapshot, error) {
	var out []*evidence.Snapshot
	for _, n := range names {
		c, err := collect.New(n)
		if err != nil {
			return nil, err
		}
		c.Flags(pflag.NewFlagSet(n, pflag.ContinueOnError))
		if err := c.Targets(ws); err != nil {
			return nil, &collectorInputError{fmt.Errorf("collect %s: %w", n, err)}
		}
		if err := c.Config(p.Getenv, p.Now); err != nil {
			return nil, &collectorInputError{fmt.Errorf("collect %s: %w", n, err)}
		}
		s, err := collect.Run(ctx, c, p.Stderr, p.IsTerminal)
		if after != nil {
			after(c)
		}
		if err != nil {
			return nil, fmt.Errorf("collect %s: %w", n, err)
		}
		out = append(out, s)
	}
	return out, nil
}

// collectorInputError is a collector's Targets or Config error under `audit
// --collect`: the user's to fix (no credentials, no target), exit 2 as
// under `rampart collect`, not the exit 3 of a collection that failed.
type collectorInputError struct{ err error }

func (e *collectorInputError) Error() string { return e.err.Error() }
func (e *collectorInputError) Unwrap() error { return e.err }
