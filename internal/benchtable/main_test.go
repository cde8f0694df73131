package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sample = `goos: linux
pkg: github.com/rampart-audit/rampart/internal/report
BenchmarkWriteJSON-2   	       3	2917622039 ns/op	       134.3 rampart-cpu-ms	       431.7 before-cpu-ms	         3.209 before/rampart-cpu-x	       424.0 json.Indent-cpu-ms	        19.15 load-avg
BenchmarkGate/files=20-2 	 3	 100 ns/op	 1.5 rampart-cpu-s
PASS
`

func TestParse(t *testing.T) {
	t.Parallel()
	rows, err := parse([]byte(sample))
	require.NoError(t, err)
	require.Len(t, rows, 2)
	assert.Equal(t, "BenchmarkWriteJSON", rows[0].name)
	assert.InDelta(t, 3.209, rows[0].metrics["before/rampart-cpu-x"], 1e-9)
	assert.InDelta(t, 19.15, rows[0].metrics["load-avg"], 1e-9)
	assert.Equal(t, "files=20", rows[1].name, "the sub-benchmark names the row")
	assert.InDelta(t, 1.5, rows[1].metrics["rampart-cpu-s"], 1e-9)

	_, err = parse([]byte("BenchmarkX-2 1 12 ns/op many x-ms\n"))
	assert.ErrorContains(t, err, `metric "x-ms"`)
}

func TestWriteTable(t *testing.T) {
	t.Parallel()
	rows, err := parse([]byte(sample))
	require.NoError(t, err)
	var json section
	for _, s := range sections(false) {
		if s.name == "json" {
			json = s
		}
	}
	var w strings.Builder
	require.NoError(t, writeTable(&w, json, rows[:1]))
	assert.Contains(t, w.String(), "| BenchmarkWriteJSON | 134 ms | 432 ms | 3.21× | 424 ms | 19.1 |")
	assert.Contains(t, w.String(), "go test -run '^$' -bench 'BenchmarkWriteJSON' -benchtime 5x ./internal/report/")

	// A row without a metric its table shows is an error, not an empty cell.
	err = writeTable(&strings.Builder{}, json, rows[1:])
	assert.ErrorContains(t, err, `reported no "rampart-cpu-ms"`)
}

func TestSectionsAreUnique(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, s := range sections(true) {
		assert.False(t, seen[s.name], s.name)
		seen[s.name] = true
	}
	assert.Contains(t, sections(true)[3].bench, "HundredThousand")
	assert.NotContains(t, sections(false)[3].bench, "HundredThousand")
}
