package governance

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/finding"
)

func TestFrameworkViews(t *testing.T) {
	t.Parallel()
	controls := []Control{
		{ID: "C1", Title: "one", Severity: finding.High, Frameworks: map[string][]string{"iso27001-2022": {"A.5.15", "A.8.2"}, "cis-github-1.0": {"1.1"}}},
		{ID: "C2", Title: "two", Severity: finding.Low, Frameworks: map[string][]string{"iso27001-2022": {"A.5.15"}, "cis-aws-3.0": {"2.1"}}},
		{ID: "C3", Title: "three", Severity: finding.Medium, Frameworks: map[string][]string{"iso27001-2022": {"A.5.9"}}},
		{ID: "C4", Title: "four", Severity: finding.Medium, Frameworks: map[string][]string{"iso27001-2022": {"A.8.10"}}},
	}
	fs := []finding.Finding{
		res("C1", finding.High, finding.Pass, "t", "a", ""),
		res("C2", finding.Low, finding.Fail, "t", "a", ""),
		res("C3", finding.Medium, finding.NotEvaluated, "t", "a", ""),
	}
	got, err := frameworkViews([]string{"iso27001-2022"}, controls, fs)
	require.NoError(t, err)
	require.Len(t, got, 1)
	var refs []string
	status := map[string]string{}
	for _, r := range got[0].References {
		refs = append(refs, r.Ref)
		status[r.Ref] = r.Status
	}
	assert.Equal(t, []string{"A.5.9", "A.5.15", "A.8.2", "A.8.10"}, refs, "natural order")
	assert.Equal(t, map[string]string{"A.5.9": FrameworkIncomplete, "A.5.15": FrameworkFail, "A.8.2": FrameworkPass, "A.8.10": FrameworkNotTested}, status)
	assert.Equal(t, map[string]int{"pass": 1, "fail": 1, "incomplete": 1, "not_tested": 1, "waived": 0}, got[0].Summary)

	got, err = frameworkViews([]string{"cis"}, controls, fs)
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, "cis-aws-3.0", got[0].Name)
	assert.Equal(t, "cis-github-1.0", got[1].Name)

	_, err = frameworkViews([]string{"pci-dss"}, controls, fs)
	require.EqualError(t, err, `no control maps to framework "pci-dss" (known: cis-aws-3.0, cis-github-1.0, iso27001-2022)`)
	require.Error(t, CheckFrameworks([]string{"iso"}, controls), "a prefix must end at a dash")
}

func TestControlStatus(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		c    Counts
		want string
	}{
		{Counts{}, FrameworkNotTested},
		{Counts{Pass: 3, Fail: 1, Error: 1}, FrameworkFail},
		{Counts{Pass: 3, Error: 1}, FrameworkIncomplete},
		{Counts{Pass: 3, Waived: 1}, FrameworkWaived},
		{Counts{Pass: 3}, FrameworkPass},
	} {
		assert.Equal(t, tc.want, controlStatus(tc.c), "%+v", tc.c)
	}
}

// TestFrameworkReferenceNeverPassesUnevaluated: a reference passes only
// when every control under it passed; one control that could not be
// evaluated (or was not tested at all) keeps it from passing, whatever
// passed beside it.
func TestFrameworkReferenceNeverPassesUnevaluated(t *testing.T) {
	t.Parallel()
	controls := []Control{
		{ID: "P", Severity: finding.High, Frameworks: map[string][]string{"iso27001-2022": {"A.1"}}},
		{ID: "Q", Severity: finding.High, Frameworks: map[string][]string{"iso27001-2022": {"A.1"}}},
	}
	for _, tc := range []struct {
		name string
		q    []finding.Status
		want string
	}{
		{"both pass", []finding.Status{finding.Pass}, FrameworkPass},
		{"one not evaluated", []finding.Status{finding.NotEvaluated}, FrameworkIncomplete},
		{"one passes on one resource, not evaluated on another", []finding.Status{finding.Pass, finding.NotEvaluated}, FrameworkIncomplete},
		{"one errs", []finding.Status{finding.Error}, FrameworkIncomplete},
		{"one not tested", nil, FrameworkNotTested},
		{"one fails and one is not evaluated", []finding.Status{finding.Fail, finding.NotEvaluated}, FrameworkFail},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fs := []finding.Finding{res("P", finding.High, finding.Pass, "t", "a", "")}
			for i, st := range tc.q {
				fs = append(fs, res("Q", finding.High, st, "t", string(rune('a'+i)), ""))
			}
			got, err := frameworkViews([]string{"iso27001-2022"}, controls, fs)
			require.NoError(t, err)
			require.Len(t, got[0].References, 1)
			assert.Equal(t, tc.want, got[0].References[0].Status)
		})
	}
}
