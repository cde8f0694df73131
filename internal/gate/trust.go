package gate

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/rampart-audit/rampart/internal/report"
)

// Governance change kinds and states.
const (
	KindControl = "control"
	Added       = "added"
	Removed     = "removed"
	Changed     = "changed"
)

// WorkspaceTree writes the workspace folder as it is at ref — its *.hcl
// files and its controls/ folder, what pipeline.Load reads — into a new
// temporary directory and returns the workspace's folder in it. The pull
// request is untrusted: its own controls and waivers must not judge it, so
// the gate evaluates with the workspace the base branch already accepted.
// exists is false when the workspace does not exist at ref (the change adds
// it); the returned folder is then empty. cleanup removes the tree.
func WorkspaceTree(ctx context.Context, dir, ref, workspace string) (wsDir string, exists bool, cleanup func(), err error) {
	rel := filepath.ToSlash(filepath.Clean(workspace))
	if filepath.IsAbs(workspace) || rel == ".." || strings.HasPrefix(rel, "../") {
		return "", false, nil, fmt.Errorf("workspace %s is outside the folder the gate runs in", workspace)
	}
	if strings.HasPrefix(ref, "-") {
		return "", false, nil, fmt.Errorf("git ref %q: must not start with '-'", ref)
	}
	// ls-tree names paths relative to where it runs (dir), like the
	// workspace path; -z keeps odd file names intact.
	out, err := git(ctx, dir, "ls-tree", "-r", "-z", "--name-only", "--full-name", ref+"^{tree}", "--", rel)
	if err != nil {
		return "", false, nil, fmt.Errorf("list workspace at %s: %w", ref, err)
	}
	prefix, err := git(ctx, dir, "rev-parse", "--show-prefix")
	if err != nil {
		return "", false, nil, err
	}
	top := strings.TrimSuffix(strings.TrimSpace(string(prefix)), "/")
	wsFull := path.Clean(path.Join(top, rel))
	var paths []string
	for _, full := range bytes.Split(out, []byte{0}) {
		name := string(full)
		if name == "" {
			continue
		}
		inWS := strings.TrimPrefix(name, wsFull+"/")
		if wsFull == "." {
			inWS = name
		}
		if inWS == name && wsFull != "." {
			continue
		}
		if (!strings.Contains(inWS, "/") && strings.HasSuffix(inWS, ".hcl")) || strings.HasPrefix(inWS, "controls/") {
			paths = append(paths, path.Join(rel, inWS))
		}
	}
	if len(paths) == 0 {
		tmp, err := os.MkdirTemp("", "rampart-workspace-")
		if err != nil {
			return "", false, nil, fmt.Errorf("create workspace tree: %w", err)
		}
		return tmp, false, func() { _ = os.RemoveAll(tmp) }, nil
	}
	root, cleanup, err := GitTree(ctx, dir, ref, paths)
	if err != nil {
		return "", false, nil, err
	}
	return filepath.Join(root, filepath.FromSlash(rel)), true, cleanup, nil
}

// GovernanceChanges lists what differs between the trusted workspace and
// the pull request's: each top-level HCL block (by type and labels) added,
// removed or edited, and each control file under controls/. name is the
// workspace path as the user gave it, for the file names. An empty
// trusted or pr folder means that side has no workspace.
func GovernanceChanges(trusted, pr, name string) ([]report.GovernanceChange, error) {
	before, err := workspaceItems(trusted)
	if err != nil {
		return nil, fmt.Errorf("read trusted workspace: %w", err)
	}
	after, err := workspaceItems(pr)
	if err != nil {
		return nil, fmt.Errorf("read workspace: %w", err)
	}
	var out []report.GovernanceChange
	for key, a := range after {
		b, ok := before[key]
		switch {
		case !ok:
			out = append(out, a.change(Added, name))
		case !bytes.Equal(a.body, b.body):
			out = append(out, a.change(Changed, name))
		}
	}
	for key, b := range before {
		if _, ok := after[key]; !ok {
			out = append(out, b.change(Removed, name))
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.Name < b.Name
	})
	return out, nil
}

// item is one governance unit of a workspace: an HCL block or a control file.
type item struct {
	kind, name, file string
	line             int
	body             []byte
}

func (it item) change(c, workspace string) report.GovernanceChange {
	return report.GovernanceChange{Kind: it.kind, Name: it.name, Change: c,
		File: filepath.ToSlash(filepath.Join(workspace, it.file)), Line: it.line}
}

// workspaceItems reads the blocks of dir/*.hcl and the files under
// dir/controls, keyed by kind and name. The workspace was validated before
// (model.Load), so a file that does not parse here is an error, not skipped.
func workspaceItems(dir string) (map[string]item, error) {
	items := map[string]item{}
	if dir == "" {
		return items, nil
	}
	names, err := filepath.Glob(filepath.Join(dir, "*.hcl"))
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		src, err := os.ReadFile(n)
		if err != nil {
			return nil, err
		}
		base := filepath.Base(n)
		f, diags := hclsyntax.ParseConfig(src, base, hcl.InitialPos)
		if diags.HasErrors() {
			return nil, fmt.Errorf("parse %s: %w", n, diags)
		}
		for _, b := range f.Body.(*hclsyntax.Body).Blocks {
			r := b.Range()
			name := strings.Join(b.Labels, " ")
			items[b.Type+"\x00"+name] = item{kind: b.Type, name: name, file: base, line: r.Start.Line, body: src[r.Start.Byte:r.End.Byte]}
		}
	}
	controls := filepath.Join(dir, "controls")
	if _, err := os.Stat(controls); err != nil {
		if os.IsNotExist(err) {
			return items, nil
		}
		return nil, err
	}
	err = fs.WalkDir(os.DirFS(controls), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") {
			return err
		}
		data, err := fs.ReadFile(os.DirFS(controls), p)
		if err != nil {
			return err
		}
		items[KindControl+"\x00"+p] = item{kind: KindControl, name: p, file: path.Join("controls", p), body: data}
		return nil
	})
	return items, err
}
