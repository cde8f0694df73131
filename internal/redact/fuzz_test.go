package redact

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzString checks the properties every caller relies on: no panic,
// redacting twice changes nothing, what comes out holds nothing any rule
// matches, and a known secret set apart by spaces never survives whatever
// surrounds it. `go test -fuzz FuzzString ./internal/redact/` explores;
// plain `go test` runs the seeds.
func FuzzString(f *testing.F) {
	for _, s := range samples() {
		f.Add(s, "", "")
		f.Add("x", "https://u:", "@host")
		f.Add(s, "authorization: basic", "\n-----END X-----")
	}
	f.Add("AKIAAKIAAKIAAKIAAKIAAKIAAKIAAKIA", "?token=", "&sig=[")
	f.Add("-----BEGIN A-----", "-----BEGIN B-----", "-----END A-----")
	f.Add("ghp_ghp_ghp_ghp_ghp_ghp_ghp_ghp_", "github_pat_", "____________________________")
	f.Fuzz(func(t *testing.T, s, prefix, suffix string) {
		for _, in := range []string{s, prefix + s + suffix} {
			out := String(in)
			if again := String(out); again != out {
				t.Fatalf("not idempotent:\n in: %q\nout: %q\nagain: %q", in, out, again)
			}
			if k := Found(out); k != nil {
				t.Fatalf("output still holds %v: %q (from %q)", k, out, in)
			}
			if utf8.ValidString(in) && !utf8.ValidString(out) {
				t.Fatalf("valid UTF-8 became invalid: %q → %q", in, out)
			}
		}
		for _, secret := range samples() {
			out := String(prefix + " " + secret + " " + suffix)
			if strings.Contains(out, secret) {
				t.Fatalf("%q survived between %q and %q: %q", secret, prefix, suffix, out)
			}
		}
	})
}
