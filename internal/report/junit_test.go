package report

import (
	"bytes"
	"encoding/xml"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestJUnitGolden(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	require.NoError(t, WriteJUnit(&buf, gateFixture()))
	compareGolden(t, "junit.golden.xml", buf.Bytes())
}

// TestJUnitCounts checks the document parses and that nothing but a pass
// counts as passed.
func TestJUnitCounts(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	require.NoError(t, WriteJUnit(&buf, gateFixture()))
	var doc JUnitSuites
	require.NoError(t, xml.Unmarshal(buf.Bytes(), &doc))
	require.Equal(t, 6, doc.Tests)
	require.Equal(t, 2, doc.Failures)
	require.Equal(t, 1, doc.Errors)
	require.NotNil(t, doc.Skipped, "the audit's report always counts skipped results")
	require.Equal(t, 2, *doc.Skipped, "not evaluated and waived are skipped, not passed")
	require.Len(t, doc.Suites, 4, "one suite per control")
}
