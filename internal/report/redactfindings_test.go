package report

import (
	"bytes"
	"io"
	"reflect"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/redact"
)

const testToken = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"

// setEveryString puts s (with the field's position, so no two are equal)
// in every string a finding holds, by reflection: a string field added to
// finding.Finding is covered without a change here.
func setEveryString(v reflect.Value, s string, n *int) {
	switch v.Kind() {
	case reflect.String:
		*n++
		v.SetString(s + " #" + string(rune('a'+*n%26)))
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				setEveryString(v.Field(i), s, n)
			}
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.String {
			v.Set(reflect.ValueOf([]string{s + " one", "clean", s + " two"}).Convert(v.Type()))
		}
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		setEveryString(v.Elem(), s, n)
	case reflect.Map:
		if v.Type() == reflect.TypeFor[map[string][]string]() {
			v.Set(reflect.ValueOf(map[string][]string{s: {s + " ref"}, "iso": {"A.1"}}))
		}
	}
}

// TestRedactFindingsIsRedactValue: the typed, remembering redaction of the
// findings gives what redact.Value gives, for a secret in any field, for
// findings sharing their lists and maps, and for clean findings (which
// are returned as they are, not copied).
func TestRedactFindingsIsRedactValue(t *testing.T) {
	t.Parallel()
	var dirty finding.Finding
	n := 0
	setEveryString(reflect.ValueOf(&dirty).Elem(), "token "+testToken, &n)
	require.Greater(t, n, 10)
	clean := gateFixture().Findings
	shared := clean[0]
	shared.Frameworks = dirty.Frameworks
	// A control's findings share their Links: given new ones, not changed.
	shared.Links = &finding.Links{Risks: dirty.Risks}
	// Findings sharing one resource reference with a secret in it: the
	// reference other findings point at must not change.
	dirtyRef := *dirty.Resource
	onDirtyRef := clean[1]
	onDirtyRef.Resource = &dirtyRef
	onDirtyRef2 := clean[2]
	onDirtyRef2.Resource = &dirtyRef
	cases := map[string][]finding.Finding{
		"clean":           clean,
		"every field":     {dirty},
		"shared lists":    {shared, clean[1], shared, dirty, shared},
		"shared resource": {onDirtyRef, clean[0], onDirtyRef2, onDirtyRef},
		"secret in title": append(append([]finding.Finding{}, clean...), func() finding.Finding { f := clean[2]; f.Title = testToken; return f }()),
		"none":            nil,
		"empty":           {},
	}
	for name, fs := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			before := slices.Clone(fs)
			var refsBefore []finding.ResourceRef
			var linksBefore []finding.Links
			for _, f := range fs {
				refsBefore = append(refsBefore, *f.Resource)
				linksBefore = append(linksBefore, *f.Links)
			}
			want, err := redact.Value(fs)
			require.NoError(t, err)
			got, err := redactFindings(fs)
			require.NoError(t, err)
			require.Equal(t, want, got)
			require.Equal(t, before, fs, "the input is changed")
			for i, f := range fs {
				require.Equal(t, refsBefore[i], *f.Resource, "a shared resource reference is changed")
				require.Equal(t, linksBefore[i], *f.Links, "shared links are changed")
			}
			for _, f := range got {
				require.Empty(t, redact.Found(f.Message+f.Title+f.ControlID+f.Resource.ID))
			}
			if name == "clean" {
				require.Same(t, &fs[0], &got[0], "a clean slice is copied")
			}
		})
	}
}

// TestRedactFindingsKeyCollision: two framework keys that redact alike
// are refused, as redact.Value refuses them.
func TestRedactFindingsKeyCollision(t *testing.T) {
	t.Parallel()
	f := gateFixture().Findings[0]
	f.Frameworks = map[string][]string{testToken: {"1"}, "ghp_zyxwvutsrqponmlkjihgfedcba9876543210": {"2"}}
	_, err := redact.Value([]finding.Finding{f})
	require.Error(t, err)
	_, err = redactFindings([]finding.Finding{f})
	require.Error(t, err)
}

// TestRedactReportIsRedactValue: the whole report redacted the fast way
// is the report redacted by redact.Value.
func TestRedactReportIsRedactValue(t *testing.T) {
	t.Parallel()
	r := gateFixture()
	r.Warnings = append(r.Warnings, "leaked "+testToken)
	r.Findings[1].Message = "token " + testToken
	want, err := redact.Value(r)
	require.NoError(t, err)
	got, err := redactReport(r)
	require.NoError(t, err)
	require.Equal(t, want, got)
	require.Contains(t, r.Findings[1].Message, testToken, "the report the run keeps is changed")
	empty := &Report{Schema: SchemaV1}
	got, err = redactReport(empty)
	require.NoError(t, err)
	require.Nil(t, got.Findings)
}

// TestRedactingJSONIsLookupsCopy: the JSON writer that redacts each
// finding as it writes it writes what WriteJSON writes over redactReport's
// copy, byte for byte — secrets in the head, in one finding, in every
// field, in shared lists; a clean report; no findings — and leaves the
// report as it was; a redaction that fails fails the write.
func TestRedactingJSONIsLookupsCopy(t *testing.T) {
	t.Parallel()
	var dirty finding.Finding
	n := 0
	setEveryString(reflect.ValueOf(&dirty).Elem(), "token "+testToken, &n)
	cases := map[string]func(r *Report){
		"clean":          func(*Report) {},
		"one message":    func(r *Report) { r.Findings[1].Message = "token " + testToken },
		"head":           func(r *Report) { r.Warnings = append(r.Warnings, "leaked "+testToken) },
		"every field":    func(r *Report) { r.Findings = append(r.Findings, dirty, r.Findings[0], dirty) },
		"shared lists":   func(r *Report) { r.Findings[0].Risks, r.Findings[2].Risks = dirty.Risks, dirty.Risks },
		"no findings":    func(r *Report) { r.Findings = nil },
		"empty findings": func(r *Report) { r.Findings = []finding.Finding{} },
	}
	for name, change := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			r := gateFixture()
			change(r)
			kept := r
			before := slices.Clone(r.Findings)
			safe, err := redactReport(r)
			require.NoError(t, err)
			var want, got bytes.Buffer
			require.NoError(t, WriteJSON(&want, safe))
			require.NoError(t, writeJSONRedacting(&got, r))
			require.Equal(t, want.String(), got.String())
			require.Empty(t, redact.Found(got.String()), "a secret was written")
			require.Equal(t, before, kept.Findings, "the report the run keeps is changed")
			w, err := Lookup("json")
			require.NoError(t, err)
			var looked bytes.Buffer
			require.NoError(t, w(&looked, r))
			require.Equal(t, want.String(), looked.String(), "Lookup(json) is the redacting writer")
		})
	}
	t.Run("key collision", func(t *testing.T) {
		t.Parallel()
		r := gateFixture()
		r.Findings[1].Frameworks = map[string][]string{testToken: {"1"}, "ghp_zyxwvutsrqponmlkjihgfedcba9876543210": {"2"}}
		_, err := redactReport(r)
		require.Error(t, err)
		err = writeJSONRedacting(io.Discard, r)
		require.ErrorContains(t, err, "redact json report")
	})
}
