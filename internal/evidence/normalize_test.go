package evidence

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type hook struct {
	URL    string `json:"url"`
	Active bool   `json:"active"`
	Events []int  `json:"events,omitempty"`
}

// A producer's Go values and the same values decoded from a snapshot must
// come out identical: that is the one representation the engine and
// governance read.
func TestNormalizeValue(t *testing.T) {
	t.Parallel()
	var nilPtr *hook
	for _, tc := range []struct {
		name string
		in   any
		want any
	}{
		{"decoded shapes unchanged", map[string]any{"a": []any{json.Number("1"), "x", true, nil}}, map[string]any{"a": []any{json.Number("1"), "x", true, nil}}},
		{"int", 3, json.Number("3")},
		{"int64 past 2^53 stays exact", int64(1<<60 + 1), json.Number("1152921504606846977")},
		{"float", 1.5, json.Number("1.5")},
		{"whole float", float64(7), json.Number("7")},
		{"strings", []string{"a", "b"}, []any{"a", "b"}},
		{"string map", map[string]string{"k": "v"}, map[string]any{"k": "v"}},
		{"collector alerts", []map[string]any{{"number": 3, "severity": "high"}}, []any{map[string]any{"number": json.Number("3"), "severity": "high"}}},
		{"struct", hook{URL: "https://x", Active: true, Events: []int{1}}, map[string]any{"url": "https://x", "active": true, "events": []any{json.Number("1")}}},
		{"nested Go types inside decoded ones", map[string]any{"l": []any{[]string{"a"}, map[string]int{"n": 2}}}, map[string]any{"l": []any{[]any{"a"}, map[string]any{"n": json.Number("2")}}}},
		{"nil pointer", nilPtr, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := NormalizeValue(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestNormalizeErrorsNameTheAttribute(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		val  any
		want string
	}{
		{"NaN", math.NaN(), "resource github.repository r: attribute bad: value of type float64 has no JSON form"},
		{"channel deep in a list", []any{map[string]any{"c": make(chan int)}}, "resource github.repository r: attribute bad: [0]: c: value of type chan int has no JSON form"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			snap := &Snapshot{Resources: []Resource{{Type: "github.repository", ID: "r", Attributes: map[string]any{"bad": tc.val, "ok": 1}}}}
			err := Normalize(snap)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// A snapshot built from Go values, normalised, equals the same snapshot
// written and loaded again: collected and recorded evidence read the same.
func TestNormalizeMatchesDecode(t *testing.T) {
	t.Parallel()
	built := &Snapshot{Schema: SchemaV1, Resources: []Resource{{
		Type: "github.repository", ID: "github.com/acme/app", Scope: Scope{Platform: "github", Org: "acme", Repo: "app"}, Source: Source{Kind: "live"},
		Attributes: map[string]any{
			"archived":          false,
			"topics":            []string{"pay"},
			"collaborators":     []map[string]any{{"login": "carol", "permission": "admin"}},
			"dependabot_alerts": []map[string]any{{"number": 3, "severity": "moderate", "created_at": "2026-01-01T00:00:00Z"}},
			"hooks":             []hook{{URL: "https://x", Active: true}},
			"required_reviews":  2,
		},
	}}}
	var buf bytes.Buffer
	require.NoError(t, Encode(&buf, built))
	loaded, err := Decode(buf.Bytes())
	require.NoError(t, err)
	require.NoError(t, Normalize(built))
	assert.Equal(t, loaded.Resources[0].Attributes, built.Resources[0].Attributes)
	// Normalising what Decode produced changes nothing.
	again := loaded.Resources[0].Attributes["collaborators"]
	require.NoError(t, Normalize(loaded))
	assert.Equal(t, again, loaded.Resources[0].Attributes["collaborators"])
}
