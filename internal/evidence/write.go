package evidence

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"

	"github.com/rampart-audit/rampart/internal/atomicfile"
)

// Encode writes the snapshot as indented JSON with resources in a stable order.
func Encode(w io.Writer, s *Snapshot) error {
	s.Schema = SchemaV1
	Sort(s)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		return fmt.Errorf("encode evidence: %w", err)
	}
	return nil
}

// Sort orders resources by (type, id) and gaps by (type, scope) so snapshots diff cleanly.
func Sort(s *Snapshot) {
	sort.SliceStable(s.Resources, func(i, j int) bool {
		a, b := s.Resources[i], s.Resources[j]
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		return a.ID < b.ID
	})
	sort.SliceStable(s.NotCollected, func(i, j int) bool {
		a, b := s.NotCollected[i], s.NotCollected[j]
		if a.ResourceType != b.ResourceType {
			return a.ResourceType < b.ResourceType
		}
		return a.ScopeID < b.ScopeID
	})
	sortCollected(s.Collected)
}

// WriteFile writes the snapshot atomically: a temporary file in the same
// folder renamed over the target, so an interrupted run never leaves half a file.
func WriteFile(path string, s *Snapshot) error {
	return atomicfile.Write(path, func(w io.Writer) error { return Encode(w, s) })
}
