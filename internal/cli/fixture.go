package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rampart-audit/rampart/internal/atomicfile"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/fixture"
	"github.com/rampart-audit/rampart/internal/verdict"
)

func newFixtureCommand(p Params) *cobra.Command {
	var from, typ, id, format, pkg, output string
	cmd := &cobra.Command{
		Use:   "fixture --from SNAPSHOT --type RESOURCE_TYPE [--id ID]",
		Short: "Extract resources from an evidence snapshot as Rego test input, secrets redacted",
		Long: `Extract the resources of one type (or one resource, with --id) from an
evidence snapshot as the input a control sees, for its unit tests: a Rego
module with one rule per resource (use it as "with input as data.PKG.NAME"),
or JSON. Save Rego fixtures as *_test.rego files next to the tests. Values that look like secrets are replaced by "[REDACTED]": attributes
named like token, secret, password or private_key, AWS secret access keys,
GitHub tokens (ghp_, gho_, github_pat_ …) and PEM blocks. The redacted paths
are listed on standard error.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if from == "" || typ == "" {
				return usageError("--from and --type are required")
			}
			if format != "rego" && format != "json" {
				return usageError("--format must be rego or json, got %q", format)
			}
			snap, err := evidence.Load(from)
			if err != nil {
				return exitWith(verdict.ExitInput, err)
			}
			fixtures, err := fixture.Extract(snap, typ, id)
			if err != nil {
				return exitWith(verdict.ExitInput, fmt.Errorf("%s: %w", from, err))
			}
			// The engine loads every non-test .rego as a control, and a
			// fixture has no METADATA: outside a _test.rego file it would
			// stop the controls from loading.
			if strings.HasSuffix(output, ".rego") && !strings.HasSuffix(output, "_test.rego") {
				return usageError("-o %s: name the fixture file *_test.rego, so it is loaded with the tests and never as a control", output)
			}
			if pkg == "" {
				pkg = "fixtures." + strings.ReplaceAll(typ, ".", "_")
			}
			write := func(w io.Writer) error {
				if format == "json" {
					return fixture.WriteJSON(w, fixtures)
				}
				return fixture.WriteRego(w, pkg, filepath.ToSlash(from), fixtures)
			}
			if output == "" || output == "-" {
				err = write(p.Stdout)
			} else {
				err = atomicfile.Write(output, write)
			}
			if err != nil {
				return exitWith(verdict.ExitInput, err)
			}
			for _, r := range fixture.RedactedPaths(fixtures) {
				fmt.Fprintf(p.Stderr, "redacted %s\n", r)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "evidence snapshot file or folder (required)")
	cmd.Flags().StringVar(&typ, "type", "", "resource type to extract (required)")
	cmd.Flags().StringVar(&id, "id", "", "extract only the resource with this ID")
	cmd.Flags().StringVar(&format, "format", "rego", "rego or json")
	cmd.Flags().StringVar(&pkg, "package", "", "Rego package of the fixture module (default fixtures.<type>)")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to this file (atomically) instead of standard output")
	return cmd
}
