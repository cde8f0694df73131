package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/version"
)

// Reading the embedded catalogue's heads (parseHead: OPA's parser and
// yaml.v3 over ~300 METADATA blocks) was a fixed cost of every gate run.
// The catalogue is fixed at build time, so headindex_gen.go holds what
// parseHead gives for each of its files, generated from the Rego by
// TestHeadIndexCurrent (which fails when it is stale). A file is read from
// the index only when it is in a Verified source, the index was generated
// with this OPA version, and the SHA-256 of its bytes is an entry's key:
// a changed control has another hash and is parsed, never read stale.

// headEntry is parseHead's result for one file, without the file name
// (which the locations take from the source at run time).
type headEntry struct {
	pkg         []string // the package path after data.
	pkgRow      int
	pkgCol      int
	annotations []headAnnotation
	comments    []headComment
}

// headAnnotation holds the fields of an ast.Annotations the generator
// indexes; a file whose METADATA sets any other field is not indexed.
type headAnnotation struct {
	scope, title, description string
	custom                    map[string]any
	row, col                  int
}

type headComment struct {
	text     string
	row, col int
}

// headIndex is the generated index by the hex SHA-256 of a file's bytes,
// or nil when it was generated with another OPA version than this build's.
var headIndex = sync.OnceValue(func() map[string]headEntry {
	if headIndexOPAVersion != version.Version {
		return nil
	}
	return generatedHeadIndex()
})

// indexedHead is parseHead for a file of a Verified source: the index's
// entry when the file's bytes are those it was generated from, else the
// parse.
func indexedHead(name string, src []byte) (Module, Problems) {
	if index := headIndex(); index != nil {
		sum := sha256.Sum256(src)
		if entry, ok := index[hex.EncodeToString(sum[:])]; ok {
			return entry.module(name, src), nil
		}
	}
	return parseHead(name, src)
}

// module builds the head Module parseHead gives for the file. The custom
// maps are shared between calls: nothing writes a head's METADATA.
func (h headEntry) module(name string, src []byte) Module {
	path := make(ast.Ref, 0, len(h.pkg)+1)
	path = append(path, ast.DefaultRootDocument)
	for _, s := range h.pkg {
		path = append(path, ast.StringTerm(s))
	}
	mod := &ast.Module{Package: &ast.Package{Path: path, Location: &ast.Location{File: name, Row: h.pkgRow, Col: h.pkgCol}}}
	for _, a := range h.annotations {
		mod.Annotations = append(mod.Annotations, &ast.Annotations{Scope: a.scope, Title: a.title, Description: a.description, Custom: a.custom,
			Location: &ast.Location{File: name, Row: a.row, Col: a.col}})
	}
	for _, c := range h.comments {
		mod.Comments = append(mod.Comments, &ast.Comment{Text: []byte(c.text), Location: &ast.Location{File: name, Row: c.row, Col: c.col}})
	}
	return Module{File: name, Test: strings.HasSuffix(name, "_test.rego"), Module: mod, Raw: string(src), Head: true}
}
