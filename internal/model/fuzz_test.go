package model

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// FuzzWorkspace loads any bytes as a workspace file, as `rampart audit`
// reads WORKSPACE/*.hcl, and holds the loader to its contract: it never
// panics (nor overflows the stack), and every diagnostic points at source —
// a file name and a line/column range that starts at 1:1 or later and does
// not end before it starts — so a person can find what to fix. Seeds are in
// testdata/fuzz/FuzzWorkspace and the good and bad test workspaces; run
// longer with
//
//	go test -run '^$' -fuzz FuzzWorkspace -fuzztime 60s -fuzzminimizetime 2s ./internal/model/
func FuzzWorkspace(f *testing.F) {
	seeds, err := filepath.Glob("testdata/*/*.hcl")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range seeds {
		src, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		dir := t.TempDir()
		file := filepath.Join(dir, "w.hcl")
		if err := os.WriteFile(file, src, 0o644); err != nil {
			t.Fatal(err)
		}
		ws, diags := Load(Input{Dir: dir, KnownControl: known})
		if ws == nil {
			t.Fatal("Load returned no workspace")
		}
		for _, d := range diags {
			checkDiagnosticRange(t, d, file, src)
		}
		if !diags.HasErrors() {
			// A workspace without errors is usable: the claims and the
			// durations validation filled are there to read.
			for _, tr := range ws.Trainings {
				if tr.ValidFor != "" && tr.Validity <= 0 {
					t.Fatalf("training %q: valid_for %q accepted as %v", tr.ID, tr.ValidFor, tr.Validity)
				}
			}
			for _, p := range ws.Policies {
				if p.ReviewEvery != "" && p.ReviewInterval <= 0 {
					t.Fatalf("policy %q: review_every %q accepted as %v", p.ID, p.ReviewEvery, p.ReviewInterval)
				}
			}
		}
	})
}

func checkDiagnosticRange(t *testing.T, d *hcl.Diagnostic, file string, src []byte) {
	t.Helper()
	r := d.Subject
	switch {
	case r == nil:
		t.Fatalf("diagnostic without a range: %s: %s", d.Summary, d.Detail)
	case r.Filename != file:
		t.Fatalf("diagnostic names file %q, want %q: %s", r.Filename, file, d.Summary)
	case r.Start.Line < 1 || r.Start.Column < 1:
		t.Fatalf("diagnostic starts at %d:%d: %s", r.Start.Line, r.Start.Column, d.Summary)
	case r.End.Byte < r.Start.Byte || r.End.Line < r.Start.Line:
		t.Fatalf("diagnostic range ends (%d:%d) before it starts (%d:%d): %s", r.End.Line, r.End.Column, r.Start.Line, r.Start.Column, d.Summary)
	case r.End.Byte > len(src):
		t.Fatalf("diagnostic range ends at byte %d of a %d-byte file: %s", r.End.Byte, len(src), d.Summary)
	}
}
