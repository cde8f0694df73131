package terraform

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Dir is a file system rooted at a directory that, unlike os.DirFS, accepts
// names starting with "../" and absolute names, so files appear in reports,
// SARIF and fingerprints exactly as the user typed their paths.
//
// The gate runs on pull requests, whose content is not trusted: a symbolic
// link inside the folder that points outside it (main.tf → /etc/shadow) is
// refused, or a syntax error would print the target's lines to the CI log.
type Dir string

// Open opens name relative to the directory (or as is when absolute).
func (d Dir) Open(name string) (fs.File, error) {
	p := filepath.FromSlash(name)
	if !filepath.IsAbs(p) {
		p = filepath.Join(string(d), p)
		if err := d.contained(p); err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
	}
	return os.Open(p)
}

// Lstat describes name without following a final symbolic link: with
// ReadLink it lets the file functions follow links themselves and refuse
// the ones leading out of the scanned folders (fs.ReadLinkFS).
func (d Dir) Lstat(name string) (fs.FileInfo, error) {
	return os.Lstat(d.osPath(name))
}

// ReadLink returns the target of the symbolic link name, as stored.
func (d Dir) ReadLink(name string) (string, error) {
	return os.Readlink(d.osPath(name))
}

func (d Dir) osPath(name string) string {
	p := filepath.FromSlash(name)
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(string(d), p)
}

// errLinkEscapes is returned for a path inside the folder whose real
// location, symbolic links followed, is outside it.
var errLinkEscapes = fmt.Errorf("symbolic link leads outside the scanned folder")

// contained checks a path that lies lexically inside the directory stays
// inside once symbolic links are followed. Paths the user typed outside it
// ("../infra") are theirs to choose.
func (d Dir) contained(p string) error {
	root := string(d)
	if rel, err := filepath.Rel(root, p); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return err
	}
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		if os.IsNotExist(err) {
			return nil // os.Open reports it
		}
		return err
	}
	if rel, err := filepath.Rel(realRoot, real); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return errLinkEscapes
	}
	return nil
}
