package report

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWriteCSVGolden(t *testing.T) {
	t.Parallel()
	r := governanceFixture(t)
	var buf bytes.Buffer
	require.NoError(t, WriteCSV(&buf, r))
	compareGolden(t, "csv.golden.csv", buf.Bytes())

	// It reads back as RFC 4180 with one row per result and the header.
	rows, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, len(r.Findings)+1)
	assert.Equal(t, csvHeader, rows[0])
	for _, row := range rows[1:] {
		assert.Len(t, row, len(csvHeader))
	}
}

func TestDefuseFormula(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"":                 "",
		"=HYPERLINK(1)":    "'=HYPERLINK(1)",
		"+1+1":             "'+1+1",
		"-2":               "-2",
		"-cmd|' /C calc'!": "'-cmd|' /C calc'!",
		"@SUM(A1)":         "'@SUM(A1)",
		"\tx":              "'\tx",
		"plain = text":     "plain = text",
	} {
		assert.Equal(t, want, defuseFormula(in), in)
	}
}
