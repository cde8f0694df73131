package terraform

import (
	"io/fs"
	"os"
	"path/filepath"
)

// Dir is a file system rooted at a directory that, unlike os.DirFS, accepts
// names starting with "../" and absolute names, so files appear in reports,
// SARIF and fingerprints exactly as the user typed their paths.
type Dir string

// Open opens name relative to the directory (or as is when absolute).
func (d Dir) Open(name string) (fs.File, error) {
	if filepath.IsAbs(name) {
		return os.Open(name)
	}
	return os.Open(filepath.Join(string(d), filepath.FromSlash(name)))
}
