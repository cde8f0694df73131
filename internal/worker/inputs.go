package worker

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"

	"github.com/rampart-audit/rampart/internal/pipeline"
)

// ErrInputsMismatch is returned by a worker whose checkout holds other
// workspace, control or policy files than the run was started with: it
// refuses to plan or judge the run, since its report would not be the one
// asked for.
var ErrInputsMismatch = errors.New("the worker's workspace, controls or policies differ from the run's")

// InputsHash is the content hash of everything that judges a run: every
// file of the workspace folder, of each --controls source (the embedded
// set is hashed from the binary, so two builds with different controls
// differ) and of the governance pack. The run carries it instead of the
// files: a worker on another machine judges with its own checkout and
// refuses when the hash differs (ErrInputsMismatch), so a run is judged by
// exactly what it was started with or not at all.
//
// Paths are relative to each root and sorted; a file's name, size and
// bytes all count, so a renamed, added or deleted file changes the hash.
func InputsHash(spec Spec) (string, error) {
	h := sha256.New()
	sources, err := pipeline.ControlSources(spec.Controls)
	if err != nil {
		return "", err
	}
	sources, err = pipeline.AddWorkspaceControls(sources, spec.Controls, spec.Workspace)
	if err != nil {
		return "", err
	}
	for _, s := range sources {
		if err := hashTree(h, "controls:"+s.Name, s.FS); err != nil {
			return "", err
		}
	}
	pack, name := pipeline.Pack(spec.Policies)
	if err := hashTree(h, "policies:"+name, pack); err != nil {
		return "", err
	}
	if spec.Workspace != "" {
		if err := hashTree(h, "workspace", os.DirFS(spec.Workspace)); err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func hashTree(h io.Writer, root string, fsys fs.FS) error {
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return fs.SkipDir
		}
		if d.Type().IsRegular() {
			files = append(files, p)
		} else if !d.IsDir() {
			// A link or device could point anywhere: what it names is not
			// part of the run's inputs a hash can vouch for.
			return fmt.Errorf("%s is not a regular file or folder", path.Join(root, p))
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("hash run inputs %s: %w", filepath.ToSlash(root), err)
	}
	sort.Strings(files)
	for _, p := range files {
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return fmt.Errorf("hash run inputs: %w", err)
		}
		fmt.Fprintf(h, "%s\x00%s\x00%d\x00", root, p, len(data))
		h.Write(data)
	}
	return nil
}
