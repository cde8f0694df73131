// Command naive is the benchmark baseline for `rampart gate`: the structure
// of conftest. The policies are parsed and compiled once (conftest's
// engine.Load: ast.CompileModules, then one compiler for every query); each
// Terraform file is parsed, converted to JSON and decoded again, and every
// rule is queried with its own rego.New(rego.Query, rego.Compiler,
// rego.Input).Eval — the query planned and the input converted on each
// call: one evaluation per file per rule. It prints the number of denials
// and exits 1 when there are any, like the gate.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/rampart-audit/rampart/controls"
)

func main() { os.Exit(run()) }

func run() int {
	ctx := context.Background()
	type rule struct{ file, src, pkg string }
	var rules, libs []rule
	pkgRE := regexp.MustCompile(`(?m)^package ([a-z0-9_.]+)`)
	err := fs.WalkDir(controls.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") || strings.HasSuffix(p, "_test.rego") {
			return err
		}
		b, err := fs.ReadFile(controls.FS, p)
		if err != nil {
			return err
		}
		m := pkgRE.FindStringSubmatch(string(b))
		if m == nil {
			return fmt.Errorf("%s: no package", p)
		}
		if m[1] == "rampart.lib" {
			libs = append(libs, rule{p, string(b), m[1]})
			return nil
		}
		rules = append(rules, rule{p, string(b), m[1]})
		return nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	var files []string
	for _, root := range os.Args[1:] {
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".tf") {
				files = append(files, p)
			}
			return err
		})
	}
	modules := map[string]string{}
	for _, r := range append(rules, libs...) {
		modules[r.file] = r.src
	}
	compiler, err := ast.CompileModulesWithOpt(modules, ast.CompileOpts{ParserOptions: ast.ParserOptions{RegoVersion: ast.RegoV1}})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	denials := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		file, diags := hclsyntax.ParseConfig(src, f, hcl.InitialPos)
		if diags.HasErrors() {
			fmt.Fprintln(os.Stderr, diags.Error())
			return 2
		}
		raw, err := json.Marshal(bodyJSON(file.Body.(*hclsyntax.Body), src))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		var input any
		if err := json.Unmarshal(raw, &input); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		for _, r := range rules {
			rs, err := rego.New(rego.Query("data."+r.pkg+".deny"), rego.Compiler(compiler), rego.Input(input)).Eval(ctx)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 3
			}
			for _, res := range rs {
				for _, e := range res.Expressions {
					if set, ok := e.Value.([]any); ok {
						denials += len(set)
					}
				}
			}
		}
	}
	fmt.Printf("%d files, %d rules, %d denials\n", len(files), len(rules), denials)
	if denials > 0 {
		return 1
	}
	return 0
}

// bodyJSON converts a body the way hcl2json does: literal values as JSON,
// anything else as its "${...}" source text, blocks nested by type and labels.
func bodyJSON(b *hclsyntax.Body, src []byte) map[string]any {
	out := map[string]any{}
	for name, a := range b.Attributes {
		v, diags := a.Expr.Value(nil)
		if diags.HasErrors() || !v.IsWhollyKnown() {
			out[name] = "${" + string(a.Expr.Range().SliceBytes(src)) + "}"
			continue
		}
		j, err := ctyjson.Marshal(v, v.Type())
		if err != nil {
			out[name] = nil
			continue
		}
		out[name] = json.RawMessage(j)
	}
	for _, blk := range b.Blocks {
		var target = out
		key := blk.Type
		for _, l := range blk.Labels {
			next, _ := target[key].(map[string]any)
			if next == nil {
				next = map[string]any{}
				target[key] = next
			}
			target, key = next, l
		}
		list, _ := target[key].([]any)
		target[key] = append(list, bodyJSON(blk.Body, src))
	}
	return out
}
