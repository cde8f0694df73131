package terraform

import (
	"encoding/base64"
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
)

// maxFileSize bounds what file() and templatefile() read: policy documents
// and templates, not data.
const maxFileSize = 4 << 20

// fileFunctions are Terraform's file, filebase64, fileexists and
// templatefile, reading from the scanned file system relative to the root
// module's folder (path.module already names a module's own folder). Bucket
// and IAM policies are often kept in files: reading them turns what would
// be unknown into a policy the controls can judge.
func fileFunctions(fsys fs.FS, root string) map[string]function.Function {
	read := func(p string) ([]byte, error) {
		name, err := inside(root, p)
		if err != nil {
			return nil, err
		}
		f, err := fsys.Open(name)
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
		return data, nil
	}
	pathParam := []function.Parameter{{Name: "path", Type: cty.String}}
	return map[string]function.Function{
		"file": function.New(&function.Spec{
			Params: pathParam, Type: function.StaticReturnType(cty.String),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				data, err := read(args[0].AsString())
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
				data, err := read(args[0].AsString())
				if err != nil {
					return cty.UnknownVal(cty.String), err
				}
				return cty.StringVal(base64.StdEncoding.EncodeToString(data)), nil
			},
		}),
		"fileexists": function.New(&function.Spec{
			Params: pathParam, Type: function.StaticReturnType(cty.Bool),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				name, err := inside(root, args[0].AsString())
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
				data, err := read(name)
				if err != nil {
					return cty.DynamicVal, err
				}
				tmpl, diags := hclsyntax.ParseTemplate(data, name, hcl.InitialPos)
				if diags.HasErrors() {
					return cty.DynamicVal, fmt.Errorf("template %s: %s", name, diags.Error())
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

// inside resolves a path a configuration names relative to the root module
// and refuses absolute paths and paths that climb out of the scanned tree:
// the configuration under review must not make the gate copy other files
// of the CI runner into its reports.
func inside(root, p string) (string, error) {
	if path.IsAbs(p) || filepath.IsAbs(p) {
		return "", fmt.Errorf("%s: absolute paths are not read", p)
	}
	name := path.Clean(path.Join(root, p))
	if name == ".." || strings.HasPrefix(name, "../") {
		return "", fmt.Errorf("%s: outside the scanned folder", p)
	}
	return name, nil
}
