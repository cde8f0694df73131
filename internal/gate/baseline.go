package gate

import (
	"archive/tar"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/report"
)

// ReadBaseline reads the findings of an earlier JSON report.
func ReadBaseline(file string) ([]finding.Finding, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("read baseline: %w", err)
	}
	var r report.Report
	if err := json.Unmarshal(data, &r); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("read baseline %s: invalid JSON at byte offset %d: %w", file, se.Offset, err)
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, fmt.Errorf("read baseline %s: field %s at byte offset %d: %w", file, te.Field, te.Offset, err)
		}
		return nil, fmt.Errorf("read baseline %s: %w", file, err)
	}
	if r.Schema != report.SchemaV1 {
		return nil, fmt.Errorf("read baseline %s: schema %q is not a rampart report (want %q; write one with --format json)", file, r.Schema, report.SchemaV1)
	}
	for i, f := range r.Findings {
		if f.Fingerprint == "" {
			return nil, fmt.Errorf("read baseline %s: finding %d (%s) has no fingerprint", file, i, f.ControlID)
		}
	}
	return r.Findings, nil
}

// GitTree writes the files under paths as they are at ref in the git
// repository containing dir into a new temporary directory, read with `git
// archive` from the local object store (no fetch, no network). It returns
// the directory in that tree that corresponds to dir, so the same relative
// paths name the same files and resources get the same addresses and
// fingerprints as in the working tree. A path that does not exist at ref (a
// folder the change adds) is simply absent. cleanup removes the tree.
func GitTree(ctx context.Context, dir, ref string, paths []string) (root string, cleanup func(), err error) {
	if strings.HasPrefix(ref, "-") {
		return "", nil, fmt.Errorf("git ref %q: must not start with '-'", ref)
	}
	rawPrefix, err := git(ctx, dir, "rev-parse", "--show-prefix")
	if err != nil {
		return "", nil, err
	}
	prefix := strings.TrimSpace(string(rawPrefix))
	rawTop, err := git(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", nil, err
	}
	top := strings.TrimSpace(string(rawTop))
	if _, err := git(ctx, dir, "rev-parse", "--verify", "--quiet", ref+"^{commit}"); err != nil {
		return "", nil, fmt.Errorf("git ref %q is not a commit in this repository (fetch it first, e.g. git fetch origin main): %w", ref, err)
	}
	var specs []string
	for _, p := range paths {
		rel := path.Clean(prefix + filepath.ToSlash(path.Clean(p)))
		if strings.HasPrefix(rel, "../") || rel == ".." || filepath.IsAbs(p) {
			return "", nil, fmt.Errorf("--baseline-ref: %s is outside the git repository", p)
		}
		if rel != "." {
			if _, err := git(ctx, dir, "cat-file", "-e", ref+":"+rel); err != nil {
				continue // added by the change: nothing to compare with
			}
		}
		specs = append(specs, rel)
	}
	tmp, err := os.MkdirTemp("", "rampart-baseline-")
	if err != nil {
		return "", nil, fmt.Errorf("create baseline tree: %w", err)
	}
	cleanup = func() { _ = os.RemoveAll(tmp) }
	root = filepath.Join(tmp, filepath.FromSlash(prefix))
	if err := os.MkdirAll(root, 0o755); err != nil {
		cleanup()
		return "", nil, fmt.Errorf("create baseline tree: %w", err)
	}
	if len(specs) == 0 {
		return root, cleanup, nil
	}
	args := append([]string{"archive", "--format=tar", ref, "--"}, specs...)
	// Pathspecs of git archive are relative to where it runs: the top level.
	data, err := git(ctx, top, args...)
	if err != nil {
		cleanup()
		return "", nil, err
	}
	if err := untar(data, tmp); err != nil {
		cleanup()
		return "", nil, fmt.Errorf("extract git archive of %s: %w", ref, err)
	}
	return root, cleanup, nil
}

func untar(data []byte, dst string) error {
	tr := tar.NewReader(bytes.NewReader(data))
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		name := path.Clean(h.Name)
		if !fs.ValidPath(name) {
			return fmt.Errorf("unsafe path %q in archive", h.Name)
		}
		target := filepath.Join(dst, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		f, err := os.OpenFile(target, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
		if err != nil {
			return err
		}
		_, err = io.Copy(f, tr)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
}

func git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0")
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}
