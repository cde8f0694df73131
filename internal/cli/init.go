package cli

import (
	_ "embed"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/rampart-audit/rampart/internal/atomicfile"
	"github.com/rampart-audit/rampart/internal/verdict"
)

// initWorkspace is what `rampart init` writes: a minimal workspace that
// loads without a diagnostic and audits against any snapshot (the CLI test
// audits it), commented so it is its own first lesson.
//
//go:embed initdata/workspace.hcl
var initWorkspace []byte

// initFile is the file `rampart init` writes in its folder.
const initFile = "workspace.hcl"

func newInitCommand(p Params) *cobra.Command {
	return &cobra.Command{
		Use:   "init [DIR]",
		Short: "Write a minimal commented workspace to start from (refuses to overwrite)",
		Long: `Write DIR/workspace.hcl (DIR defaults to the current folder, and is created
if missing): a system, a person and the default settings, commented, that
audit cleanly once their GitHub organisation and login are yours. It
refuses a folder that already holds *.hcl files: a workspace is never
overwritten or mixed with another.

The reference of every block and field is docs/workspace.md.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			return runInit(p, dir)
		},
	}
}

func runInit(p Params, dir string) error {
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return usageError("init: %s is a file, not a folder", dir)
	}
	if existing, _ := filepath.Glob(filepath.Join(dir, "*.hcl")); len(existing) > 0 {
		return usageError("init: %s already holds a workspace (%s); nothing was written", dir, existing[0])
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return exitWith(verdict.ExitInput, fmt.Errorf("init: %w", err))
	}
	path := filepath.Join(dir, initFile)
	if err := atomicfile.Write(path, func(w io.Writer) error {
		_, err := w.Write(initWorkspace)
		return err
	}); err != nil {
		return exitWith(verdict.ExitInput, fmt.Errorf("init: %w", err))
	}
	fmt.Fprintf(p.Stdout, "created %s\nnext: edit its system and person, collect evidence (rampart collect github %s -o %s), then rampart audit %s\n",
		path, dir, filepath.Join(dir, "evidence", "github.json"), dir)
	return nil
}
