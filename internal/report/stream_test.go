package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/finding"
)

// wholeDocument is how WriteJSON and WriteSARIF encoded before streaming:
// the document at once.
func wholeDocument(t *testing.T, v any) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	require.NoError(t, enc.Encode(v))
	return b.String()
}

// TestWriteJSONStreamsTheSameDocument: encoding findings one at a time
// gives exactly the bytes of encoding the report at once, for no, one and
// several findings, and text JSON would escape (<, >, &, U+2028, quotes).
func TestWriteJSONStreamsTheSameDocument(t *testing.T) {
	t.Parallel()
	odd := gateFixture().Findings[0]
	odd.Message = "<script>&amp; \"quoted\" \u2028 line\nbreak \"findings\": null"
	tests := map[string][]finding.Finding{
		"nil":     nil,
		"empty":   {},
		"one":     {odd},
		"fixture": gateFixture().Findings,
	}
	for name, fs := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			r := gateFixture()
			r.Findings = fs
			var got bytes.Buffer
			require.NoError(t, WriteJSON(&got, r))
			require.Equal(t, wholeDocument(t, r), got.String())
		})
	}
}

// TestWriteSARIFStreamsTheSameDocument compares the streamed SARIF with
// the whole log encoded at once, results built as before.
func TestWriteSARIFStreamsTheSameDocument(t *testing.T) {
	t.Parallel()
	for name, r := range map[string]*Report{"gate": gateFixture(), "no findings": {Findings: []finding.Finding{}}} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			run, index := sarifRun(r)
			results := []SARIFResult{}
			for _, f := range r.Findings {
				if f.Status != finding.Pass {
					results = append(results, sarifResultFor(f, index[f.ControlID], r.Gate, systemIndex(r.Systems)))
				}
			}
			if r.Gate != nil {
				for _, f := range r.Gate.Fixed {
					if _, ok := index[f.ControlID]; ok {
						res := sarifResultFor(f, index[f.ControlID], nil, systemLocations{})
						res.Kind, res.Level, res.BaselineState = "pass", "none", "absent"
						res.Message.Text = "fixed: " + res.Message.Text
						results = append(results, res)
					}
				}
			}
			run.Results = results
			log := SARIFLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []SARIFRun{run}}
			var got bytes.Buffer
			require.NoError(t, WriteSARIF(&got, r))
			require.Equal(t, wholeDocument(t, log), got.String())
		})
	}
}
