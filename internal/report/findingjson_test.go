package report

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
)

// reflectFinding is a finding as encoding/json writes it at the findings
// array's depth: what appendFinding must match byte for byte.
func reflectFinding(t testing.TB, f *finding.Finding) []byte {
	t.Helper()
	var compact bytes.Buffer
	enc := json.NewEncoder(&compact)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		t.Fatal(err)
	}
	return appendIndented(nil, bytes.TrimSuffix(compact.Bytes(), []byte("\n")), "    ", "  ")
}

// awkwardStrings are the strings encoding/json escapes, each rule once.
var awkwardStrings = []string{
	"", "plain", `quote " and backslash \`, "<html> & ampersand", "tab\tnew\nline\rcr",
	"\b\f\x00\x01\x1f\x7f", "bad utf-8 \xff\xfe end", "line sep \u2028 para \u2029", "é ü 日本 🔐",
	"trailing backslash \\", "\xe2\x80", // a truncated U+2028
}

func TestAppendFindingIsEncodingJSON(t *testing.T) {
	t.Parallel()
	base := gateFixture().Findings
	cases := map[string]finding.Finding{}
	for i, f := range base {
		cases["fixture/"+f.Resource.ID+"/"+string(rune('a'+i))] = f
	}
	full := base[0]
	full.Path = "ingress[2].cidr"
	// The fixture's findings share their references: changed on copies.
	ref := *full.Resource
	ref.System = "platform"
	ref.Source = evidence.Source{Kind: "live", Collector: "github", CollectedAt: time.Date(2026, 7, 1, 9, 30, 0, 123456789, time.FixedZone("x", 5400)), File: "f.tf", Line: -3}
	full.Resource = &ref
	full.Links = &finding.Links{Risks: []string{"R-1", "R-2"}, Mitigations: []string{"M-1"}, Training: []string{}, Policies: nil}
	full.Frameworks = map[string][]string{"z": {"1", "2"}, "a": {}, "m": nil}
	full.Waiver, full.WaiverExpired = "w-1", "w-0"
	cases["every field"] = full
	empty := finding.Finding{}
	cases["zero"] = empty
	unlinked := full
	unlinked.Links = nil
	cases["unlinked"] = unlinked
	emptyMaps := full
	emptyMaps.Frameworks = map[string][]string{}
	cases["empty frameworks"] = emptyMaps
	for i, s := range awkwardStrings {
		f := full
		ref := *full.Resource
		f.Resource = &ref
		f.ControlID, f.Title, f.Message, f.Resource.ID, f.Fingerprint = s, s, s, s, s
		f.Severity, f.Status = finding.Severity(s), finding.Status(s)
		f.Path, f.Resource.Type, f.Resource.System, f.Waiver, f.WaiverExpired = s, s, s, s, s
		f.Resource.Source.Kind, f.Resource.Source.Collector, f.Resource.Source.File = s, s, s
		f.Links = &finding.Links{Risks: []string{s, s + "x"}}
		f.Frameworks = map[string][]string{s: {s}, s + "k": {}}
		cases["awkward/"+string(rune('a'+i))] = f
	}
	for name, f := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := appendFinding(nil, &f)
			require.NoError(t, err)
			require.Equal(t, string(reflectFinding(t, &f)), string(got))
		})
	}
}

// TestAppendFindingTimeError: a time encoding/json refuses is refused here
// too, not written.
func TestAppendFindingTimeError(t *testing.T) {
	t.Parallel()
	f := finding.Finding{Resource: &finding.ResourceRef{Source: evidence.Source{CollectedAt: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}}}
	_, err := json.Marshal(&f)
	require.Error(t, err)
	_, err = appendFinding(nil, &f)
	require.Error(t, err)
}

// TestAppendFindingCoversFields: appendFinding writes every JSON member of
// finding.Finding, ResourceRef and Source. A field added to one of them
// (and so to encoding/json's output) without a line in appendFinding
// fails here, before a golden notices.
func TestAppendFindingCoversFields(t *testing.T) {
	t.Parallel()
	want := map[reflect.Type]int{
		reflect.TypeFor[finding.Finding]():     12,
		reflect.TypeFor[finding.Links]():       4,
		reflect.TypeFor[finding.ResourceRef](): 4,
		reflect.TypeFor[evidence.Source]():     5,
	}
	for typ, n := range want {
		require.Equal(t, n, typ.NumField(), "%s has a field appendFinding does not write: add it there and to this count", typ)
	}
}

func FuzzAppendFinding(f *testing.F) {
	for _, s := range awkwardStrings {
		f.Add(s, s, s, 1)
	}
	f.Fuzz(func(t *testing.T, id, msg, key string, line int) {
		fd := gateFixture().Findings[0]
		ref := *fd.Resource
		fd.Resource = &ref
		fd.ControlID, fd.Message, fd.Resource.ID = id, msg, id+msg
		fd.Resource.Source.Line = line
		fd.Frameworks = map[string][]string{key: {msg}, key + "2": {id}}
		got, err := appendFinding(nil, &fd)
		if err != nil {
			t.Fatal(err)
		}
		if want := reflectFinding(t, &fd); !bytes.Equal(got, want) {
			t.Fatalf("appendFinding differs from encoding/json:\n%s\n%s", got, want)
		}
	})
}

// TestWriteJSONBaselineIsTheSame: the baseline path (encoding/json per
// finding, finding.BaselineEnv) and appendFinding write the same report.
func TestWriteJSONBaselineIsTheSame(t *testing.T) {
	t.Parallel()
	r := manyFindings(50)
	var now, before bytes.Buffer
	require.NoError(t, WriteJSON(&now, r))
	head := *r
	head.Findings = nil
	require.NoError(t, encodeStreamed(&before, &head, 1, "findings", func(emit func(any) error) error {
		for i := range r.Findings {
			if err := emit(&r.Findings[i]); err != nil {
				return err
			}
		}
		return nil
	}))
	require.Equal(t, before.String(), now.String())
	// And what encoding the whole report at once writes.
	var whole bytes.Buffer
	enc := json.NewEncoder(&whole)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	require.NoError(t, enc.Encode(r))
	require.Equal(t, whole.String(), now.String())
	require.True(t, strings.Contains(now.String(), `"findings": [`))
}
