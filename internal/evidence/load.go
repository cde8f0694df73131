package evidence

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Load reads one snapshot file, or every *.json file of a folder (sorted by
// name), and merges them. Errors name the file and, for malformed JSON, the
// byte offset with its line and column.
func Load(path string) (*Snapshot, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read evidence: %w", err)
	}
	if !info.IsDir() {
		return LoadFile(path)
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, fmt.Errorf("read evidence folder: %w", err)
	}
	var files []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".json") {
			files = append(files, filepath.Join(path, e.Name()))
		}
	}
	sort.Strings(files)
	if len(files) == 0 {
		return nil, fmt.Errorf("read evidence folder %s: no .json files", path)
	}
	snaps := make([]*Snapshot, 0, len(files))
	for _, f := range files {
		s, err := LoadFile(f)
		if err != nil {
			return nil, err
		}
		snaps = append(snaps, s)
	}
	return Merge(snaps...)
}

// LoadFile reads and validates one snapshot file.
func LoadFile(path string) (*Snapshot, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read evidence: %w", err)
	}
	s, err := Decode(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// LineCol turns a byte offset into a 1-based line and column (in bytes),
// for messages about JSON input (snapshots here, reports read as baselines).
func LineCol(data []byte, offset int64) (line, col int) {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	line, col = 1, 1
	for _, b := range data[:offset] {
		if b == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}

// Merge joins snapshots; the same (type, id) twice is an error, since two
// collections disagreeing about one resource cannot both be audited. The
// collected lists are united per scope; a snapshot without one adds
// nothing to them and marks the result CollectedUnlisted.
func Merge(snaps ...*Snapshot) (*Snapshot, error) {
	out := &Snapshot{Schema: SchemaV1, Resources: []Resource{}}
	seen := map[[2]string]bool{}
	collectors := map[string]bool{}
	var lists [][]Collected
	for _, s := range snaps {
		if s.Collected == nil || s.CollectedUnlisted {
			out.CollectedUnlisted = true
		}
		if s.Collected != nil {
			lists = append(lists, s.Collected)
		}
		if s.CollectedAt.After(out.CollectedAt) {
			out.CollectedAt = s.CollectedAt
		}
		for _, c := range s.Collectors {
			if !collectors[c] {
				collectors[c] = true
				out.Collectors = append(out.Collectors, c)
			}
		}
		if s.Incomplete {
			out.Incomplete = true
			out.IncompleteReason = joinReason(out.IncompleteReason, s.IncompleteReason)
		}
		for _, r := range s.Resources {
			key := [2]string{r.Type, r.ID}
			if seen[key] {
				return nil, fmt.Errorf("merge evidence: %s %q appears in more than one snapshot", r.Type, r.ID)
			}
			seen[key] = true
			out.Resources = append(out.Resources, r)
		}
		out.NotCollected = append(out.NotCollected, s.NotCollected...)
	}
	if len(lists) > 0 {
		out.Collected = UnionCollected(lists...)
	}
	return out, nil
}

func joinReason(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "" || a == b:
		return a
	default:
		return a + "; " + b
	}
}
