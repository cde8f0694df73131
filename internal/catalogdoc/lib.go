package catalogdoc

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-audit/rampart/internal/engine"
)

// LibraryFile is the catalogue's page of the rampart.lib API.
const LibraryFile = "lib.md"

// Helper is one rule of rampart.lib as its METADATA documents it: the
// description and an example with its result (and the input it reads, if
// any) that TestLibraryExamples evaluates, so the page cannot show an
// example that is wrong.
type Helper struct {
	Name string
	// Signature is how a control calls it: lib.attr(path), lib.unknown_keys.
	Signature string
	// Kind says what it gives: "function → value", "function → true or
	// undefined", "value", "set", "true or undefined".
	Kind        string
	Description string
	// Example is a Rego expression, Result the term it equals, Input the
	// JSON input it is evaluated with ("" for none).
	Example, Result, Input string
	File                   string
	Line                   int
	// UsedBy are the control IDs whose modules call it; none makes it
	// internal (a helper of the helpers).
	UsedBy []string

	args []string
}

// Internal reports whether no control calls the helper directly.
func (h Helper) Internal() bool { return len(h.UsedBy) == 0 }

// Library returns the helpers of the rampart.lib package among the parsed
// modules, sorted by name, with the controls of cat that call each one.
// Problems name every helper without a METADATA description, or without an
// example and its result.
func Library(mods []engine.Module, cat *engine.Catalog) ([]Helper, engine.Problems) {
	var libs []*ast.Module
	for _, m := range mods {
		if !m.Test && engine.IsLibrary(strings.TrimPrefix(m.Module.Package.Path.String(), "data.")) {
			libs = append(libs, m.Module)
		}
	}
	if len(libs) == 0 {
		return nil, nil
	}
	as, errs := ast.BuildAnnotationSet(libs)
	var problems engine.Problems
	for _, e := range errs {
		problems = append(problems, engine.Problem{File: e.Location.File, Line: e.Location.Row, Message: e.Message, Code: engine.CodeSyntax})
	}
	if as == nil {
		return nil, problems
	}
	used := libraryUse(mods, cat)
	byName := map[string]*Helper{}
	var names []string
	for _, m := range libs {
		for _, r := range m.Rules {
			name := engine.RuleName(r)
			h := byName[name]
			if h == nil {
				h = &Helper{Name: name, File: r.Location.File, Line: r.Location.Row, UsedBy: used[name]}
				byName[name] = h
				names = append(names, name)
			}
			// The first non-default definition says what it gives; each
			// argument is named by the first definition that names it
			// (sg_may_expose(_, groups) and sg_may_expose(refs, groups)).
			if h.Kind == "" && !r.Default {
				h.Kind = kind(r)
			}
			for i, a := range r.Head.Args {
				if i == len(h.args) {
					h.args = append(h.args, "_")
				}
				if v, ok := a.Value.(ast.Var); ok && h.args[i] == "_" && !v.IsWildcard() {
					h.args[i] = string(v)
				}
			}
			for _, a := range as.GetRuleScope(r) {
				if h.Description == "" {
					h.Description = strings.TrimSpace(a.Description)
				}
				if h.Example == "" {
					h.Example, h.Result, h.Input = customString(a, "example"), customString(a, "result"), customString(a, "input")
				}
			}
		}
	}
	sort.Strings(names)
	out := make([]Helper, 0, len(names))
	for _, n := range names {
		h := *byName[n]
		h.Signature = "lib." + h.Name
		if len(h.args) > 0 {
			h.Signature += "(" + strings.Join(h.args, ", ") + ")"
		}
		at := engine.Problem{File: h.File, Line: h.Line, Code: "library-undocumented"}
		switch {
		case h.Description == "":
			at.Message = fmt.Sprintf("rampart.lib helper %s has no METADATA description", h.Name)
			problems = append(problems, at)
		case h.Example == "" || h.Result == "":
			at.Message = fmt.Sprintf("rampart.lib helper %s has no custom.example and custom.result in its METADATA", h.Name)
			problems = append(problems, at)
		}
		out = append(out, h)
	}
	return out, problems
}

// kind says what a rule gives when called.
func kind(r *ast.Rule) string {
	boolean := !r.Head.Assign && r.Head.Value != nil && r.Head.Value.Equal(ast.BooleanTerm(true))
	switch {
	case len(r.Head.Args) > 0 && boolean:
		return "function → true or undefined"
	case len(r.Head.Args) > 0:
		return "function → value"
	case r.Head.Key != nil && r.Head.Value == nil:
		return "set"
	case boolean:
		return "true or undefined"
	}
	return "value"
}

func customString(a *ast.Annotations, key string) string {
	s, _ := a.Custom[key].(string)
	return strings.TrimSpace(s)
}

// libraryUse maps each helper name to the controls whose modules refer to
// it through an import of data.rampart.lib.
func libraryUse(mods []engine.Module, cat *engine.Catalog) map[string][]string {
	controlOf := map[string]string{}
	if cat != nil {
		for _, c := range cat.Controls {
			controlOf[c.File] = c.ID
		}
	}
	lib := ast.MustParseRef("data." + engine.LibraryPackage)
	use := map[string]map[string]bool{}
	for _, m := range mods {
		id := controlOf[m.File]
		if m.Test || id == "" {
			continue
		}
		aliases := map[ast.Var]bool{}
		for _, imp := range m.Module.Imports {
			ref, ok := imp.Path.Value.(ast.Ref)
			if !ok || !ref.Equal(lib) {
				continue
			}
			alias := imp.Alias
			if alias == "" {
				alias = ast.Var(lib[len(lib)-1].Value.(ast.String))
			}
			aliases[alias] = true
		}
		ast.WalkRefs(m.Module, func(ref ast.Ref) bool {
			if len(ref) < 2 {
				return false
			}
			head, ok := ref[0].Value.(ast.Var)
			name, isName := ref[1].Value.(ast.String)
			if ok && isName && aliases[head] {
				if use[string(name)] == nil {
					use[string(name)] = map[string]bool{}
				}
				use[string(name)][id] = true
			}
			return false
		})
	}
	out := map[string][]string{}
	for name, ids := range use {
		for id := range ids {
			out[name] = append(out[name], id)
		}
		sort.Strings(out[name])
	}
	return out
}

// AddLibrary adds the rampart.lib page to a catalogue's files when the
// modules hold the library, and returns its undocumented helpers. They are
// warnings, not errors: a control folder of one's own (--controls DIR, a
// workspace's controls) may have helpers without METADATA, and the page
// then says so at each of them; the built-in library is held complete by
// TestLibraryExamples.
func AddLibrary(files map[string][]byte, mods []engine.Module, cat *engine.Catalog, outDir string) engine.Problems {
	helpers, problems := Library(mods, cat)
	if len(helpers) > 0 {
		files[LibraryFile] = LibraryPage(helpers, outDir)
	}
	return problems
}

// LibraryPage renders the rampart.lib reference: the public helpers (those
// controls call), each with its signature, description and example, then
// the internal ones. outDir is where the page is written, for links to the
// sources (as the catalogue's pages link them).
func LibraryPage(helpers []Helper, outDir string) []byte {
	g := &generator{out: path.Clean(outDir)}
	var b strings.Builder
	fmt.Fprintf(&b, header, g.out)
	b.WriteString("# The `rampart.lib` API\n\n")
	b.WriteString("The helpers a control imports with `import data.rampart.lib`, generated from\n")
	b.WriteString("the `# METADATA` of each rule in `controls/lib` (`description`, and\n")
	b.WriteString("`custom.example`, `custom.result`, `custom.input`). Every example is\n")
	b.WriteString("evaluated by `TestLibraryExamples` and must give its result. Why the helpers\n")
	b.WriteString("exist — a control never passes on data it did not see — is in\n")
	b.WriteString("[controls.md](../controls.md#rampartlib-policy-helpers).\n\n")
	var public, internal []Helper
	for _, h := range helpers {
		if h.Internal() {
			internal = append(internal, h)
		} else {
			public = append(public, h)
		}
	}
	fmt.Fprintf(&b, "%d helpers used by controls, and %d [internal ones](#internal-helpers) the helpers use.\n\n", len(public), len(internal))
	b.WriteString("| helper | gives | used by |\n|---|---|---|\n")
	for _, h := range public {
		fmt.Fprintf(&b, "| [`%s`](#%s) | %s | %s |\n", h.Signature, anchor(h.Name), h.Kind, usedBy(h))
	}
	b.WriteString("\n")
	for _, h := range public {
		g.helper(&b, "##", h)
	}
	b.WriteString("## Internal helpers\n\nUsed by the helpers above, not by any control; they may change.\n\n")
	b.WriteString("| helper | gives |\n|---|---|\n")
	for _, h := range internal {
		fmt.Fprintf(&b, "| [`%s`](#%s) | %s |\n", h.Signature, anchor(h.Name), h.Kind)
	}
	b.WriteString("\n")
	for _, h := range internal {
		g.helper(&b, "###", h)
	}
	return []byte(strings.TrimRight(b.String(), "\n") + "\n")
}

// helper writes one helper's section: heading, signature, source,
// description and example.
func (g *generator) helper(b *strings.Builder, level string, h Helper) {
	fmt.Fprintf(b, "%s %s\n\n`%s` — %s · %s line %d\n\n%s\n\n", level, h.Name, h.Signature, h.Kind, g.sourceLink(h.File), h.Line, orUndocumented(h.Description))
	if h.Example == "" {
		b.WriteString("No example: its METADATA has no `custom.example` and `custom.result`.\n\n")
		return
	}
	b.WriteString("```rego\n")
	if h.Input != "" {
		fmt.Fprintf(b, "%s with input as %s\n", h.Example, h.Input)
	} else {
		fmt.Fprintf(b, "%s\n", h.Example)
	}
	fmt.Fprintf(b, "# %s\n```\n\n", h.Result)
}

func orUndocumented(description string) string {
	if description == "" {
		return "*Not documented: the rule has no METADATA description.*"
	}
	return description
}

func usedBy(h Helper) string {
	const shown = 3
	if len(h.UsedBy) <= shown {
		return strings.Join(h.UsedBy, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(h.UsedBy[:shown], ", "), len(h.UsedBy)-shown)
}
