package evidence

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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

// Decode parses and validates a snapshot.
func Decode(data []byte) (*Snapshot, error) {
	var probe struct {
		Schema *string `json:"schema"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return nil, describeJSONError(data, err)
	}
	switch {
	case probe.Schema == nil:
		return nil, errors.New(`not a rampart evidence snapshot: no "schema" field (want "` + SchemaV1 + `")`)
	case *probe.Schema != SchemaV1:
		return nil, fmt.Errorf("unsupported evidence schema %q (this build reads %q)", *probe.Schema, SchemaV1)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var s Snapshot
	if err := dec.Decode(&s); err != nil {
		return nil, describeJSONError(data, err)
	}
	if err := s.validate(); err != nil {
		return nil, err
	}
	return &s, nil
}

func (s *Snapshot) validate() error {
	seen := make(map[[2]string]int, len(s.Resources))
	for i, r := range s.Resources {
		if r.Type == "" || r.ID == "" {
			return fmt.Errorf("resources[%d]: type and id are required", i)
		}
		key := [2]string{r.Type, r.ID}
		if j, dup := seen[key]; dup {
			return fmt.Errorf("resources[%d]: %s %q is already resources[%d]", i, r.Type, r.ID, j)
		}
		seen[key] = i
		if r.Attributes == nil {
			s.Resources[i].Attributes = map[string]any{}
		}
	}
	for i, n := range s.NotCollected {
		if n.ResourceType == "" || n.Reason == "" {
			return fmt.Errorf("not_collected[%d]: resource_type and reason are required", i)
		}
	}
	return nil
}

// describeJSONError turns encoding/json's errors into messages with the byte
// offset and the line and column it falls on.
func describeJSONError(data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		// encoding/json reports the offset after the offending byte; point at the byte itself.
		off := max(syn.Offset-1, 0)
		if strings.Contains(syn.Error(), "unexpected end") {
			off = int64(len(data))
		}
		line, col := lineCol(data, off)
		return fmt.Errorf("malformed JSON at byte offset %d (line %d, column %d): %w", off, line, col, err)
	case errors.As(err, &typ):
		line, col := lineCol(data, typ.Offset)
		return fmt.Errorf("wrong JSON type at byte offset %d (line %d, column %d): field %q wants %s, got %s: %w",
			typ.Offset, line, col, typ.Field, typ.Type, typ.Value, err)
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		line, col := lineCol(data, int64(len(data)))
		return fmt.Errorf("malformed JSON: unexpected end of input at byte offset %d (line %d, column %d)", len(data), line, col)
	default:
		return fmt.Errorf("decode JSON: %w", err)
	}
}

func lineCol(data []byte, offset int64) (line, col int) {
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
// collections disagreeing about one resource cannot both be audited.
func Merge(snaps ...*Snapshot) (*Snapshot, error) {
	out := &Snapshot{Schema: SchemaV1, Resources: []Resource{}}
	seen := map[[2]string]bool{}
	collectors := map[string]bool{}
	for _, s := range snaps {
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
