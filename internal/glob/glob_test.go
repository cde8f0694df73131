package glob

import (
	"fmt"
	"testing"
)

// TestMatchIsCompileMatch: the cached Match answers what compiling the
// glob answers, the first time and every time after, and past the cache's
// bound.
func TestMatchIsCompileMatch(t *testing.T) {
	t.Parallel()
	cases := []struct {
		glob, s string
		want    bool
	}{
		{"github.com/acme/*", "github.com/acme/api", true},
		{"github.com/acme/*", "github.com/other/api", false},
		{"infra/?.tf", "infra/a.tf", true},
		{"infra/?.tf", "infra/ab.tf", false},
		{"a.b", "axb", false},
		{"*", "", true},
		{"", "x", false},
	}
	for _, tc := range cases {
		t.Run(tc.glob+"|"+tc.s, func(t *testing.T) {
			t.Parallel()
			for range 3 {
				if got := Match(tc.glob, tc.s); got != tc.want || got != Compile(tc.glob).Match(tc.s) {
					t.Fatalf("Match(%q, %q) = %v, want %v", tc.glob, tc.s, got, tc.want)
				}
			}
		})
	}
	for i := range maxCached + 10 {
		g := fmt.Sprintf("x%d*", i)
		if !Match(g, g+"tail") || Match(g, "y") {
			t.Fatalf("glob %q past the cache", g)
		}
	}
}
