package cli

import (
	"context"
	"fmt"
	"sort"

	"github.com/spf13/cobra"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/model"
)

// collector gathers live evidence for `audit --collect NAME`. ws is the
// loaded workspace (its system blocks name orgs, accounts and regions).
type collector func(ctx context.Context, p Params, ws *model.Workspace) (*evidence.Snapshot, error)

// collectors is the registry behind `audit --collect`: one line per collector.
var collectors = map[string]collector{
	"github": collectGitHub,
	"aws":    collectAWS,
}

// collectCommands are the subcommands of `rampart collect`: one line per collector.
var collectCommands = []command{
	newCollectGitHubCommand,
	newCollectAWSCommand,
}

func newCollectCommand(p Params) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "collect",
		Short: "Collect live evidence into a snapshot file",
	}
	for _, c := range collectCommands {
		cmd.AddCommand(c(p))
	}
	return cmd
}

func collectorNames() []string {
	names := make([]string, 0, len(collectors))
	for n := range collectors {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// runCollectors runs the named collectors in order and merges their snapshots.
func runCollectors(ctx context.Context, p Params, ws *model.Workspace, names []string) ([]*evidence.Snapshot, error) {
	var out []*evidence.Snapshot
	for _, n := range names {
		c, ok := collectors[n]
		if !ok {
			return nil, fmt.Errorf("unknown collector %q (available: %v)", n, collectorNames())
		}
		s, err := c(ctx, p, ws)
		if err != nil {
			return nil, fmt.Errorf("collect %s: %w", n, err)
		}
		out = append(out, s)
	}
	return out, nil
}
