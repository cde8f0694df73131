package terraform

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/rampart-audit/rampart/internal/hcllimit"
)

// maxFileSize bounds what file() and templatefile() read: policy documents
// and templates, not data.
const maxFileSize = 4 << 20

// fileFunctions are Terraform's file, filebase64, fileexists and
// templatefile. Paths are relative to the root module's folder, as for
// terraform run there (path.module already names a module's own folder).
// Bucket and IAM policies are often kept in files: reading them turns what
// would be unknown into a policy the controls can judge.
//
// The configuration is a pull request's, and what these functions return
// ends up in findings, the PR comment and the CI log: a file outside the
// scanned folders (the runner's .git/config holds the job token), a hidden
// path (.git/, .github/, dotfiles) and a symbolic link leading out of the
// scanned folders are refused, and the value is unknown with the reason.
// scanned are the folders the gate was given; without them only the root
// module's own folder is readable.
func fileFunctions(fsys fs.FS, root string, scanned ...string) map[string]function.Function {
	if len(scanned) == 0 {
		scanned = []string{root}
	}
	jail := confinement{fsys: fsys, root: root, scanned: scanned}
	// Each file is read once per root module: a configuration calling
	// file() on the same 4 MiB file a thousand times holds it once.
	cache := map[string][]byte{}
	read := func(call, p string) ([]byte, error) {
		name, err := jail.resolve(call, p)
		if err != nil {
			return nil, err
		}
		if data, ok := cache[name]; ok {
			return data, nil
		}
		f, err := fsys.Open(name)
		if errors.Is(err, fs.ErrNotExist) {
			// Not the operating system's message: it names the runner's
			// absolute path.
			return nil, fmt.Errorf("%s(%q): %s does not exist", call, p, name)
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		defer f.Close()
		data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		if len(data) > maxFileSize {
			return nil, fmt.Errorf("%s is larger than %d bytes", name, maxFileSize)
		}
		cache[name] = data
		return data, nil
	}
	pathParam := []function.Parameter{{Name: "path", Type: cty.String}}
	return map[string]function.Function{
		"file": function.New(&function.Spec{
			Params: pathParam, Type: function.StaticReturnType(cty.String),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				data, err := read("file", args[0].AsString())
				if err != nil {
					return cty.UnknownVal(cty.String), err
				}
				if !utf8.Valid(data) {
					return cty.UnknownVal(cty.String), fmt.Errorf("%s is not UTF-8 text; use filebase64", args[0].AsString())
				}
				return cty.StringVal(string(data)), nil
			},
		}),
		"filebase64": function.New(&function.Spec{
			Params: pathParam, Type: function.StaticReturnType(cty.String),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				data, err := read("filebase64", args[0].AsString())
				if err != nil {
					return cty.UnknownVal(cty.String), err
				}
				return cty.StringVal(base64.StdEncoding.EncodeToString(data)), nil
			},
		}),
		"fileexists": function.New(&function.Spec{
			Params: pathParam, Type: function.StaticReturnType(cty.Bool),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				// Whether a file exists says something about the runner
				// too: the same confinement as reading it.
				name, err := jail.resolve("fileexists", args[0].AsString())
				if err != nil {
					return cty.UnknownVal(cty.Bool), err
				}
				info, err := fs.Stat(fsys, name)
				return cty.BoolVal(err == nil && !info.IsDir()), nil
			},
		}),
		"templatefile": function.New(&function.Spec{
			Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "vars", Type: cty.DynamicPseudoType}},
			Type:   function.StaticReturnType(cty.DynamicPseudoType),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				name := args[0].AsString()
				data, err := read("templatefile", name)
				if err != nil {
					return cty.DynamicVal, err
				}
				if diags := hcllimit.CheckTemplate(data, name); diags.HasErrors() {
					return cty.DynamicVal, fmt.Errorf("template %s: %s", name, strings.TrimSuffix(diags.Error(), "."))
				}
				tmpl, diags := hclsyntax.ParseTemplate(data, name, hcl.InitialPos)
				if diags.HasErrors() {
					return cty.DynamicVal, fmt.Errorf("template %s: %s", name, strings.TrimSuffix(diags.Error(), "."))
				}
				vars := map[string]cty.Value{}
				if v := args[1]; v.IsKnown() && !v.IsNull() && (v.Type().IsObjectType() || v.Type().IsMapType()) {
					for it := v.ElementIterator(); it.Next(); {
						k, e := it.Element()
						vars[k.AsString()] = e
					}
				} else if !v.IsKnown() {
					return cty.DynamicVal, nil
				}
				// Templates get the pure functions; a template calling
				// templatefile again is not followed.
				out, diags := tmpl.Value(&hcl.EvalContext{Variables: vars, Functions: functions()})
				if diags.HasErrors() {
					return cty.DynamicVal, fmt.Errorf("template %s: %s", name, diags.Error())
				}
				return out, nil
			},
		}),
	}
}

// fromRoot is a module's folder relative to the root module's, as
// Terraform's path.module is relative to where it runs.
func fromRoot(root, dir string) string {
	rel, err := filepath.Rel(filepath.FromSlash(root), filepath.FromSlash(dir))
	if err != nil {
		return dir
	}
	return filepath.ToSlash(rel)
}

// errRefused marks a path the file functions will not read.
var errRefused = errors.New("refused")

// maxLinkHops bounds symbolic links followed for one path (a loop of links
// is refused, as the operating system does past 40).
const maxLinkHops = 40

// confinement resolves the paths a configuration passes to the file
// functions to names inside the scanned folders.
type confinement struct {
	fsys    fs.FS
	root    string
	scanned []string
}

// resolve returns the name to open for p (relative to the root module),
// with every symbolic link below the scanned folder followed, or an error
// wrapping errRefused that says why it is not read. call names the
// function for the message.
func (c confinement) resolve(call, p string) (string, error) {
	refuse := func(format string, args ...any) error {
		return fmt.Errorf("%s(%q): %w: %s", call, p, errRefused, fmt.Sprintf(format, args...))
	}
	if path.IsAbs(p) || filepath.IsAbs(p) || filepath.VolumeName(p) != "" {
		return "", refuse("absolute paths are not read")
	}
	name := path.Clean(path.Join(c.root, filepath.ToSlash(p)))
	links, canLink := c.fsys.(fs.ReadLinkFS)
	for hops := 0; ; hops++ {
		folder, in := c.folderOf(name)
		if !in {
			if hops > 0 {
				return "", refuse("a symbolic link leads to %s, outside the scanned folder%s", name, c.plural())
			}
			return "", refuse("outside the scanned folder%s", c.plural())
		}
		rel := relTo(folder, name)
		if elem := hiddenElem(rel); elem != "" {
			return "", refuse("%s is a hidden path (%s), which is not read", name, elem)
		}
		if !canLink {
			// A file system that cannot say what is a link cannot show
			// none leads out: nothing is read from it.
			return "", refuse("the file system cannot tell symbolic links")
		}
		// Walk down from the folder: the first link met is replaced by
		// its target and the whole name judged again.
		cur, link := folder, ""
		parts := strings.Split(rel, "/")
		for i, part := range parts {
			if part == "." || part == "" {
				continue
			}
			cur = path.Join(cur, part)
			info, err := links.Lstat(cur)
			if err != nil {
				// Missing: the read reports it (fileexists answers false).
				return name, nil
			}
			if info.Mode()&fs.ModeSymlink == 0 {
				continue
			}
			target, err := links.ReadLink(cur)
			if err != nil {
				return "", refuse("symbolic link %s cannot be read", cur)
			}
			target = filepath.ToSlash(target)
			if path.IsAbs(target) || filepath.IsAbs(target) {
				return "", refuse("%s is a symbolic link to %s, outside the scanned folder%s", cur, target, c.plural())
			}
			link = path.Join(append([]string{path.Dir(cur), target}, parts[i+1:]...)...)
			break
		}
		if link == "" {
			return name, nil
		}
		if hops == maxLinkHops {
			return "", refuse("more than %d symbolic links", maxLinkHops)
		}
		name = path.Clean(link)
	}
}

// folderOf returns the scanned folder name lies in, lexically.
func (c confinement) folderOf(name string) (string, bool) {
	for _, s := range c.scanned {
		s = path.Clean(filepath.ToSlash(s))
		if s == "." && !path.IsAbs(name) && name != ".." && !strings.HasPrefix(name, "../") {
			return s, true
		}
		if name == s || strings.HasPrefix(name, strings.TrimSuffix(s, "/")+"/") {
			return s, true
		}
	}
	return "", false
}

func (c confinement) plural() string {
	if len(c.scanned) == 1 {
		return " " + c.scanned[0]
	}
	return "s " + strings.Join(c.scanned, ", ")
}

// relTo is name relative to folder; name lies in folder.
func relTo(folder, name string) string {
	if folder == "." {
		return name
	}
	return strings.TrimPrefix(strings.TrimPrefix(name, folder), "/")
}

// hiddenElem returns the first element of a cleaned relative path that
// starts with a dot: .git, .github, .env, .terraformrc. After cleaning, "."
// and ".." only remain for the folder itself, which is not hidden.
func hiddenElem(rel string) string {
	for _, e := range strings.Split(rel, "/") {
		if e != "." && e != ".." && strings.HasPrefix(e, ".") {
			return e
		}
	}
	return ""
}
