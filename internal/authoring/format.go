package authoring

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"

	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/hcllimit"
)

// skipDir says which folders a tree walk leaves out: VCS and tool folders,
// and testdata, which holds deliberately malformed files for tests.
func skipDir(name string) bool {
	return name != "." && (strings.HasPrefix(name, ".") || name == "testdata" || name == "vendor" || name == "node_modules")
}

// SourceFiles expands paths (files or folders, walked recursively) into
// the sorted list of files whose extension is in exts. A file named
// explicitly with another extension is an error: silently skipping it
// would let `fmt --check file.txt` pass.
func SourceFiles(paths []string, exts ...string) ([]string, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	want := func(p string) bool {
		for _, e := range exts {
			if strings.HasSuffix(p, e) {
				return true
			}
		}
		return false
	}
	seen := map[string]bool{}
	var out []string
	for _, root := range paths {
		info, err := os.Stat(root)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			if !want(root) {
				return nil, fmt.Errorf("%s: not a %s file", root, strings.Join(exts, " or "))
			}
			if !seen[root] {
				seen[root] = true
				out = append(out, root)
			}
			continue
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if p != root && skipDir(d.Name()) {
					return filepath.SkipDir
				}
				return nil
			}
			if want(p) && !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("walk %s: %w", root, err)
		}
	}
	sort.Strings(out)
	return out, nil
}

// FormatSource returns src formatted: Rego with OPA's formatter (Rego v1),
// HCL with hclwrite after a syntax check, since hclwrite formats broken
// input without complaint. Syntax errors come back as engine.Problems with
// file, line and column.
func FormatSource(name string, src []byte) ([]byte, error) {
	switch {
	case strings.HasSuffix(name, ".rego"):
		out, err := format.SourceWithOpts(name, src, format.Opts{RegoVersion: ast.RegoV1})
		if err != nil {
			var errs ast.Errors
			if errors.As(err, &errs) {
				return nil, regoProblems(name, errs)
			}
			return nil, engine.Problems{{File: name, Message: err.Error()}}
		}
		return out, nil
	case strings.HasSuffix(name, ".hcl"):
		_, diags := hcllimit.ParseConfig(src, name, hcl.InitialPos) // no stack overflow on deep nesting
		if diags.HasErrors() {
			return nil, hclProblems(diags)
		}
		return hclwrite.Format(src), nil
	}
	return nil, engine.Problems{{File: name, Message: "not a .rego or .hcl file"}}
}

func regoProblems(name string, errs ast.Errors) engine.Problems {
	out := make(engine.Problems, 0, len(errs))
	for _, e := range errs {
		p := engine.Problem{File: name, Message: e.Message}
		if e.Location != nil {
			p.Line, p.Col = e.Location.Row, e.Location.Col
			if e.Location.File != "" {
				p.File = e.Location.File
			}
		}
		out = append(out, p)
	}
	return out
}

func hclProblems(diags hcl.Diagnostics) engine.Problems {
	var out engine.Problems
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		p := engine.Problem{Message: d.Summary}
		if d.Detail != "" {
			p.Message += ": " + d.Detail
		}
		if d.Subject != nil {
			p.File, p.Line, p.Col = d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column
		}
		out = append(out, p)
	}
	return out
}

// FormatResult is one file's formatting outcome.
type FormatResult struct {
	File      string
	Changed   bool
	Original  []byte
	Formatted []byte
}

// FormatFiles formats every file in memory. Files that do not parse are
// reported together as Problems; the others are still returned, so a
// write run fixes what it can, as gofmt does.
func FormatFiles(files []string) ([]FormatResult, engine.Problems) {
	var out []FormatResult
	var problems engine.Problems
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			problems = append(problems, engine.Problem{File: f, Message: err.Error()})
			continue
		}
		formatted, err := FormatSource(f, src)
		if err != nil {
			var ps engine.Problems
			if errors.As(err, &ps) {
				problems = append(problems, ps...)
			} else {
				problems = append(problems, engine.Problem{File: f, Message: err.Error()})
			}
			continue
		}
		out = append(out, FormatResult{File: f, Changed: !bytes.Equal(src, formatted), Original: src, Formatted: formatted})
	}
	return out, problems
}
