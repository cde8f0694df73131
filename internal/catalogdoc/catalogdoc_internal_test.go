package catalogdoc

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestNaturalSorted(t *testing.T) {
	require.Equal(t,
		[]string{"1.1.3", "1.2", "1.10", "A.5.9", "A.5.17", "A.8.3", "A.8.12", "CC6.1", "CC6.10", "IA-2(1)", "IA-2(12)"},
		naturalSorted([]string{"A.8.12", "CC6.10", "1.10", "A.5.17", "IA-2(12)", "A.8.3", "1.2", "CC6.1", "A.5.9", "IA-2(1)", "1.1.3"}))
}
