package engine

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/rampart-audit/rampart/internal/finding"
)

// TestSortFindingsIsSliceStable: sortFindings gives the order
// sort.SliceStable gave, ties (one control, one resource, several
// findings) kept in the order they came in.
func TestSortFindingsIsSliceStable(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 2, 17, 1000} {
		fs := make([]finding.Finding, n)
		for i := range fs {
			fs[i] = finding.Finding{ControlID: fmt.Sprintf("C-%d", rng.IntN(5)), Message: fmt.Sprint(i),
				Resource: finding.ResourceRef{Type: fmt.Sprintf("t%d", rng.IntN(3)), ID: fmt.Sprintf("r%d", rng.IntN(4))}}
		}
		want := slices.Clone(fs)
		sort.SliceStable(want, func(i, j int) bool { return compareFindings(&want[i], &want[j]) < 0 })
		assert.Equal(t, want, sortFindings(fs), "n=%d", n)
	}
}
