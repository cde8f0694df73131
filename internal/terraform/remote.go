package terraform

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// manifestFile is where terraform init records the modules it installed,
// relative to the root module it ran in. Trivy and tflint read the same
// file: it is the only way to see a remote module without fetching it.
const manifestFile = ".terraform/modules/modules.json"

// manifest is one root module's modules.json; err says why it cannot be
// used (missing, malformed), and every remote module of that root is then a
// blocking gap.
type manifest struct {
	err     string
	modules map[string]manifestEntry // by key: "vpc", "vpc.subnets"
}

type manifestEntry struct {
	Key     string `json:"Key"`
	Source  string `json:"Source"`
	Version string `json:"Version"`
	Dir     string `json:"Dir"`
}

// remoteDir finds where terraform init installed a remote module. Without
// an entry matching the call's source, the module is not evaluated (why).
func (ev *evaluator) remoteDir(mi *modInst, name, addr, at, src string) (dir, why string) {
	key := name
	if mi.key != "" {
		key = mi.key + "." + name
	}
	prefix := fmt.Sprintf("%s (%s) comes from %q, a remote source rampart does not fetch", addr, at, src)
	m := ev.manifest(mi.root)
	if m.err != "" {
		return "", prefix + ", and " + m.err
	}
	e, ok := m.modules[key]
	if !ok {
		return "", fmt.Sprintf("%s, and %s has no module %q: run terraform init before the gate", prefix, path.Join(mi.root, manifestFile), key)
	}
	if !sameSource(src, e.Source) {
		// What is installed is another module than the one configured
		// (the pull request changed the source): judging it would judge
		// the wrong code.
		return "", fmt.Sprintf("%s, and %s installed %q for it: run terraform init again", prefix, path.Join(mi.root, manifestFile), e.Source)
	}
	if e.Dir == "" || path.IsAbs(e.Dir) || filepath.IsAbs(e.Dir) || filepath.VolumeName(e.Dir) != "" {
		return "", fmt.Sprintf("%s, and its folder in %s is %q, not a path inside the root module", prefix, path.Join(mi.root, manifestFile), e.Dir)
	}
	dir = path.Clean(path.Join(mi.root, filepath.ToSlash(e.Dir)))
	if why := ev.cfg.refuse(dir); why != "" {
		return "", fmt.Sprintf("%s, and its installed folder %q is %s", prefix, e.Dir, why)
	}
	return dir, ""
}

// sameSource compares a configured source with the one terraform init
// recorded, which spells registry addresses with their host and GitHub
// shorthands as git URLs.
func sameSource(configured, installed string) bool {
	if configured == installed {
		return true
	}
	if strings.Count(configured, "/") == 2 && !strings.Contains(configured, ":") && installed == "registry.terraform.io/"+configured {
		return true
	}
	if rest, ok := strings.CutPrefix(configured, "github.com/"); ok {
		repo, sub, _ := strings.Cut(rest, "//")
		want := "git::https://github.com/" + strings.TrimSuffix(repo, ".git") + ".git"
		if sub != "" {
			want += "//" + sub
		}
		return installed == want
	}
	return false
}

// maxManifestSize bounds modules.json: a list of modules, not data.
const maxManifestSize = 4 << 20

func (ev *evaluator) manifest(root string) *manifest {
	if m := ev.manifests[root]; m != nil {
		return m
	}
	m := &manifest{modules: map[string]manifestEntry{}}
	ev.manifests[root] = m
	name := path.Join(root, manifestFile)
	data, err := readLimited(ev.cfg.fsys, name, maxManifestSize)
	if errors.Is(err, fs.ErrNotExist) {
		m.err = "terraform init has not installed it (no " + name + ")"
		return m
	}
	if err != nil {
		m.err = fmt.Sprintf("%s cannot be read: %v", name, err)
		return m
	}
	var doc struct {
		Modules []manifestEntry `json:"Modules"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		// A broken manifest is bad input: say where, as for any JSON.
		var off int64
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			off = se.Offset
		case errors.As(err, &te):
			off = te.Offset
		}
		ev.errorf(bytePos(name, data, off), "Invalid module manifest", fmt.Sprintf("%s: byte offset %d: %v", name, off, err))
		m.err = name + " is not valid JSON"
		return m
	}
	for _, e := range doc.Modules {
		if e.Key != "" {
			m.modules[e.Key] = e
		}
	}
	return m
}

func readLimited(fsys fs.FS, name string, limit int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("larger than %d bytes", limit)
	}
	return data, nil
}

// bytePos is the range of the byte before offset (encoding/json reports
// the offset after the byte it stopped at), with its line and column.
func bytePos(name string, data []byte, off int64) hcl.Range {
	pos := hcl.InitialPos
	for i := int64(0); i < off-1 && i < int64(len(data)); i++ {
		pos.Byte++
		pos.Column++
		if data[i] == '\n' {
			pos.Line++
			pos.Column = 1
		}
	}
	return hcl.Range{Filename: name, Start: pos, End: pos}
}
