package benchdata

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// BuildAt builds the Go package pkg (such as "./cmd/rampart") of the
// repository at root into the binary out: from the working tree when
// commit is "", else from that commit's tree exported with git archive
// into a folder under tmp, so it is built as it was at the commit. The
// benchmarks that race today's code against an earlier commit in the same
// run (BenchmarkGate's "before" and "start", BenchmarkAudit's "start")
// build their baselines with it.
func BuildAt(root, commit, pkg, out, tmp string) error {
	dir := root
	if commit != "" {
		dir = filepath.Join(tmp, "src-"+commit)
		if err := os.Mkdir(dir, 0o755); err != nil {
			return fmt.Errorf("export %s: %w", commit, err)
		}
		// The commit's tree, exported (git archive | tar): built as it was.
		archive := exec.Command("sh", "-c", "git archive "+commit+" | tar -x -C "+dir)
		archive.Dir = root
		if msg, err := archive.CombinedOutput(); err != nil {
			return fmt.Errorf("export %s: %w: %s", commit, err, msg)
		}
	}
	cmd := exec.Command("go", "build", "-o", out, pkg)
	cmd.Dir = dir
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s in %s: %w: %s", pkg, dir, err, msg)
	}
	return nil
}
