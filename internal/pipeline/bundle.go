package pipeline

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"

	"github.com/rampart-audit/rampart/controls"
	"github.com/rampart-audit/rampart/internal/engine"
)

// EmbeddedControls is the --controls value naming the built-in set, so it
// can be combined with folders and bundles. A folder of that name is given
// as ./embedded.
const EmbeddedControls = "embedded"

// controlSource resolves one --controls value: the embedded set, a folder,
// or an OPA bundle (.tar.gz), so one policy repository can publish a
// bundle that many pipelines load.
func controlSource(spec string) (engine.Source, error) {
	if spec == EmbeddedControls {
		// Parsed, checked and compiled by this build's tests (controls'
		// TestCatalogue, `make policy-check`): a gate reads its rules only
		// for the types it meets (engine.CompileNeeded).
		return engine.Source{Name: "controls", FS: controls.FS, Verified: true}, nil
	}
	info, err := os.Stat(spec)
	if err != nil {
		return engine.Source{}, fmt.Errorf("controls: %w", err)
	}
	switch {
	case info.IsDir():
		return engine.Source{Name: spec, FS: os.DirFS(spec)}, nil
	case strings.HasSuffix(spec, ".tar.gz") || strings.HasSuffix(spec, ".tgz"):
		return bundleSource(spec)
	}
	return engine.Source{}, fmt.Errorf("controls: %s is not a folder, an OPA bundle (.tar.gz) or %q", spec, EmbeddedControls)
}

// bundleSource reads the Rego modules of an OPA bundle with OPA's bundle
// reader. Data documents in the bundle are not used: controls read only
// their input.
func bundleSource(file string) (engine.Source, error) {
	// OPA's reader holds every file of the bundle in memory: refuse a
	// bundle that expands past the engine's limits before it does.
	if err := engine.CheckBundle(file); err != nil {
		return engine.Source{}, fmt.Errorf("controls: %w", err)
	}
	f, err := os.Open(file)
	if err != nil {
		return engine.Source{}, fmt.Errorf("controls: %w", err)
	}
	defer f.Close()
	b, err := bundle.NewReader(f).WithSizeLimitBytes(engine.MaxFileBytes).WithRegoVersion(ast.RegoV1).WithProcessAnnotations(true).Read()
	if err != nil {
		return engine.Source{}, fmt.Errorf("controls: read bundle %s: %w", file, err)
	}
	files := memFS{}
	for _, m := range b.Modules {
		p := strings.TrimPrefix(path.Clean("/"+m.Path), "/")
		if !strings.HasSuffix(p, ".rego") || !fs.ValidPath(p) {
			continue
		}
		files[p] = m.Raw
	}
	if len(files) == 0 {
		return engine.Source{}, fmt.Errorf("controls: bundle %s holds no .rego modules", file)
	}
	return engine.Source{Name: file, FS: files}, nil
}

// memFS is a read-only file system of files by slash path; folders are
// implied by the paths. It holds a bundle's modules for engine.ParseSources.
type memFS map[string][]byte

func (m memFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if data, ok := m[name]; ok {
		return &memFile{info: memInfo{name: path.Base(name), size: int64(len(data))}, r: bytes.NewReader(data)}, nil
	}
	entries := m.entries(name)
	if name != "." && len(entries) == 0 {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &memDir{info: memInfo{name: path.Base(name), dir: true}, entries: entries}, nil
}

// entries lists the direct children of dir, sorted by name.
func (m memFS) entries(dir string) []fs.DirEntry {
	prefix := dir + "/"
	if dir == "." {
		prefix = ""
	}
	seen := map[string]fs.DirEntry{}
	for p, data := range m {
		if !strings.HasPrefix(p, prefix) {
			continue
		}
		rest := strings.TrimPrefix(p, prefix)
		if child, _, isDir := strings.Cut(rest, "/"); isDir {
			seen[child] = memInfo{name: child, dir: true}
		} else {
			seen[child] = memInfo{name: child, size: int64(len(data))}
		}
	}
	out := make([]fs.DirEntry, 0, len(seen))
	for _, e := range seen {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out
}

type memInfo struct {
	name string
	size int64
	dir  bool
}

func (i memInfo) Name() string { return i.name }
func (i memInfo) Size() int64  { return i.size }
func (i memInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (i memInfo) ModTime() time.Time         { return time.Time{} }
func (i memInfo) IsDir() bool                { return i.dir }
func (i memInfo) Sys() any                   { return nil }
func (i memInfo) Type() fs.FileMode          { return i.Mode().Type() }
func (i memInfo) Info() (fs.FileInfo, error) { return i, nil }

type memFile struct {
	info memInfo
	r    *bytes.Reader
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Read(b []byte) (int, error) { return f.r.Read(b) }
func (f *memFile) Close() error               { return nil }

type memDir struct {
	info    memInfo
	entries []fs.DirEntry
	off     int
}

func (d *memDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *memDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: fs.ErrInvalid}
}
func (d *memDir) Close() error { return nil }

func (d *memDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.off:]
	if n <= 0 {
		d.off = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	if n > len(rest) {
		n = len(rest)
	}
	d.off += n
	return rest[:n], nil
}
