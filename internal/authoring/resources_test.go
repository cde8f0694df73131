package authoring

import (
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/engine"
)

// TestRegistryMatchesResourcesDoc keeps ResourceTypes and docs/resources.md
// in step: every documented type is registered (so lint accepts it and
// `new control` can scaffold it) and every registered type and attribute
// is documented (so lint never accepts a type no producer promises).
func TestRegistryMatchesResourcesDoc(t *testing.T) {
	doc, err := os.ReadFile("../../docs/resources.md")
	require.NoError(t, err)
	sections := map[string]string{}
	var current string
	for _, line := range strings.Split(string(doc), "\n") {
		if name, ok := strings.CutPrefix(line, "## "); ok {
			name = strings.TrimSpace(name)
			current = ""
			if engine.ResourceTypePattern.MatchString(name) {
				current = name
				sections[name] = ""
			}
			continue
		}
		if current != "" {
			sections[current] += line + "\n"
		}
	}
	var documented []string
	for name := range sections {
		documented = append(documented, name)
	}
	sort.Strings(documented)
	require.Equal(t, documented, ResourceTypeNames(), "docs/resources.md and authoring.ResourceTypes list different types")
	for typ, attrs := range ResourceTypes {
		for _, a := range attrs {
			top, _, _ := strings.Cut(a.Name, ".")
			require.Contains(t, sections[typ], top, "%s.%s is registered but not documented", typ, a.Name)
		}
	}
}
