package pipeline

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/finding"
)

// TestMergeSortedIsSortFindings: merging the extra findings into the
// engine's sorted ones gives what appending and sorting gave, equal keys
// (the engine's first) in their order, in an array of the exact size.
func TestMergeSortedIsSortFindings(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(16, 7))
	random := func(n int, tag string) []finding.Finding {
		fs := make([]finding.Finding, n)
		for i := range fs {
			fs[i] = finding.Finding{
				ControlID: fmt.Sprintf("C-%d", rng.IntN(4)),
				Resource:  &finding.ResourceRef{Type: fmt.Sprintf("t%d", rng.IntN(2)), ID: fmt.Sprintf("r%d", rng.IntN(4))},
				Message:   fmt.Sprintf("%s#%d", tag, i),
			}
		}
		sortFindings(fs)
		return fs
	}
	none := &finding.ResourceRef{}
	cases := map[string][2][]finding.Finding{
		"both empty":  {nil, nil},
		"a only":      {random(5, "a"), nil},
		"b only":      {nil, random(5, "b")},
		"interleaved": {random(200, "a"), random(30, "b")},
		"equal keys":  {{{ControlID: "A", Message: "a1", Resource: none}, {ControlID: "A", Message: "a2", Resource: none}}, {{ControlID: "A", Message: "b1", Resource: none}}},
		"b before a":  {{{ControlID: "B", Resource: none}}, {{ControlID: "A", Resource: none}}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			want := append(slices.Clone(tc[0]), tc[1]...)
			sortFindings(want)
			got := mergeSorted(tc[0], tc[1])
			require.Equal(t, len(want), len(got))
			if len(want) > 0 {
				require.Equal(t, want, got)
			}
			require.Equal(t, len(got), cap(got), "growth room stays alive with the report")
		})
	}
}
