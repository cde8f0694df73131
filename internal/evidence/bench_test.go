package evidence

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// snapshotOf builds an encoded snapshot of n resources shaped like the
// collectors' (nested attributes, lists of objects, unknown reasons).
func snapshotOf(tb testing.TB, n int) []byte {
	tb.Helper()
	s := &Snapshot{CollectedAt: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), Collectors: []string{"github", "aws"}}
	for i := range n {
		s.Resources = append(s.Resources, Resource{
			Type:   "github.repository",
			ID:     fmt.Sprintf("github.com/acme/repo-%05d", i),
			Scope:  Scope{Platform: "github", Org: "acme", Repo: fmt.Sprintf("repo-%05d", i)},
			Source: Source{Kind: "live", Collector: "github", CollectedAt: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)},
			Attributes: map[string]any{
				"archived": false, "visibility": "private", "default_branch": "main", "stars": 42,
				"branch_protection": map[string]any{"required_reviews": 2, "dismiss_stale": true, "enforce_admins": false,
					"required_checks": []any{"ci/test", "ci/lint", "codeql"}},
				"collaborators": []any{map[string]any{"login": "alice", "permission": "admin"}, map[string]any{"login": "bob", "permission": "write"}},
				"description":   "Service \"" + fmt.Sprint(i) + "\" — payments\nsecond line",
			},
			Unknown: map[string]string{"secret_scanning": "403: requires admin:org"},
		})
	}
	var buf bytes.Buffer
	if err := Encode(&buf, s); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkDecode compares the strict decoder with the encoding/json one it
// replaced, on a 20,000-resource snapshot, in the same run:
//
//	go test -run '^$' -bench BenchmarkDecode -benchmem ./internal/evidence/
func BenchmarkDecode(b *testing.B) {
	data := snapshotOf(b, 20000)
	b.Run("strict", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := Decode(data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := legacyDecode(data); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func TestBenchmarkSnapshotDecodesAsBefore(t *testing.T) {
	t.Parallel()
	data := snapshotOf(t, 50)
	got, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	want, err := legacyDecode(data)
	if err != nil {
		t.Fatal(err)
	}
	assert.Equal(t, want, got, "strict and encoding/json decoders agree on the benchmark snapshot")
}
