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
	"slices"
	"strings"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/report"
)

// ReadBaseline reads the findings of an earlier JSON report. A finding
// whose status is not one of finding.Statuses is an error with its byte
// offset: the comparison would otherwise count it as neither failing nor
// passing, and a typo in a hand-edited baseline would hide a failure.
func ReadBaseline(file string) ([]finding.Finding, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("read baseline: %w", err)
	}
	var r report.Report
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("read baseline %s: %w", file, describeJSONError(data, err))
	}
	if r.Schema != report.SchemaV1 {
		return nil, fmt.Errorf("read baseline %s: schema %q is not a rampart report (want %q; write one with --format json)", file, r.Schema, report.SchemaV1)
	}
	finding.FillResources(r.Findings)
	for i, f := range r.Findings {
		if f.Fingerprint == "" {
			return nil, fmt.Errorf("read baseline %s: finding %d (%s) has no fingerprint", file, i, f.ControlID)
		}
		if !slices.Contains(finding.Statuses, f.Status) {
			where := ""
			if off := statusOffset(data, i); off >= 0 {
				line, col := evidence.LineCol(data, off)
				where = fmt.Sprintf(" at byte offset %d (line %d, column %d)", off, line, col)
			}
			return nil, fmt.Errorf("read baseline %s: finding %d (%s)%s: unknown status %q (want one of %v)", file, i, f.ControlID, where, f.Status, finding.Statuses)
		}
	}
	return r.Findings, nil
}

// describeJSONError adds the line and column to encoding/json's offsets,
// pointing at the offending byte as the evidence loader does.
func describeJSONError(data []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off := max(se.Offset-1, 0)
		if strings.Contains(se.Error(), "unexpected end") {
			off = int64(len(data))
		}
		line, col := evidence.LineCol(data, off)
		return fmt.Errorf("invalid JSON at byte offset %d (line %d, column %d): %w", off, line, col, err)
	case errors.As(err, &te):
		line, col := evidence.LineCol(data, te.Offset)
		return fmt.Errorf("field %s at byte offset %d (line %d, column %d): %w", te.Field, te.Offset, line, col, err)
	}
	return err
}

// statusOffset finds where the status of the i-th finding starts, walking
// the tokens as encoding/json matched them (keys case-insensitively, the
// last of duplicates). It runs only to report an error; -1 if not found.
func statusOffset(data []byte, i int) int64 {
	dec := json.NewDecoder(bytes.NewReader(data))
	off := int64(-1)
	// Path: top-level object → "findings" → array element i → "status".
	if !enterObject(dec) || !seekKey(dec, "findings") {
		return -1
	}
	if t, err := dec.Token(); err != nil || t != json.Delim('[') {
		return -1
	}
	for j := 0; dec.More(); j++ {
		if j < i {
			if skipValue(dec) != nil {
				return -1
			}
			continue
		}
		if !enterObject(dec) {
			return -1
		}
		for dec.More() {
			t, err := dec.Token()
			if err != nil {
				return -1
			}
			key, _ := t.(string)
			if strings.EqualFold(key, "status") {
				off = valueStart(data, dec.InputOffset())
			}
			if skipValue(dec) != nil {
				return -1
			}
		}
		return off
	}
	return -1
}

func enterObject(dec *json.Decoder) bool {
	t, err := dec.Token()
	return err == nil && t == json.Delim('{')
}

// seekKey reads keys of the current object, skipping their values, until
// the first one equal to key (case-insensitively), and stops before its value.
func seekKey(dec *json.Decoder, key string) bool {
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return false
		}
		if k, _ := t.(string); strings.EqualFold(k, key) {
			return true
		}
		if skipValue(dec) != nil {
			return false
		}
	}
	return false
}

func skipValue(dec *json.Decoder) error {
	var v json.RawMessage
	return dec.Decode(&v)
}

// valueStart skips the colon and white space after a key's end offset.
func valueStart(data []byte, off int64) int64 {
	for off < int64(len(data)) && strings.IndexByte(" \t\r\n:", data[off]) >= 0 {
		off++
	}
	return off
}

// CheckRef says whether ref names a commit of the repository at dir; the
// gate checks it before evaluating anything.
func CheckRef(ctx context.Context, dir, ref string) error {
	if strings.HasPrefix(ref, "-") {
		return fmt.Errorf("git ref %q: must not start with '-'", ref)
	}
	if _, err := git(ctx, dir, "rev-parse", "--verify", "--quiet", ref+"^{commit}"); err != nil {
		return fmt.Errorf("git ref %q is not a commit in this repository (fetch it first, e.g. git fetch origin main): %w", ref, err)
	}
	return nil
}

// GitTree writes the files under paths as they are at ref in the git
// repository containing dir into a new temporary directory, read with `git
// archive` from the local object store (no fetch, no network). It returns
// the directory in that tree that corresponds to dir, so the same relative
// paths name the same files and resources get the same addresses and
// fingerprints as in the working tree. A path that does not exist at ref (a
// folder the change adds) is simply absent. cleanup removes the tree.
func GitTree(ctx context.Context, dir, ref string, paths []string) (root string, cleanup func(), err error) {
	if err := CheckRef(ctx, dir, ref); err != nil {
		return "", nil, err
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
