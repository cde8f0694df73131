package engine

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/finding"
)

// TestSortedFindingsIsSliceStable: the reference sort gives what appending
// every group and sort.SliceStable gave, equal keys (a control that
// reports twice on one resource) in their original order included.
func TestSortedFindingsIsSliceStable(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(16, 2026))
	randomGroups := func(groups, perGroup int) [][]finding.Finding {
		out := make([][]finding.Finding, groups)
		serial := 0
		for g := range out {
			n := rng.IntN(perGroup + 1)
			for range n {
				serial++
				out[g] = append(out[g], finding.Finding{
					ControlID: fmt.Sprintf("C-%d", rng.IntN(5)),
					Resource:  &finding.ResourceRef{Type: fmt.Sprintf("t%d", rng.IntN(3)), ID: fmt.Sprintf("r%d", rng.IntN(6))},
					// The message tells equal keys apart: their order is checked.
					Message: fmt.Sprintf("#%d", serial),
				})
			}
		}
		return out
	}
	none := &finding.ResourceRef{}
	cases := map[string][][]finding.Finding{
		"none":        nil,
		"empty":       {{}, {}},
		"one":         {{{ControlID: "A", Resource: none}}},
		"small":       randomGroups(4, 3),
		"many":        randomGroups(200, 12),
		"one big":     randomGroups(1, 500),
		"sorted":      {{{ControlID: "A", Resource: none}, {ControlID: "B", Resource: none}}, {{ControlID: "C", Resource: none}}},
		"reversed":    {{{ControlID: "C", Resource: none}}, {{ControlID: "B", Resource: none}, {ControlID: "A", Resource: none}}},
		"equal keys":  {{{ControlID: "A", Message: "1", Resource: none}, {ControlID: "A", Message: "2", Resource: none}}, {{ControlID: "A", Message: "3", Resource: none}}},
		"empty among": {{}, {{ControlID: "B", Resource: none}}, {}, {{ControlID: "A", Resource: none}}, nil},
	}
	for name, groups := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, appendAndSortStable(groups), sortedFindings(groups))
		})
	}
}
