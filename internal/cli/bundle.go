package cli

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"

	"github.com/rampart-audit/rampart/internal/auditbundle"
	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/pipeline"
	"github.com/rampart-audit/rampart/internal/report"
	"github.com/rampart-audit/rampart/internal/verdict"
)

// BundleKeyEnv holds the PEM of the ed25519 key that signs a bundle, when
// --bundle-key names no file. The key is read, used and never written.
const BundleKeyEnv = "RAMPART_BUNDLE_SIGNING_KEY"

// BundlePublicKeyEnv holds the PEM of the public key `rampart verify`
// checks a signature with, when --public-key names no file.
const BundlePublicKeyEnv = "RAMPART_BUNDLE_PUBLIC_KEY"

// writeAuditBundle writes the auditor's bundle of an audit
// (docs/report-schema.md#evidence-bundle): the report (JSON and HTML, as
// redacted as every report), the evidence snapshots exactly as read or
// collected, the workspace files the run read with their Git commit, the
// control catalogue, and the signed manifest. All or none.
func writeAuditBundle(ctx context.Context, p Params, f auditFlags, workspace string, r *report.Report, collected []*evidence.Snapshot) error {
	key, err := bundleKey(p, f.bundleKey)
	if err != nil {
		return exitWith(verdict.ExitInput, fmt.Errorf("--bundle-key: %w", err))
	}
	var files []auditbundle.File
	for _, format := range []string{"json", "html"} {
		write, err := report.Lookup(format)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := write(&buf, r); err != nil {
			return exitWith(verdict.ExitInput, fmt.Errorf("bundle: %w", err))
		}
		files = append(files, auditbundle.File{Path: "report." + format, Data: buf.Bytes()})
	}
	ev, err := bundleEvidence(workspace, f, collected)
	if err != nil {
		return exitWith(verdict.ExitInput, fmt.Errorf("bundle: %w", err))
	}
	files = append(files, ev...)
	ws, err := auditbundle.WorkspaceFiles(workspace, "workspace")
	if err != nil {
		return exitWith(verdict.ExitInput, fmt.Errorf("bundle: %w", err))
	}
	files = append(files, ws...)
	gitInfo, err := json.MarshalIndent(workspaceCommit(ctx, workspace), "", "  ")
	if err != nil {
		return err
	}
	files = append(files, auditbundle.File{Path: "workspace.git.json", Data: append(gitInfo, '\n')})
	in, err := pipeline.Load(ctx, f.load.controls, f.load.policies, workspace, engine.WithClock(p.Now))
	if err != nil {
		return exitWith(verdict.ExitInput, fmt.Errorf("bundle: control catalogue: %w", err))
	}
	catalogue, err := json.MarshalIndent(in.Engine.Catalog().Controls, "", "  ")
	if err != nil {
		return err
	}
	files = append(files, auditbundle.File{Path: "controls.json", Data: append(catalogue, '\n')})
	if err := auditbundle.Write(ctx, f.bundle, files, key, p.Now()); err != nil {
		return exitWith(verdict.ExitInput, err)
	}
	signed := "unsigned"
	if key != nil {
		signed = "signed"
	}
	fmt.Fprintf(p.Stderr, "wrote bundle %s: %d files, %s\n", f.bundle, len(files), signed)
	return nil
}

func bundleKey(p Params, file string) (ed25519.PrivateKey, error) {
	var data []byte
	switch {
	case file != "":
		var err error
		if data, err = os.ReadFile(file); err != nil {
			return nil, err
		}
	case p.Getenv != nil && p.Getenv(BundleKeyEnv) != "":
		data = []byte(p.Getenv(BundleKeyEnv))
	default:
		return nil, nil
	}
	return auditbundle.ParsePrivateKey(data)
}

// bundleEvidence is every snapshot the run read, byte for byte, under
// evidence/: the --evidence files and folders (or the workspace's evidence/
// folder), and the live snapshots as collected.
func bundleEvidence(workspace string, f auditFlags, collected []*evidence.Snapshot) ([]auditbundle.File, error) {
	paths := f.evidence
	if len(paths) == 0 && len(f.collect) == 0 {
		paths = []string{filepath.Join(workspace, "evidence")}
	}
	var out []auditbundle.File
	seen := map[string]int{}
	add := func(name string, data []byte) {
		base := strings.TrimSuffix(name, ".json")
		if n := seen[base]; n > 0 {
			name = fmt.Sprintf("%s-%d.json", base, n+1)
		}
		seen[base]++
		out = append(out, auditbundle.File{Path: path.Join("evidence", name), Data: data})
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		names := []string{p}
		if info.IsDir() {
			entries, err := os.ReadDir(p)
			if err != nil {
				return nil, err
			}
			names = names[:0]
			for _, e := range entries {
				if !e.IsDir() && strings.HasSuffix(e.Name(), ".json") {
					names = append(names, filepath.Join(p, e.Name()))
				}
			}
		}
		for _, n := range names {
			data, err := os.ReadFile(n)
			if err != nil {
				return nil, err
			}
			add(filepath.Base(n), data)
		}
	}
	for i, s := range collected {
		var buf bytes.Buffer
		if err := evidence.Encode(&buf, s); err != nil {
			return nil, err
		}
		add(fmt.Sprintf("collected-%s-%d.json", strings.Join(s.Collectors, "-"), i+1), buf.Bytes())
	}
	return out, nil
}

// gitCommit says which commit the bundled workspace files are from, and
// which of them differ from it: the files are those the run read (the
// working tree), so an auditor can tell them from the commit.
type gitCommit struct {
	Commit   string   `json:"commit,omitempty"`
	Modified []string `json:"modified"`
	Note     string   `json:"note,omitempty"`
}

func workspaceCommit(ctx context.Context, workspace string) gitCommit {
	git := func(args ...string) (string, error) {
		cmd := exec.CommandContext(ctx, "git", append([]string{"-C", workspace}, args...)...)
		out, err := cmd.Output()
		return strings.TrimSpace(string(out)), err
	}
	commit, err := git("rev-parse", "HEAD")
	if err != nil {
		return gitCommit{Modified: []string{}, Note: "the workspace is not in a Git repository (or git is not installed): no commit recorded"}
	}
	out := gitCommit{Commit: commit, Modified: []string{}}
	status, err := git("status", "--porcelain", "--untracked-files=all", "--", ".")
	if err != nil {
		out.Note = "git status failed: the files may differ from the commit"
		return out
	}
	for _, line := range strings.Split(status, "\n") {
		if len(line) > 3 {
			out.Modified = append(out.Modified, line[3:])
		}
	}
	return out
}
