package engine

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/format"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/version"

	"github.com/rampart-audit/rampart/controls"
	"github.com/rampart-audit/rampart/internal/golden"
)

const headIndexFile = "headindex_gen.go"

// TestHeadIndexCurrent regenerates the embedded catalogue's head index
// from its Rego and fails when the committed file differs: the index is
// never maintained by hand.
func TestHeadIndexCurrent(t *testing.T) {
	want := generateHeadIndex(t)
	if golden.Update() {
		require.NoError(t, os.WriteFile(headIndexFile, want, 0o644))
		return
	}
	got, err := os.ReadFile(headIndexFile)
	require.NoError(t, err)
	if !bytes.Equal(got, want) {
		t.Fatalf("internal/engine/%s is stale (the embedded controls or OPA changed): regenerate it with\n\tgo test ./internal/engine -run TestHeadIndexCurrent -update", headIndexFile)
	}
}

// TestHeadIndexMatchesParse holds every indexed module to the one
// parseHead gives for the same file, and the whole catalogue (Check's
// problems and controls) to the one the parse path loads.
func TestHeadIndexMatchesParse(t *testing.T) {
	index := headIndex()
	require.NotNil(t, index, "the index was generated with OPA %s, this build has %s", headIndexOPAVersion, version.Version)
	indexed := 0
	walkControls(t, func(name string, data []byte) {
		sum := sha256.Sum256(data)
		entry, ok := index[hex.EncodeToString(sum[:])]
		if !ok {
			return
		}
		indexed++
		parsed, ps := parseHead(name, data)
		require.Empty(t, ps)
		require.Equal(t, headProjection(parsed), headProjection(entry.module(name, data)), name)
	})
	require.Greater(t, indexed, 250, "most of the catalogue is indexed")

	srcs := []Source{{Name: "controls", FS: controls.FS, Verified: true}}
	fromIndex, ps1 := parseSources(false, true, srcs)
	ps1 = append(ps1, Check(fromIndex)...)
	fromParse, ps2 := parseSourcesWith(false, srcs, parseHead)
	ps2 = append(ps2, Check(fromParse)...)
	require.Equal(t, ps2, ps1)
	cat1, p1 := buildCatalog(fromIndex)
	cat2, p2 := buildCatalog(fromParse)
	require.Empty(t, p1)
	require.Empty(t, p2)
	require.Equal(t, cat2.Controls, cat1.Controls)
}

// TestHeadIndexChangedControlIsParsed: a control whose bytes differ from
// those the index was generated from is parsed, never read from the index.
func TestHeadIndexChangedControlIsParsed(t *testing.T) {
	const file = "aws/s3/access_logging.rego"
	data, err := fs.ReadFile(controls.FS, file)
	if err != nil {
		// The file name is an example; any indexed control does.
		names, _ := fs.Glob(controls.FS, "aws/s3/*.rego")
		t.Fatalf("read %s: %v (controls under aws/s3: %v)", file, err, names)
	}
	sum := sha256.Sum256(data)
	_, indexed := headIndex()[hex.EncodeToString(sum[:])]
	require.True(t, indexed, "%s is indexed", file)
	changed := bytes.Replace(data, []byte("# title: "), []byte("# title: Changed "), 1)
	require.NotEqual(t, data, changed)
	mfs := fstest.MapFS{}
	require.NoError(t, fs.WalkDir(controls.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(controls.FS, p)
		mfs[p] = &fstest.MapFile{Data: b}
		return err
	}))
	mfs[file] = &fstest.MapFile{Data: changed}
	e, err := New(context.Background(), []Source{{Name: "controls", FS: mfs, Verified: true}}, CompileNeeded())
	require.NoError(t, err)
	var title string
	for _, c := range e.Catalog().Controls {
		if c.File == "controls/"+file {
			title = c.Title
		}
	}
	require.True(t, strings.HasPrefix(title, "Changed "), "title %q comes from the changed file", title)
}

// BenchmarkHeadLoad compares reading the embedded catalogue's heads from
// the index with parsing them (parseHead, the baseline) in the same run:
//
//	go test -run '^$' -bench BenchmarkHeadLoad -benchtime 20x ./internal/engine/
func BenchmarkHeadLoad(b *testing.B) {
	srcs := []Source{{Name: "controls", FS: controls.FS, Verified: true}}
	var parseNs, indexNs float64
	b.Run("parse", func(b *testing.B) {
		for range b.N {
			mods, _ := parseSourcesWith(false, srcs, parseHead)
			Check(mods)
		}
		parseNs = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	})
	b.Run("index", func(b *testing.B) {
		headIndex()
		for range b.N {
			mods, _ := parseSources(false, true, srcs)
			Check(mods)
		}
		indexNs = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	})
	if indexNs > 0 {
		b.Logf("parse %.1f ms, index %.1f ms per load: %.1f× less", parseNs/1e6, indexNs/1e6, parseNs/indexNs)
	}
}

// headProjection is everything of a head module Check, neededModules and
// the engine read.
func headProjection(m Module) string {
	var b strings.Builder
	fmt.Fprintf(&b, "file=%s test=%v head=%v raw=%d untrusted=%v\n", m.File, m.Test, m.Head, len(m.Raw), m.Untrusted)
	p := m.Module.Package
	fmt.Fprintf(&b, "package %s at %s:%d:%d rules=%d imports=%d\n", p.Path, p.Location.File, p.Location.Row, p.Location.Col, len(m.Module.Rules), len(m.Module.Imports))
	for _, a := range m.Module.Annotations {
		fmt.Fprintf(&b, "annotation %q %q %q at %s:%d:%d custom=%s\n", a.Scope, a.Title, a.Description, a.Location.File, a.Location.Row, a.Location.Col, goValue(a.Custom))
	}
	for _, c := range m.Module.Comments {
		fmt.Fprintf(&b, "comment %q at %s:%d:%d\n", c.Text, c.Location.File, c.Location.Row, c.Location.Col)
	}
	return b.String()
}

func walkControls(t testing.TB, visit func(name string, data []byte)) {
	t.Helper()
	require.NoError(t, fs.WalkDir(controls.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") || strings.HasSuffix(p, "_test.rego") {
			return err
		}
		data, err := fs.ReadFile(controls.FS, p)
		if err != nil {
			return err
		}
		visit(path.Join("controls", p), data)
		return nil
	}))
}

// generateHeadIndex writes headindex_gen.go from the embedded catalogue.
// A file whose head the index cannot hold exactly (it parses whole, has
// problems, or METADATA fields or values the entry does not carry) is
// left out, so it is parsed at run time.
func generateHeadIndex(t testing.TB) []byte {
	entries := map[string]string{}
	walkControls(t, func(name string, data []byte) {
		m, ps := parseHead(name, data)
		if len(ps) > 0 || !m.Head {
			return
		}
		var b strings.Builder
		fmt.Fprintf(&b, "{pkg: %#v, pkgRow: %d, pkgCol: %d", pkgPath(m.Module.Package.Path), m.Module.Package.Location.Row, m.Module.Package.Location.Col)
		if len(m.Module.Annotations) > 0 {
			b.WriteString(", annotations: []headAnnotation{")
			for _, a := range m.Module.Annotations {
				if a.Entrypoint || a.Organizations != nil || a.RelatedResources != nil || a.Authors != nil || a.Schemas != nil || a.Compile != nil || a.Labels != nil {
					return
				}
				custom := "nil"
				if a.Custom != nil {
					custom = goValue(a.Custom)
					if strings.Contains(custom, "!unsupported") {
						return
					}
				}
				fmt.Fprintf(&b, "{scope: %q, title: %q, description: %q, custom: %s, row: %d, col: %d},", a.Scope, a.Title, a.Description, custom, a.Location.Row, a.Location.Col)
			}
			b.WriteString("}")
		}
		if len(m.Module.Comments) > 0 {
			b.WriteString(", comments: []headComment{")
			for _, c := range m.Module.Comments {
				fmt.Fprintf(&b, "{text: %q, row: %d, col: %d},", c.Text, c.Location.Row, c.Location.Col)
			}
			b.WriteString("}")
		}
		b.WriteString("}")
		sum := sha256.Sum256(data)
		entries[hex.EncodeToString(sum[:])] = "// " + name + "\n" + fmt.Sprintf("%q: %s,\n", hex.EncodeToString(sum[:]), b.String())
	})
	var out bytes.Buffer
	out.WriteString("// Code generated by `go test ./internal/engine -run TestHeadIndexCurrent -update`; DO NOT EDIT.\n\npackage engine\n\n")
	fmt.Fprintf(&out, "// headIndexOPAVersion is the OPA version whose parser gave the entries.\nconst headIndexOPAVersion = %q\n\n", version.Version)
	out.WriteString("// generatedHeadIndex is parseHead's result for each file of the embedded\n// catalogue, by the hex SHA-256 of its bytes (headindex.go).\nfunc generatedHeadIndex() map[string]headEntry {\n\treturn map[string]headEntry{\n")
	for _, k := range slices.Sorted(maps.Keys(entries)) {
		out.WriteString(entries[k])
	}
	out.WriteString("}\n}\n")
	src, err := format.Source(out.Bytes())
	require.NoError(t, err)
	return src
}

func pkgPath(r ast.Ref) []string {
	out := make([]string, 0, len(r)-1)
	for _, term := range r[1:] {
		s, ok := term.Value.(ast.String)
		if !ok {
			return []string{"!unsupported"}
		}
		out = append(out, string(s))
	}
	return out
}

// goValue writes a decoded YAML value as a Go literal of the same dynamic
// types (an int stays an int, a float64 a float64), so Check reads from
// the index what it reads from the parse.
func goValue(v any) string {
	switch v := v.(type) {
	case nil:
		return "nil"
	case string:
		return fmt.Sprintf("%q", v)
	case bool:
		return fmt.Sprintf("%v", v)
	case int:
		return fmt.Sprintf("int(%d)", v)
	case int64:
		return fmt.Sprintf("int64(%d)", v)
	case uint64:
		return fmt.Sprintf("uint64(%d)", v)
	case float64:
		return fmt.Sprintf("float64(%v)", v)
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = goValue(x)
		}
		return "[]any{" + strings.Join(parts, ", ") + "}"
	case map[string]any:
		parts := make([]string, 0, len(v))
		for _, k := range slices.Sorted(maps.Keys(v)) {
			parts = append(parts, fmt.Sprintf("%q: %s", k, goValue(v[k])))
		}
		return "map[string]any{" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprintf("!unsupported %T", v)
}
