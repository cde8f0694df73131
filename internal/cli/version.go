package cli

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Version is set at build time with -ldflags "-X .../internal/cli.Version=...".
// Left at "dev", the version is read from the build information instead
// (resolvedVersion), so `go install …@v1.2.0` reports v1.2.0.
var Version = "dev"

// readBuildInfo is debug.ReadBuildInfo; tests replace it.
var readBuildInfo = debug.ReadBuildInfo

// resolvedVersion is the version this binary reports in `rampart version`,
// `--version`, the JSON report and SARIF's tool.driver.version: the ldflags
// value when the build set one (release builds, `make build`), else the
// main module's version from the build information (a module-mode
// `go install …@vX`), else "dev" (a checkout built with `go build`, whose
// module version is "(devel)").
func resolvedVersion() string {
	if Version != "" && Version != "dev" {
		return Version
	}
	if info, ok := readBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}

func newVersionCommand(p Params) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintf(p.Stdout, "rampart %s\n", resolvedVersion())
			return nil
		},
	}
}
