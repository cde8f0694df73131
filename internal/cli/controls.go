package cli

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/pipeline"
	"github.com/rampart-audit/rampart/internal/verdict"
)

func newControlsCommand(p Params) *cobra.Command {
	var dirs []string
	var format string
	cmd := &cobra.Command{
		Use:   "controls",
		Short: "List the control catalogue: id, severity, resource types, equivalent checks of other tools, title",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "text" && format != "json" {
				return usageError("--format must be text or json, got %q", format)
			}
			sources, err := pipeline.ControlSources(dirs)
			if err != nil {
				return exitWith(verdict.ExitInput, err)
			}
			eng, err := engine.New(cmd.Context(), sources)
			if err != nil {
				return exitWith(verdict.ExitInput, err)
			}
			cat := eng.Catalog()
			if format == "json" {
				enc := json.NewEncoder(p.Stdout)
				enc.SetIndent("", "  ")
				if cat.Controls == nil {
					return enc.Encode([]*engine.Control{})
				}
				return enc.Encode(cat.Controls)
			}
			tw := tabwriter.NewWriter(p.Stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tSEVERITY\tRESOURCE TYPES\tEQUIVALENTS\tTITLE")
			for _, c := range cat.Controls {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", c.ID, c.Severity, strings.Join(c.ResourceTypes, ","), equivalentCounts(c), c.Title)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringArrayVar(&dirs, "controls", nil, "controls to load instead of the embedded set: a folder, an OPA bundle (.tar.gz) or \"embedded\" (repeatable)")
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	return cmd
}

// equivalentCounts summarises custom.equivalents for the text listing as
// anchor:count (the IDs are in --format json): "prowler:2,trivy:1", "none"
// when the control declares no equivalent, "-" when it does not say.
func equivalentCounts(c *engine.Control) string {
	if c.Equivalents == nil {
		return "-"
	}
	if len(c.Equivalents) == 0 {
		return "none"
	}
	parts := make([]string, 0, len(c.Equivalents))
	for _, key := range slices.Sorted(maps.Keys(c.Equivalents)) {
		parts = append(parts, fmt.Sprintf("%s:%d", key, len(c.Equivalents[key])))
	}
	return strings.Join(parts, ",")
}
