package terraform

import (
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// config is the parsed configuration: one module per directory.
type config struct {
	fsys          fs.FS
	modules       map[string]*module // by directory
	varFiles      map[string][]*hcl.File
	extraVarFiles []string
	files         map[string]*hcl.File
}

// module is one directory of .tf files, decoded into its top-level blocks.
type module struct {
	dir       string
	variables map[string]*hclsyntax.Block
	locals    map[string]*hclsyntax.Attribute
	resources []*resourceBlock
	data      map[string]*hclsyntax.Block // "type.name"
	calls     map[string]*hclsyntax.Block
	callOrder []string
	outputs   map[string]*hclsyntax.Attribute
	providers []*hclsyntax.Block
	byKey     map[string]*resourceBlock
}

type resourceBlock struct {
	typ, name string
	block     *hclsyntax.Block
}

func (r *resourceBlock) key() string { return r.typ + "." + r.name }

func newConfig(fsys fs.FS, files map[string]*hcl.File) *config {
	c := &config{fsys: fsys, modules: map[string]*module{}, varFiles: map[string][]*hcl.File{}, files: files}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	byDir := map[string][]string{}
	for _, n := range names {
		dir := path.Dir(n)
		if strings.HasSuffix(n, ".tf") {
			byDir[dir] = append(byDir[dir], n)
			continue
		}
		if base := path.Base(n); base == "terraform.tfvars" || strings.HasSuffix(base, ".auto.tfvars") {
			c.varFiles[dir] = append(c.varFiles[dir], files[n])
		}
	}
	for dir, ns := range byDir {
		m := newModule(dir)
		for _, n := range ns {
			m.add(files[n])
		}
		m.index()
		c.modules[dir] = m
	}
	return c
}

func newModule(dir string) *module {
	return &module{dir: dir, variables: map[string]*hclsyntax.Block{}, locals: map[string]*hclsyntax.Attribute{},
		data: map[string]*hclsyntax.Block{}, calls: map[string]*hclsyntax.Block{}, outputs: map[string]*hclsyntax.Attribute{}}
}

// add decodes one file's top-level blocks. Unknown block types (terraform,
// moved, import, check …) carry no resource configuration and are ignored.
func (m *module) add(f *hcl.File) {
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return
	}
	for _, b := range body.Blocks {
		switch b.Type {
		case "variable":
			if len(b.Labels) == 1 {
				m.variables[b.Labels[0]] = b
			}
		case "locals":
			for name, a := range b.Body.Attributes {
				m.locals[name] = a
			}
		case "resource":
			if len(b.Labels) == 2 {
				m.resources = append(m.resources, &resourceBlock{typ: b.Labels[0], name: b.Labels[1], block: b})
			}
		case "data":
			if len(b.Labels) == 2 {
				m.data[b.Labels[0]+"."+b.Labels[1]] = b
			}
		case "module":
			if len(b.Labels) == 1 {
				m.calls[b.Labels[0]] = b
				m.callOrder = append(m.callOrder, b.Labels[0])
			}
		case "output":
			if len(b.Labels) == 1 {
				if a, ok := b.Body.Attributes["value"]; ok {
					m.outputs[b.Labels[0]] = a
				}
			}
		case "provider":
			m.providers = append(m.providers, b)
		}
	}
}

// index makes references O(1): resources by "type.name". The resources
// list itself is in file-name and position order, as files are added in
// name order.
func (m *module) index() {
	m.byKey = make(map[string]*resourceBlock, len(m.resources))
	for _, rb := range m.resources {
		m.byKey[rb.key()] = rb
	}
}

// localSource resolves a module call's source to a directory when it is a
// local path; remote sources return ok=false.
func localSource(from, source string) (string, bool) {
	if strings.HasPrefix(source, "./") || strings.HasPrefix(source, "../") || source == "." || source == ".." {
		return path.Clean(path.Join(from, source)), true
	}
	return "", false
}

// roots are the module directories not called as a local module by another
// directory of the configuration: they are evaluated as root modules.
func (c *config) roots() []string {
	called := map[string]bool{}
	for _, m := range c.modules {
		for _, b := range m.calls {
			if src := literalString(b.Body.Attributes["source"]); src != "" {
				if dir, ok := localSource(m.dir, src); ok && dir != m.dir {
					called[dir] = true
				}
			}
		}
	}
	var out []string
	for dir := range c.modules {
		if !called[dir] {
			out = append(out, dir)
		}
	}
	sort.Strings(out)
	return out
}

func literalString(a *hclsyntax.Attribute) string {
	if a == nil {
		return ""
	}
	v, diags := a.Expr.Value(nil)
	if diags.HasErrors() || v.IsNull() || !v.IsKnown() || v.Type().FriendlyName() != "string" {
		return ""
	}
	return v.AsString()
}

// loadModule parses a local module directory outside the scanned paths on
// first use (sequentially: it is rare, and the evaluator is single-threaded).
func (c *config) loadModule(dir string) (*module, []*hcl.File, hcl.Diagnostics) {
	if m, ok := c.modules[dir]; ok {
		return m, nil, nil
	}
	entries, err := fs.ReadDir(c.fsys, dir) // sorted by name
	if err != nil {
		return nil, nil, hcl.Diagnostics{{Severity: hcl.DiagWarning, Summary: "Local module not found", Detail: err.Error()}}
	}
	m := newModule(dir)
	var files []*hcl.File
	var diags hcl.Diagnostics
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".tf") {
			continue
		}
		name := path.Join(dir, e.Name())
		f, d := parseFile(c.fsys, name)
		diags = append(diags, d...)
		if f != nil && !d.HasErrors() {
			files = append(files, f)
			m.add(f)
		}
	}
	m.index()
	c.modules[dir] = m
	return m, files, diags
}
