package terraform

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/stretchr/testify/require"
)

// renderDiags is what the gate prints for diagnostics: hcl's text writer
// over the result's files (source lines and "in resource …" headings).
func renderDiags(t *testing.T, res *Result) string {
	t.Helper()
	var b bytes.Buffer
	w := hcl.NewDiagnosticTextWriter(&b, res.Files, 100, false)
	for _, d := range res.Diagnostics {
		require.NoError(t, w.WriteDiagnostic(d))
	}
	return b.String()
}

// requireSameResult holds a child's result to the in-process one: the
// snapshot value for value, every diagnostic field the writer reads, and
// the printed diagnostics byte for byte.
func requireSameResult(t *testing.T, want, got *Result) {
	t.Helper()
	require.Equal(t, want.Snapshot, got.Snapshot)
	require.Equal(t, len(want.Diagnostics), len(got.Diagnostics))
	for i, w := range want.Diagnostics {
		g := got.Diagnostics[i]
		require.Equal(t, w.Severity, g.Severity, "diagnostic %d", i)
		require.Equal(t, w.Summary, g.Summary, "diagnostic %d", i)
		require.Equal(t, w.Detail, g.Detail, "diagnostic %d", i)
		require.Equal(t, w.Subject, g.Subject, "diagnostic %d", i)
		require.Equal(t, w.Context, g.Context, "diagnostic %d", i)
		require.Nil(t, w.Expression, "the child does not carry expressions; diagnostic %d has one", i)
	}
	require.Equal(t, renderDiags(t, want), renderDiags(t, got))
}

// TestLoadInChildMatchesLoad runs every testdata case (and a folder without
// Terraform) in process and in the child: the gate must judge the same
// snapshot whichever way it was read.
func TestLoadInChildMatchesLoad(t *testing.T) {
	t.Parallel()
	cases, err := os.ReadDir(filepath.Join("testdata", "cases"))
	require.NoError(t, err)
	sawErrors, sawWarnings, sawContext := false, false, false
	for _, c := range cases {
		opts := Options{}
		if c.Name() == "tfvars" {
			opts.VarFiles = []string{"extra.tfvars.in"}
		}
		dir := Dir(filepath.Join("testdata", "cases", c.Name()))
		want, err := Load(context.Background(), dir, []string{"."}, opts)
		require.NoError(t, err, c.Name())
		got, err := LoadInChild(context.Background(), dir, []string{"."}, opts, Limits{})
		require.NoError(t, err, c.Name())
		t.Run(c.Name(), func(t *testing.T) { requireSameResult(t, want, got) })
		sawErrors = sawErrors || want.Diagnostics.HasErrors()
		sawWarnings = sawWarnings || (len(want.Diagnostics) > 0 && !want.Diagnostics.HasErrors())
		sawContext = sawContext || strings.Contains(renderDiags(t, want), ", in ")
	}
	// The comparison covers what it claims to: error and warning
	// diagnostics, and the headings that need the parsed body.
	require.True(t, sawErrors && sawWarnings && sawContext, "errors %v, warnings %v, headings %v", sawErrors, sawWarnings, sawContext)

	empty := Dir(t.TempDir())
	_, want := Load(context.Background(), empty, []string{"."}, Options{})
	_, got := LoadInChild(context.Background(), empty, []string{"."}, Options{}, Limits{})
	require.ErrorIs(t, want, ErrNoConfiguration)
	require.ErrorIs(t, got, ErrNoConfiguration)
	require.Equal(t, want.Error(), got.Error())
}

// tripleFor builds a billion-element local without a function call.
const tripleFor = "locals {\n  x = [for a in range(1000) : [for b in range(1000) : [for c in range(1000) : c]]]\n}\n" +
	"resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b-${length(local.x)}\"\n}\n"

// TestLoadInChildLimits: a configuration that exhausts memory or time
// kills the child, and the parent says which limit, without having grown.
func TestLoadInChildLimits(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src string
		lim       Limits
		want      string
	}{
		{"memory", tripleFor, Limits{Memory: 128 << 20},
			"terraform: evaluating the configuration exceeded the memory limit of 128 MiB (nested for expressions or huge collections?)"},
		// Each inner list is dropped at once: memory stays low, time does not.
		{"time", "locals {\n  x = length([for a in range(1000) : length([for b in range(1000) : [for c in range(1000) : c]])])\n}\n" +
			"resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b-${local.x}\"\n}\n",
			Limits{Memory: 1 << 30, Time: 500 * time.Millisecond},
			"terraform: evaluating the configuration exceeded the time limit of 500ms (nested for expressions or huge collections?)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(tt.src), 0o644))
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			res, err := LoadInChild(context.Background(), Dir(dir), []string{"."}, Options{}, tt.lim)
			runtime.ReadMemStats(&after)
			require.Nil(t, res)
			require.EqualError(t, err, tt.want)
			require.Less(t, time.Since(start), 60*time.Second)
			// The parent held none of it (the test binary's other tests run
			// beside this one, hence the margin).
			require.Less(t, int64(after.HeapAlloc)-int64(before.HeapAlloc), int64(64<<20))
		})
	}
}

// TestLoadInChildInterrupted: a cancelled run stops the child and says
// it was cancelled, not that a limit was exceeded.
func TestLoadInChildInterrupted(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(tripleFor), 0o644))
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, err := LoadInChild(ctx, Dir(dir), []string{"."}, Options{}, Limits{Memory: 1 << 30})
	require.True(t, errors.Is(err, context.DeadlineExceeded), "%v", err)
}

// TestLoadInChildBadAnswer: an answer that does not decode is an error,
// never an empty result.
func TestLoadInChildBadAnswer(t *testing.T) {
	t.Parallel()
	for _, data := range []string{"", "{", `{"snapshot": {"schema": "rampart.evidence/v1", "resources": []}}`, `{"extra": 1}`, `{} {}`, `{} x`, "{}\n",
		`{"snapshot_bytes": 62}{"schema": "rampart.evidence/v1", "resources": [], "bogus": 1}`, // not evidence
		`{"snapshot_bytes": 99}{}`, `{"snapshot_bytes": -1}{}`, `{"snapshot_bytes": 1}{}`, // not the bytes announced
		`{"error": "x", "snapshot_bytes": 2}{}`, // both
	} {
		res, err := decodeResponse([]byte(data))
		require.Nil(t, res, data)
		require.Error(t, err, data)
		if strings.Contains(data, "bogus") {
			require.ErrorContains(t, err, "evidence", "the strict evidence decoder rejects it")
		}
	}
}

// TestResponseFramesTheSnapshot: the child's answer is its envelope
// followed by the snapshot's JSON exactly as json.Marshal writes it, and
// decodeResponse reads back the same snapshot and diagnostics, for every
// testdata case (with and without diagnostics and files) and a result
// with nothing but a snapshot; a byte more or less is an error.
func TestResponseFramesTheSnapshot(t *testing.T) {
	t.Parallel()
	cases, err := os.ReadDir(filepath.Join("testdata", "cases"))
	require.NoError(t, err)
	results := []*Result{}
	for _, c := range cases {
		opts := Options{}
		if c.Name() == "tfvars" {
			opts.VarFiles = []string{"extra.tfvars.in"}
		}
		res, err := Load(context.Background(), Dir(filepath.Join("testdata", "cases", c.Name())), []string{"."}, opts)
		require.NoError(t, err, c.Name())
		results = append(results, res)
	}
	bare := *results[0]
	bare.Diagnostics, bare.Files = nil, nil
	results = append(results, &bare)
	sawSnapshot, sawNone := false, false
	for i, res := range results {
		got, err := response(res, nil)
		require.NoError(t, err)
		if res.Snapshot != nil {
			snap, err := json.Marshal(res.Snapshot)
			require.NoError(t, err)
			require.True(t, bytes.HasSuffix(got, snap), "result %d: the answer does not end with the snapshot", i)
			var env childResponse
			require.NoError(t, json.Unmarshal(got[:len(got)-len(snap)], &env), "result %d", i)
			require.Equal(t, len(snap), env.SnapshotBytes, "result %d", i)
			sawSnapshot = true
		} else {
			sawNone = true
		}
		back, err := decodeResponse(got)
		require.NoError(t, err, "result %d", i)
		requireSameResult(t, res, back)
		_, err = decodeResponse(append(append([]byte(nil), got...), '}'))
		require.Error(t, err, "result %d with a byte more", i)
		if res.Snapshot != nil {
			_, err = decodeResponse(got[:len(got)-1])
			require.Error(t, err, "result %d with a byte less", i)
		}
	}
	require.True(t, sawSnapshot && sawNone, "snapshots %v, results without one %v", sawSnapshot, sawNone)
}
