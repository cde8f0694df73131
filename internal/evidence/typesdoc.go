package evidence

import (
	"bytes"
	_ "embed"
	"fmt"
	"strings"
)

// resourcesHeader is the prose of docs/resources.md that is not about one
// type: the producers' rules and the snapshot format.
//
//go:embed doc/resources_header.md
var resourcesHeader string

// ResourcesDoc renders docs/resources.md from the registry: the header,
// then one section per type with its identity, scope, producers and
// attribute table. TestResourcesDoc keeps the committed file current.
func ResourcesDoc() []byte {
	var b bytes.Buffer
	b.WriteString(strings.TrimRight(resourcesHeader, "\n"))
	b.WriteString("\n")
	for i := range registry {
		writeTypeSection(&b, &registry[i])
	}
	return b.Bytes()
}

func writeTypeSection(b *bytes.Buffer, t *ResourceType) {
	fmt.Fprintf(b, "\n## %s\n", t.Name)
	scope := append([]string{"platform: " + t.Platform}, t.Scope[1:]...)
	fmt.Fprintf(b, "ID: %s; scope `{%s}`", t.ID, strings.Join(scope, ", "))
	if t.ScopeNote != "" {
		b.WriteString(" " + t.ScopeNote)
	}
	b.WriteString(".")
	if t.Notes != "" {
		b.WriteString(" " + t.Notes)
	}
	var from []string
	if t.Collector != "" {
		from = append(from, fmt.Sprintf("live (`rampart collect %s`, see docs/%s.md)", t.Collector, t.Collector))
	}
	if t.Terraform {
		from = append(from, "terraform (`rampart gate`, see docs/terraform.md)")
	}
	fmt.Fprintf(b, "\nProduced by: %s.\n\n", strings.Join(from, ", "))
	b.WriteString("| attribute | type | from | meaning |\n|---|---|---|---|\n")
	attrs := t.Attributes
	for len(attrs) > 0 {
		// Consecutive attributes that read alike share a row, as a
		// hand-written table would (name, full_name | string).
		n := 1
		for n < len(attrs) && sameRow(attrs[0], attrs[n]) {
			n++
		}
		// Later names drop the shared object prefix: "a.b, c" reads as
		// a.b and a.c.
		names := make([]string, n)
		for i, a := range attrs[:n] {
			names[i] = a.Name
			if i > 0 {
				names[i] = strings.TrimPrefix(a.Name, parent(a.Name)+".")
			}
		}
		a := attrs[0]
		typ := a.Shape
		if typ == "" {
			typ = string(a.Kind)
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", strings.Join(names, ", "), typ, a.From, a.Description)
		attrs = attrs[n:]
	}
	if t.Footer != "" {
		b.WriteString("\n" + t.Footer + "\n")
	}
}

func sameRow(a, b Attribute) bool {
	return a.Kind == b.Kind && a.Shape == b.Shape && a.From == b.From && a.Description == b.Description &&
		parent(a.Name) == parent(b.Name) && a.Kind != KindObject
}

func parent(name string) string {
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return ""
	}
	return name[:i]
}
