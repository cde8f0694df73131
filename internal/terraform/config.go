package terraform

import (
	"fmt"
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
	modules       map[string]*module  // by directory
	varFiles      map[string][]string // auto-loaded tfvars by module folder
	extraVarFiles []string
	// scanned are the folders given to Load: module sources must stay inside them.
	scanned []string
	files   map[string]*hcl.File
	// diags are configuration errors Terraform itself would reject
	// (duplicate resources, overrides of nothing).
	diags hcl.Diagnostics
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
	byKey     map[string]*resourceBlock // "type.name": references are O(1)
	diags     hcl.Diagnostics
}

type resourceBlock struct {
	typ, name string
	block     *hclsyntax.Block
}

func (r *resourceBlock) key() string { return r.typ + "." + r.name }

func newConfig(fsys fs.FS, files map[string]*hcl.File) *config {
	c := &config{fsys: fsys, modules: map[string]*module{}, varFiles: map[string][]string{}, files: files}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	byDir := map[string][]string{}
	for _, n := range names {
		dir := path.Dir(n)
		if isConfigFile(n) {
			byDir[dir] = append(byDir[dir], n)
			continue
		}
		if isAutoVars(n) {
			c.varFiles[dir] = append(c.varFiles[dir], n)
		}
	}
	for dir, ns := range byDir {
		m := newModule(dir)
		addFiles(m, ns, func(n string) *hcl.File { return files[n] })
		c.diags = append(c.diags, m.diags...)
		c.modules[dir] = m
	}
	sort.SliceStable(c.diags, func(i, j int) bool { return diagLess(c.diags[i], c.diags[j]) })
	return c
}

// addFiles adds a module's files in name order, then merges its override
// files (override.tf, *_override.tf) the way Terraform does.
func addFiles(m *module, names []string, file func(string) *hcl.File) {
	var overrides []string
	for _, n := range names {
		if isOverride(n) {
			overrides = append(overrides, n)
			continue
		}
		m.add(file(n))
	}
	for _, n := range overrides {
		m.override(file(n))
	}
}

func isOverride(name string) bool {
	base := strings.TrimSuffix(path.Base(name), ".json")
	return base == "override.tf" || strings.HasSuffix(base, "_override.tf")
}

// isConfigFile reports the configuration files of a module: native and
// JSON syntax.
func isConfigFile(name string) bool {
	return strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json")
}

func newModule(dir string) *module {
	return &module{dir: dir, variables: map[string]*hclsyntax.Block{}, locals: map[string]*hclsyntax.Attribute{},
		data: map[string]*hclsyntax.Block{}, calls: map[string]*hclsyntax.Block{}, outputs: map[string]*hclsyntax.Attribute{},
		byKey: map[string]*resourceBlock{}}
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
				rb := &resourceBlock{typ: b.Labels[0], name: b.Labels[1], block: b}
				if prev := m.byKey[rb.key()]; prev != nil {
					first := prev.block.DefRange()
					m.errorf(b.DefRange(), "Duplicate resource configuration", "resource %s was already declared at %s:%d; a resource name must be unique in its module.", rb.key(), first.Filename, first.Start.Line)
					continue
				}
				m.resources = append(m.resources, rb)
				m.byKey[rb.key()] = rb
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

// loadModule parses a module folder not parsed with the scanned files (one
// under .terraform/modules, where terraform init installs remote modules)
// on first use, sequentially: it is rare, and the evaluator is
// single-threaded. The caller has checked the folder is inside the scanned
// folders (config.refuse).
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
	parsed := map[string]*hcl.File{}
	var names []string
	for _, e := range entries {
		if e.IsDir() || !isConfigFile(e.Name()) {
			continue
		}
		name := path.Join(dir, e.Name())
		f, d := parseFile(c.fsys, name)
		diags = append(diags, d...)
		if f != nil && !d.HasErrors() {
			files = append(files, f)
			parsed[name] = f
			names = append(names, name)
		}
	}
	addFiles(m, names, func(n string) *hcl.File { return parsed[n] })
	diags = append(diags, m.diags...)
	c.modules[dir] = m
	return m, files, diags
}

func (m *module) errorf(rng hcl.Range, summary, format string, args ...any) {
	r := rng
	m.diags = append(m.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: fmt.Sprintf(format, args...), Subject: &r})
}

// override merges an override file: each block replaces the arguments it
// sets in the block of the same name, and its nested blocks of a type
// replace all nested blocks of that type. Overriding something not
// declared is an error, as in Terraform.
func (m *module) override(f *hcl.File) {
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return
	}
	for _, b := range body.Blocks {
		var target *hclsyntax.Body
		switch {
		case b.Type == "resource" && len(b.Labels) == 2:
			if rb := m.byKey[b.Labels[0]+"."+b.Labels[1]]; rb != nil {
				target = rb.block.Body
			}
		case b.Type == "data" && len(b.Labels) == 2:
			if d := m.data[b.Labels[0]+"."+b.Labels[1]]; d != nil {
				target = d.Body
			}
		case b.Type == "variable" && len(b.Labels) == 1:
			if v := m.variables[b.Labels[0]]; v != nil {
				target = v.Body
			}
		case b.Type == "module" && len(b.Labels) == 1:
			if c := m.calls[b.Labels[0]]; c != nil {
				target = c.Body
			}
		case b.Type == "output" && len(b.Labels) == 1:
			if a := b.Body.Attributes["value"]; a != nil {
				m.outputs[b.Labels[0]] = a
			}
			continue
		case b.Type == "locals":
			for name, a := range b.Body.Attributes {
				m.locals[name] = a
			}
			continue
		default:
			continue // provider and terraform blocks carry no resource settings here
		}
		if target == nil {
			m.errorf(b.DefRange(), "Missing base configuration for override", "%s %s is overridden here but not declared in %s.", b.Type, strings.Join(b.Labels, "."), m.dir)
			continue
		}
		mergeBody(target, b.Body)
	}
}

func mergeBody(dst, src *hclsyntax.Body) {
	// JSON files write nested blocks as arguments (see json.go): an
	// argument replaces the base's blocks of that name, and a block the
	// base's argument of that name, whichever syntax each file uses.
	replaced := map[string]bool{}
	for name, a := range src.Attributes {
		dst.Attributes[name] = a
		replaced[name] = true
	}
	for _, b := range src.Blocks {
		replaced[b.Type] = true
		delete(dst.Attributes, b.Type)
	}
	kept := dst.Blocks[:0:0]
	for _, b := range dst.Blocks {
		if !replaced[b.Type] {
			kept = append(kept, b)
		}
	}
	dst.Blocks = append(kept, src.Blocks...)
}
